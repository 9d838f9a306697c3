"""The benchmark suite runs end to end at tiny sizes and ends with its JSON line (figures are not judged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from run import TARGETS  # noqa: E402

MEASURED = ("startup_ratio", "usable_ratio", "edit_ms_215", "edit_ms_2135", "open_forms_ms_215", "filter_ms_322",
            "filter_ms_32200", "parse_s_32k")


def test_bench_suite_runs_and_ends_with_the_figures() -> None:
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--only", "startup,usable,edit,filter,parse"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1])
    assert set(figures) == set(TARGETS)  # every key, measured or not (null), so readers can rely on them
    for name in MEASURED:
        assert isinstance(figures[name], float) and figures[name] > 0, (name, done.stdout)
    assert "| `startup_ratio` |" in done.stdout
    assert "失败" not in done.stdout, done.stdout
    assert "values read back: all" in done.stdout  # the edits through the editor really landed
