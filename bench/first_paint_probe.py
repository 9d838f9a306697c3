"""Start-up probes for bench/run.py. With GWR_BENCH_PAINTED set (and bench/ on PYTHONPATH) the app hands its
window to `FirstPaintProbe`; the value of the variable says what to report, then the process quits. It lives
here, outside the shipped package; the app imports it only when the bench asks.

    GWR_BENCH_PAINTED=1        `GWR_BENCH_PAINTED <peak kB>` on the event-loop turn after the first paint
    GWR_BENCH_PAINTED=usable   `GWR_BENCH_USABLE {json}` once the window accepts input (below), and when the
                               services are attached
    GWR_BENCH_PAINTED=session  `GWR_BENCH_SESSION {json}`: usable, then 填报 opened, one 附表1 cell typed and
                               committed through the editor, 附表1 exported as docx/xlsx/pdf; the peak memory
    GWR_BENCH_PAINTED=edit     `GWR_BENCH_EDIT {json}`: once the services are attached, 填报 and 附表1 opened
                               and GWR_BENCH_EDIT_REPS cells committed through the editor (bench/drive.py)

"Accepts input" (usable): the window is shown and painted, its controls are live — 切换单位 enabled and a
填报 tab present (it may say it is still loading) — and a key posted to the widget the officer types into
(the unit chooser's search box when it is open, else the task search box; the bare window's table) has been
handled and what it changed repainted: a marker event posted after the key is delivered once the key is
handled (posted events are delivered in order); then the end of the target's next paint (the turn of the
loop after its Paint event), or the marker's time when nothing repaints within 200 ms.
Work that keeps running without blocking input (a fade-in animation, the services still opening in a
thread) is not counted; work on the event loop that delays the key (services opened on it) is. Times are
`time.monotonic()`, the clock the parent process also reads, so it compares them with its own spawn time.

The bare window (bench/bare_window.py) uses this same probe, so both sides measure exactly the same moment.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

ENV_VAR = "GWR_BENCH_PAINTED"
PAINTED_MARK = "GWR_BENCH_PAINTED"
USABLE_MARK = "GWR_BENCH_USABLE"
SESSION_MARK = "GWR_BENCH_SESSION"
EDIT_MARK = "GWR_BENCH_EDIT"
EDIT_REPS_VAR = "GWR_BENCH_EDIT_REPS"
PROBE_KEY = "x"
MARKER = QEvent.Type(QEvent.registerEventType())
TYPED = "制定年度工作方案"


def wanted() -> bool:
    return bool(os.environ.get(ENV_VAR))


def peak_kb() -> int:
    """VmHWM, this process's own peak resident memory (ru_maxrss may carry a parent's over exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class FirstPaintProbe(QObject):
    """Waits for the window's first paint event, then runs the mode's report."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._done = False
        self.painted_at = 0.0
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            self.painted_at = time.monotonic()
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        mode = os.environ.get(ENV_VAR, "1")
        if mode in ("usable", "session", "edit"):
            UsableWatch(self.window, self.painted_at, then=mode).start()
            return
        print(PAINTED_MARK, peak_kb(), flush=True)
        QCoreApplication.quit()


def controls_live(window: QWidget) -> bool:
    """The app's window: 切换单位 enabled and a 填报 tab; the bare window has no such controls."""
    action = getattr(window, "switch_unit_action", None)
    tabs = getattr(window, "tabs", None)
    if action is None or tabs is None:
        return True
    return action.isEnabled() and any(tabs.tabText(n) == "填报" for n in range(tabs.count()))


def input_target(window: QWidget) -> QWidget:
    """Where the officer types first: the open dialog's search box, else the task search, else the table."""
    modal = QApplication.activeModalWidget()
    if modal is not None:
        edits = modal.findChildren(QLineEdit)
        if edits:
            return edits[0]
    browser = getattr(window, "browser", None)
    if browser is not None:
        return browser.filter_bar.keyword
    central = getattr(window, "centralWidget", None)
    return central() if central is not None and central() is not None else window


class UsableWatch(QObject):
    """Posts one key once the controls are live; usable = that key handled and the loop free again."""

    def __init__(self, window: QWidget, painted_at: float, *, then: str) -> None:
        super().__init__(window)
        self.window, self.painted_at, self.then = window, painted_at, then
        self.figures: dict[str, float] = {"painted": painted_at}
        self._seen_key = False
        self._handled: float | None = None
        self._reported = False
        self._poll = QTimer(self, interval=10)
        self._poll.timeout.connect(self._try_post)

    def start(self) -> None:
        self._poll.start()
        self._try_post()

    def _try_post(self) -> None:
        if not controls_live(self.window):
            return
        self._poll.stop()
        self.figures["live"] = time.monotonic()
        target = input_target(self.window)
        target.installEventFilter(self)
        self.target = target
        QCoreApplication.postEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X,
                                                     Qt.KeyboardModifier.NoModifier, PROBE_KEY))
        QCoreApplication.postEvent(self, QEvent(MARKER))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is getattr(self, "target", None):
            if event.type() == QEvent.Type.KeyPress:
                self._seen_key = True
            elif event.type() == QEvent.Type.Paint and self._handled is not None and not self._reported:
                QTimer.singleShot(0, lambda: self._after_key(time.monotonic()))
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() != MARKER:
            return super().event(event)
        self._handled = time.monotonic()
        handled = self._handled
        QTimer.singleShot(200, lambda: self._after_key(handled))  # nothing repainted: the key's time
        return True

    def _after_key(self, usable: float) -> None:
        if self._reported:
            return
        self._reported = True
        if not self._seen_key:
            raise RuntimeError("the posted key never reached the window")
        self.figures["usable"] = usable
        self.figures["usable_kb"] = peak_kb()
        self._wait_for_services(waited=False)

    def _wait_for_services(self, *, waited: bool) -> None:
        if hasattr(self.window, "db") and getattr(self.window, "db", None) is None:
            QTimer.singleShot(10, lambda: self._wait_for_services(waited=True))
            return
        from settle import settle

        # Attached before the window was usable: they were ready then; otherwise when the loop is free after.
        self.figures["services"] = settle() if waited else self.figures["usable"]
        if self.then == "session":
            Session(self.window, self.figures).run()
            return
        if self.then == "edit":
            from drive import edit_session

            result = edit_session(self.window, int(os.environ.get(EDIT_REPS_VAR, "20")))
            print(EDIT_MARK, json.dumps(result, ensure_ascii=False), flush=True)
            QCoreApplication.quit()
            return
        self.figures["peak_kb"] = peak_kb()
        print(USABLE_MARK, json.dumps(self.figures), flush=True)
        QCoreApplication.quit()


class Session:
    """What an officer does in a short session, for the peak memory: 填报, one 附表1 cell, an export."""

    def __init__(self, window: QWidget, figures: dict[str, float]) -> None:
        self.window, self.figures = window, figures

    def run(self) -> None:
        from drive import commit_cell, open_forms_tab, plan_editor_of
        from settle import settle

        from gwr_desktop.domain.plan import FormKind
        from gwr_desktop.services.signoff import export_form

        window = self.window
        self.figures["services_kb"] = peak_kb()
        self.figures["forms_ms"] = open_forms_tab(window) * 1000
        editor = plan_editor_of(window)
        self.figures["forms_kb"] = peak_kb()
        row = next(n for n, spec in enumerate(editor.model.rows) if spec.item is not None)
        key, typed = editor.model.rows[row].item.key, f"{TYPED}（{time.time_ns() % 10**9}）"  # new each run
        self.figures["edit_ms"] = commit_cell(editor, row, "content", typed) * 1000
        if editor.model.content.items[0].key != key or typed not in str(editor.model.content.items[0].entries):
            raise RuntimeError("the typed cell was not committed")
        self.figures["edit_kb"] = peak_kb()
        with tempfile.TemporaryDirectory() as folder:
            started = time.monotonic()
            export_form(window.db, window.plan_key, window.unit_name, FormKind.PLAN, Path(folder))
            self.figures["export_ms"] = (settle() - started) * 1000
        self.figures["peak_kb"] = peak_kb()
        print(SESSION_MARK, json.dumps(self.figures), flush=True)
        sys.stdout.flush()
        QCoreApplication.quit()
