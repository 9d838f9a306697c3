"""Every test marked `xcb`, run again on a real X server: Xvfb with a 1366×768 screen and Qt's xcb platform, the
one a Linux desktop uses. Offscreen alone let a blank print preview and a window that could not open on X pass;
here windows are mapped, painted, activated and take keys, and every dialog must fit the smallest screen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.xvfb import SCREEN, UNDER_XVFB, on_x_server

ROOT = Path(__file__).resolve().parents[1]
MIN_TESTS = 25  # the marked subset: every dialog (tests/officer/test_every_dialog.py), previews, key presses


@pytest.mark.skipif(on_x_server(), reason="this is the run under Xvfb")
def test_xcb_marked_tests_pass_under_xvfb() -> None:
    if shutil.which("xvfb-run") is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run missing in CI: run tools/setup_system.sh")
        pytest.skip("xvfb-run not installed (tools/setup_system.sh installs it)")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", UNDER_XVFB: "1", "CI": ""}
    env.pop("GWR_TEST_PG_URL", None)  # the child tests SQLite only: the parent run covers PostgreSQL
    screen = f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24"
    result = subprocess.run(["xvfb-run", "-a", "-s", screen, sys.executable, "-m", "pytest", "-q", "-p",  # noqa: S603,S607
                             "no:cacheprovider", "-m", "xcb", "-k", "not postgresql", str(ROOT / "tests")],
                            capture_output=True, text=True, env=env, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    passed = int(re.search(r"(\d+) passed", summary).group(1)) if " passed" in summary else 0
    assert passed >= MIN_TESTS and "skipped" not in summary and "failed" not in summary, summary
