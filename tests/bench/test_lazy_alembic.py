"""Start-up speed: a database already at head opens without importing Alembic, and the alembic-free
reading of the version scripts agrees with Alembic's own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gwr_desktop.storage import migrate
from gwr_desktop.storage.engine import make_engine

ROOT = Path(__file__).resolve().parents[2]

OPEN_AND_LIST_MODULES = """
import json, sys
from gwr_desktop.services.database import open_database
db = open_database(sys.argv[1])
db.close()
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] == "alembic")))
"""


def _alembic_modules_after_open(url: str, tmp_path: Path) -> list[str]:
    env_lines = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST_MODULES, url], cwd=ROOT, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "GWR_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)},
        check=True, timeout=60,
    ).stdout.strip().splitlines()
    return json.loads(env_lines[-1])


def test_database_at_head_opens_without_importing_alembic(sqlite_url: str, tmp_path: Path) -> None:
    assert _alembic_modules_after_open(sqlite_url, tmp_path) != []  # a new file is migrated: Alembic runs
    assert _alembic_modules_after_open(sqlite_url, tmp_path) == []  # the second start finds it at head


def test_scripted_revisions_agree_with_alembic(sqlite_url: str) -> None:
    from alembic.script import ScriptDirectory

    engine = make_engine(sqlite_url)
    scripts = ScriptDirectory.from_config(migrate._config(engine))
    engine.dispose()
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {script.revision for script in scripts.walk_revisions()}
    for script in scripts.walk_revisions():
        assert migrate.scripted_revisions()[script.revision] == tuple(script._all_down_revisions)


def test_upgrade_at_head_changes_nothing(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine)
    assert not migrate.needs_upgrade(engine)
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()
