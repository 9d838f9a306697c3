"""A new SQLite database appears complete or not at all, even when the first start is killed while building it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gwr_desktop.safety.startup_checks import DbState, check_database
from gwr_desktop.services.database import open_database
from gwr_desktop.storage import migrate
from tests.storage.conftest import ROOT


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_first_start_killed_while_building_leaves_nothing_or_a_whole_database(tmp_path: Path) -> None:
    rng = random.Random(17)
    outcomes: set[str] = set()
    for trial in range(8):
        path = tmp_path / f"trial{trial}" / "gwr.db"
        path.parent.mkdir()
        with subprocess.Popen([sys.executable, "-m", "tests.storage.create_child", str(path)],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT) as child:
            assert child.stdout is not None and child.stdout.readline().strip() == "creating"
            time.sleep(rng.uniform(0.0, 0.25))  # the migration to head takes a few hundred ms here
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        check = check_database(str(path))
        if path.exists():
            assert check.state is DbState.OK and check.revision == migrate.head_revision(), check.message
            outcomes.add("whole")
        else:
            assert check.state is DbState.NEW
            outcomes.add("nothing")
        open_database(str(path)).close()  # the next start opens (or builds) it without a word
        assert check_database(str(path)).state is DbState.OK
        assert sorted(p.name for p in path.parent.iterdir()) == ["gwr.db"]  # no half-built file left over
    assert "nothing" in outcomes  # the kills did land while the database was being built


def test_a_database_put_in_place_is_already_in_wal_mode(tmp_path: Path, plan_file: Path) -> None:
    """Neither a new database nor a restored one is switched to WAL by its first open (a -journal moment)."""
    from gwr_desktop.safety.restore import restore_backup

    new = tmp_path / "new.db"
    open_database(str(new)).close()
    damaged = tmp_path / "damaged.db"
    damaged.write_text("不是数据库" * 100, encoding="utf-8")
    restore_backup(damaged, plan_file)
    for path in (new, damaged):
        assert path.read_bytes()[18:20] == b"\x02\x02", path  # the header's file format: WAL
        assert sorted(p.name for p in path.parent.glob(path.name + "-*")) == []
