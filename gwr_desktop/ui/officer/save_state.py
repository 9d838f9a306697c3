"""Ctrl+S in a program that saves by itself: it commits the cell being typed in (so "saved" is true), then says
that every confirmed cell is already saved, and when the last commit was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
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
    """A cell being typed in, in any form table of the window, hands its text to the model now (which commits
    it): Ctrl+S must not say "saved" while the typed text is still only in the cell editor."""
    committed = False
    for table in window.findChildren(FormTable):
        editor = _open_editor(table)
        if editor is not None:
            table.commitData(editor)
            table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            committed = True
    return committed


def _open_editor(table: FormTable) -> QWidget | None:
    if table.state() != FormTable.State.EditingState:
        return None
    focus = QApplication.focusWidget()
    if focus is not None and table.viewport().isAncestorOf(focus):
        return focus
    editors = [w for w in table.viewport().findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
               if w.isVisible()]
    return editors[0] if editors else None


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
