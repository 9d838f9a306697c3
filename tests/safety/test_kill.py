"""Kill test: a short run of bench/soak_kill.py — SIGKILLs at random moments, zero acknowledged edits lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SOAK = Path(__file__).resolve().parents[2] / "bench" / "soak_kill.py"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_no_acknowledged_edit_is_lost_across_random_sigkills(tmp_path: Path) -> None:
    completed = subprocess.run([sys.executable, str(SOAK), "--trials", "8", "--seed", "3", "--json",
                                "--db", str(tmp_path / "kill.db")], capture_output=True, text=True, timeout=120)
    assert completed.returncode in (0, 1) and completed.stdout.strip(), completed.stderr[-3000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["problems"] == []
    assert result["ok"] is True
    assert result["lost"] == 0 and result["integrity_failures"] == 0 and result["counter_mismatches"] == 0
    assert result["partial_plans"] == 0 and result["bad_backups"] == 0
    assert result["trials"] == 8
    # The kills landed among real, committed edits and backups, not only during start-up.
    assert result["acknowledged"] >= 20
    assert result["kills_by_phase"].get("edits", 0) + result["kills_by_phase"].get("backup", 0) >= 4
