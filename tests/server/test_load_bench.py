"""The load bench (bench/server_load.py) at a small size: it runs end to end, and nothing is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgres
def test_a_small_load_run_loses_nothing() -> None:
    if not os.environ.get("GWR_TEST_PG_URL"):
        pytest.skip("needs PostgreSQL (GWR_TEST_PG_URL says the suite has one)")
    done = subprocess.run([sys.executable, "bench/server_load.py", "--units", "6", "--seconds", "5", "--processes",
                           "2", "--overlap", "0.6", "--think", "0.2", "0.8"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:] + done.stdout[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["commits"] > 20 and figures["lost_edits"] == 0 and figures["broken_histories"] == 0
    assert figures["errors"] == [] and figures["p95_ms"] is not None
