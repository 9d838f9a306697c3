"""The benchmark suite runs end to end at tiny sizes and ends with its JSON line (figures are not judged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {"startup_ratio", "import_ms", "filter_ms_322", "filter_ms_32200", "export_s", "export_ratio", "rss_mb",
           "parse_s_32k"}


def test_bench_suite_runs_and_ends_with_the_figures() -> None:
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--only", "startup,filter,parse"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    assert set(figures) == FIGURES
    for name in ("startup_ratio", "filter_ms_322", "filter_ms_32200", "parse_s_32k"):
        assert isinstance(figures[name], float) and figures[name] > 0, (name, done.stdout)
    assert "| `startup_ratio` |" in done.stdout
    assert "失败" not in done.stdout, done.stdout
