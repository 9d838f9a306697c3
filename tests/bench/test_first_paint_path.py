"""Start-up speed without shortcuts on safety: the window paints before SQLAlchemy, Alembic or any exporter is
imported — from the view cached by the last run, or without one from the registry — and takes input at
once; the services open on a thread right after, and the start-up backup is still taken — after the first
paint, before anything could write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from gwr_desktop.safety import backup as backups
from gwr_desktop.storage.urls import is_sqlite, sqlite_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

# Runs the app like main.py; at the first paint it notes what is loaded and what is backed up, then waits
# until the services are attached (the tabs of install_pages appear) and quits.
RUN_APP = """
import json, sys
from PySide6.QtCore import QCoreApplication, QTimer
import first_paint_probe as bench_probe
from gwr_desktop.safety import backup as backups
from pathlib import Path

seen = {}
folder = backups.backup_folder(Path(sys.argv[1]))

def count_backups():
    return len(backups.list_backups(folder)) if folder.exists() else 0

def at_first_paint(self):
    seen["modules"] = sorted(sys.modules)
    seen["backups_at_paint"] = count_backups()
    window = self.parent()
    seen["rows_at_paint"] = window.browser.table_model.rowCount()
    seen["unit_at_paint"] = window.unit_name
    seen["unit_choice_at_paint"] = window.switch_unit_action.isEnabled()
    seen["import_at_paint"] = window.import_plan_action.isEnabled()
    seen["tabs_at_paint"] = window.tabs.count()
    def when_attached():
        if window.db is None:
            QTimer.singleShot(20, when_attached)
            return
        seen["backups_after"] = count_backups()
        seen["tabs"] = window.tabs.count()
        seen["import_after"] = window.import_plan_action.isEnabled()
        seen["rows_after"] = window.browser.table_model.rowCount()
        seen["unit_after"] = window.unit_name
        QCoreApplication.quit()
    when_attached()

bench_probe.FirstPaintProbe._report = at_first_paint
from gwr_desktop.cli import main
seen["code"] = main(["--db", sys.argv[1]])
seen["modules_at_exit"] = sorted(sys.modules)
print("SEEN", json.dumps(seen, ensure_ascii=False))
"""
NOT_BEFORE_FIRST_PAINT = ("sqlalchemy", "alembic", "openpyxl", "docx")


def run_app(db: Path, data: Path) -> dict:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}", "QT_QPA_PLATFORM": "offscreen",
           "GWR_DATA_DIR": str(data), "GWR_BENCH_PAINTED": "1"}
    done = subprocess.run([sys.executable, "-c", RUN_APP, str(db)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.split("SEEN", 1)[1])


def loaded_early(modules: list[str]) -> list[str]:
    return [name for name in modules if name.split(".")[0] in NOT_BEFORE_FIRST_PAINT]


def test_the_cached_view_paints_before_sqlalchemy_and_the_backup_follows(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    generate.build_database(db, 1, tmp_path)  # 2023 plan, 市商务局 chosen, no backups, no cached view
    first = run_app(db, tmp_path / "data")  # no cached view yet: the services show it, then keep it
    assert first["code"] == 0 and first["unit_at_paint"] is None and first["rows_at_paint"] == 0
    assert loaded_early(first["modules"]) == []
    assert (first["unit_after"], first["rows_after"]) == ("市商务局", 322)

    for path in backups.backup_folder(db).glob("*"):  # as if the data changed since the newest backup
        path.unlink()
    second = run_app(db, tmp_path / "data")
    assert second["code"] == 0
    assert loaded_early(second["modules"]) == []
    assert "gwr_desktop.ui.main_window" in second["modules"]
    assert (second["unit_at_paint"], second["rows_at_paint"]) == ("市商务局", 322)
    assert second["unit_choice_at_paint"] is True  # usable at first paint; a choice waits for the services
    assert second["import_at_paint"] is False and second["import_after"] is True
    assert second["tabs_at_paint"] == 2  # 责任事项 and 填报 (which says it is opening)
    assert second["tabs"] == 4  # then, with the services: 配合材料 and 督查室汇总 (issue 13)
    assert "sqlalchemy.orm" in second["modules_at_exit"]
    assert second["backups_at_paint"] == 0 and second["backups_after"] == 1
    (taken,) = backups.list_backups(backups.backup_folder(db))
    assert taken.reason == "startup"


def test_database_urls_are_read_as_sqlalchemy_reads_them() -> None:
    urls = ["sqlite:///x.db", "sqlite:////abs/x.db", "sqlite://", "sqlite:///:memory:",
            "sqlite+pysqlite:///a/b.db?mode=ro", "sqlite:///%E4%B8%AD.db", "sqlite:////tmp/中 文.db",
            "sqlite:///C:\\data\\gwr.db", "postgresql+psycopg://user:secret@host:5432/gwr"]
    for url in urls:
        parsed = make_url(url)
        expected = parsed.database if parsed.get_backend_name() == "sqlite" else None
        expected = None if expected in (None, "", ":memory:") else Path(expected)
        assert sqlite_file(url) == expected, url
        assert is_sqlite(url) == (parsed.get_backend_name() == "sqlite"), url
