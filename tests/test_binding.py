"""Regression: PySide6-Essentials 6.12.0 on Python 3.11 lost a reference to None on every void Qt call
and aborted the interpreter ("Fatal Python error: none_dealloc"); pyproject excludes that release."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QCheckBox
app = QApplication([])
box = QCheckBox()
before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
for _ in range(20000):
    box.update()
    box.setChecked(True)
    box.setChecked(False)
after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
print([a - b for a, b in zip(after, before)])
"""


def test_void_qt_calls_keep_none_true_and_false_alive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    deltas = [int(v) for v in done.stdout.strip().strip("[]").split(",")]
    assert all(abs(delta) < 10 for delta in deltas), deltas  # 60,000 calls: no per-call loss
