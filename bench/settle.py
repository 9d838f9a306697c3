"""When the event loop is free again: the moment the officer could type the next key.

`settle()` runs the event loop until it has been quiet for `quiet_ms` and returns when the last burst of work
ended (time.monotonic, the same clock in every process on the machine, so a child's moment can be compared
with the parent's spawn time). Quiet means the event dispatcher signalled neither `aboutToBlock` nor `awake`
— it signals at least one of them around every iteration that does work (posted events, timers of any
interval, paints, queued signals from threads): Qt's glib dispatcher (the default on Linux) signals `awake`
right after each iteration's work and `aboutToBlock` right before the next. So work the app defers with a
timer (a 0-ms refresh, a short debounce) is counted as long as it starts within `quiet_ms` of the previous
work; the quiet time itself is not counted.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop, QTimer

QUIET_MS = 120  # longer than any gap between the pieces of one action's work, shorter than a typist's pause


class Settle:
    """Records the dispatcher's signals; `wait()` returns the end of the last work before a quiet spell."""

    def __init__(self, quiet_ms: int = QUIET_MS) -> None:
        self.last = time.monotonic()
        self._dispatcher = QAbstractEventDispatcher.instance()
        self._loop = QEventLoop()
        self._quiet = QTimer(singleShot=True, interval=quiet_ms)
        self._quiet.timeout.connect(self._loop.quit)
        self._dispatcher.aboutToBlock.connect(self._seen)
        self._dispatcher.awake.connect(self._seen)

    def _seen(self) -> None:
        if not self._quiet.isActive():
            return  # not waiting, or the quiet spell is over (its own timer woke the loop)
        self.last = time.monotonic()
        self._quiet.start()  # restart: work is still going on

    def wait(self, timeout_s: float = 300.0) -> float:
        """Run the loop until quiet; the monotonic time at which the last work ended."""
        self.last = time.monotonic()
        guard = QTimer(singleShot=True, interval=int(timeout_s * 1000))
        guard.timeout.connect(self._loop.quit)
        guard.start()
        self._quiet.start()
        self._loop.exec()
        guard.stop()
        if not self._quiet.isActive() and time.monotonic() - self.last > timeout_s:
            raise TimeoutError(f"the event loop did not settle within {timeout_s:.0f} s")
        return self.last

    def close(self) -> None:
        self._dispatcher.aboutToBlock.disconnect(self._seen)
        self._dispatcher.awake.disconnect(self._seen)


def settle(quiet_ms: int = QUIET_MS, timeout_s: float = 300.0) -> float:
    watcher = Settle(quiet_ms)
    try:
        return watcher.wait(timeout_s)
    finally:
        watcher.close()
