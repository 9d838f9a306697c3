"""Ctrl+S in a program that saves by itself: it commits the cell being typed in (so "saved" is true), then says
that every confirmed cell is already saved, and when the last commit was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QMainWindow, QWidget

from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.ui.forms.table import FormTable
from gwr_desktop.ui.hub_bridge import HubBridge

SAVED_TOPICS = frozenset({"forms", "signoff", "handover"})


class SaveTracker(QObject):
    """When the last change was committed (any editor of this window, an import, a sign-off)."""

    def __init__(self, db: Database, clock: Callable[[], dt.datetime] = dt.datetime.now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.last: dt.datetime | None = None
        self.bridge = HubBridge(db.hub, self)
        self.bridge.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.topic in SAVED_TOPICS:
            self.last = self.clock()


def commit_open_cell(window: QWidget) -> bool:
    """The cell being typed in hands its text to the model now (which commits it): Ctrl+S must not say "saved"
    while the typed text is still only in the cell editor. The window's focus widget is asked, not the
    application's: it is known even while another window is active."""
    widget = window.focusWidget() or QApplication.focusWidget()
    while widget is not None:  # up to the cell editor: the widget that sits on a form table's viewport
        parent = widget.parentWidget()
        table = parent.parentWidget() if parent is not None else None
        if isinstance(table, FormTable) and parent is table.viewport():
            if table.state() != FormTable.State.EditingState:
                return False
            table.commitData(widget)
            table.closeEditor(widget, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            return True
        widget = parent
    return False


def save_message(tracker: SaveTracker) -> str:
    when = f"最近一次保存：{tracker.last:%H:%M:%S}。" if tracker.last else "本次启动后还没有修改。"
    return f"无需手动保存：每个单元格确认（回车或离开单元格）后即已写入数据库。{when}"


def install_save_action(window: QMainWindow, tracker: SaveTracker,
                        notify: Callable[[str], None] | None = None) -> QAction:
    action = QAction("保存（自动）", window)
    action.setShortcut(QKeySequence.StandardKey.Save)
    action.setToolTip("本程序自动保存；按 Ctrl+S 会确认正在输入的单元格，并显示最近一次保存的时间")

    def run() -> None:
        commit_open_cell(window)
        text = save_message(tracker)
        window.statusBar().showMessage(text, 10000)
        if notify is not None:
            notify(text)

    action.triggered.connect(run)
    window.addAction(action)
    return action
