"""Baseline for the start-up ratio: a bare PySide6 main window with one empty table, shown and painted.

Uses the same first-paint probe as the app (bench/first_paint_probe.py: PySide6 and the standard library), so both
sides print `GWR_BENCH_PAINTED <peak RSS kB>` at the same moment; bench/run.py times spawn → line.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from first_paint_probe import FirstPaintProbe  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView(window))
    window.resize(1400, 860)
    probe = FirstPaintProbe(window)  # noqa: F841 - owned by the window
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
