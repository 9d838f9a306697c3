"""First-paint probe for bench/run.py: with GWR_BENCH_PAINTED=1 (and bench/ on PYTHONPATH) the app reports its
first paint and quits. It lives here, outside the shipped package; the app imports it only when the bench asks.

The benchmark times `python main.py` from process spawn to the printed line and compares it with
bench/bare_window.py, which uses this same probe, so both sides measure exactly the same moment.
The line also carries the process's peak resident memory so far (kB), for the rss_mb figure.
"""

from __future__ import annotations

import os
import resource

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV_VAR = "GWR_BENCH_PAINTED"
PAINTED_MARK = "GWR_BENCH_PAINTED"


def wanted() -> bool:
    return bool(os.environ.get(ENV_VAR))


class FirstPaintProbe(QObject):
    """Reports once, on the event-loop turn after the window's first paint event (the whole frame is done)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(PAINTED_MARK, peak_kb, flush=True)
        QCoreApplication.quit()
