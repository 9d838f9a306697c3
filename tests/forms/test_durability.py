"""Kill -9 at random moments while edits are being committed: every edit reported committed survives.

Reliability target §5.1: 0 acknowledged edits lost and 0 integrity_check failures (WAL + synchronous=FULL).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database, open_database
from tests.forms.conftest import PLAN, UNIT

TRIALS = 12
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(url: str, seed: int, delay: float) -> list[tuple[str, int, int]]:
    child = subprocess.Popen([sys.executable, "-m", "tests.forms.durability_child", url, str(seed)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    acknowledged = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "ok":  # a line cut by the kill is not an acknowledgement
            acknowledged.append((parts[2], int(parts[1]), int(parts[3])))
    return acknowledged


def test_acknowledged_edits_survive_sigkill(sqlite_db: Database) -> None:
    url = sqlite_db.url
    sqlite_db.close()
    rng = random.Random(20230210)
    total = 0
    for trial in range(TRIALS):
        acknowledged = _run_and_kill(url, trial, rng.uniform(1.2, 2.5))  # start-up takes ~1 s; then edits run
        total += len(acknowledged)
        db = open_database(url)
        try:
            with db.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            items = {i.key: i for i in fc.load_content(db, PLAN, UNIT, FormKind.PLAN).items}
            for key, n, index in acknowledged:
                entry = items[key].entries[index]
                assert entry.get("content").startswith(f"第{trial}轮第{n}次") and entry.get("period") == "3-6月"
        finally:
            db.close()
    assert total > TRIALS  # the kills landed while edits were flowing, not only during start-up
