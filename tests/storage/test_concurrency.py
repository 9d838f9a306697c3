"""Concurrent writers on one SQLite file: each waits its turn; none is refused, none ends in a traceback.

Before write transactions began IMMEDIATE, 2 `fill` processes and 2 window-style editors × 25 runs on one file
refused 12 of 100 edits and ended 46 of 100 fills in tracebacks (`database is locked`).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content
from gwr_desktop.services.database import DatabaseBusyError, open_database
from gwr_desktop.storage import engine as storage_engine
from tests.storage.conftest import ROOT, UNIT, lock_held, plan_form

RUNS = 12  # per process; each run opens, writes and closes like a separate `fill` or edit


def test_four_writer_processes_all_get_through(plan_file: Path, fill_json: Path) -> None:
    workers = [["fill", str(plan_file), str(fill_json), str(RUNS)]] * 2 + \
              [["edit", f"sqlite:///{plan_file}", str(RUNS)]] * 2
    children = [subprocess.Popen([sys.executable, "-m", "tests.storage.concurrency_child", *args],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
                for args in workers]
    outcomes: Counter[str] = Counter()
    for child in children:
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err[-3000:]
        assert "Traceback" not in err, err[-3000:]
        for line in out.splitlines():
            if not line.startswith("waits"):
                outcomes[line.split(" ", 1)[0]] += 1
    assert outcomes == Counter(ok=4 * RUNS), outcomes  # 0 refused that should have waited, 0 tracebacks
    db = open_database(f"sqlite:///{plan_file}")
    try:
        content = plan_form(db)
        principal = content.header.get("principal", "")
        assert principal == "张三" or principal.startswith("主要负责人")
        assert all(item.entries for item in content.items)  # the fills' rows are all there, whole
    finally:
        db.close()


def test_a_read_does_not_queue_behind_a_writer_and_a_write_waits_announced(plan_file: Path) -> None:
    db = open_database(f"sqlite:///{plan_file}")
    waits: list[bool] = []
    db.on_write_wait(waits.append)
    try:
        with subprocess.Popen([sys.executable, "-m", "tests.storage.lock_child", str(plan_file), "write", "1.5"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT) as holder:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            started = time.monotonic()
            plan_form(db)  # a read: deferred
            assert time.monotonic() - started < 1.0 and waits == []
            # a write: waits for the holder to let go
            form_content.set_header(db, "2023", UNIT, FormKind.PLAN, "principal", "王五")
            waited = time.monotonic() - started
        assert waits == [True, False] and waited >= 1.0
        assert plan_form(db).header.get("principal", "") == "王五"
    finally:
        db.close()


def test_a_wait_longer_than_the_limit_is_a_clear_refusal(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_engine, "WRITE_WAIT_SECONDS", 1.0)
    db = open_database(f"sqlite:///{plan_file}")
    waits: list[bool] = []
    db.on_write_wait(waits.append)
    try:
        with lock_held(plan_file, "write"), pytest.raises(DatabaseBusyError) as refused:
            form_content.set_header(db, "2023", UNIT, FormKind.PLAN, "principal", "赵六")
        assert "数据库正被另一程序写入" in str(refused.value) and "请稍后重试" in str(refused.value)
        assert waits == [True, False]
        assert plan_form(db).header.get("principal", "") == ""
        # the database is usable at once afterwards
        form_content.set_header(db, "2023", UNIT, FormKind.PLAN, "principal", "赵六")
    finally:
        db.close()
