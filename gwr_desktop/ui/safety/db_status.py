"""The database's state in the main window's status bar: a write waiting for another program, a read-only file.

When the command line (or another program) is writing the same SQLite file, a write from the window waits
for it (storage/engine.py: BEGIN IMMEDIATE under a busy timeout) instead of failing. The wait happens on the
thread that writes — for an edit, the GUI thread — so the message is painted at once rather than queued
behind the wait it describes; a wait on a worker thread reaches the bar through a queued signal.

    install_database_status(window, db)   # once, when the window has its database (ui/pages.py)
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow

from gwr_desktop.services.database import WRITE_WAIT_SECONDS, Database

WAITING_MESSAGE = f"正在等待另一程序写完数据库…（最多等 {WRITE_WAIT_SECONDS:g} 秒，刚才的修改会在它写完后保存）"
READ_ONLY_LABEL = "只读"


class DatabaseStatus(QObject):
    """Shows and clears the waiting message; keeps a permanent 只读 label for a read-only database."""

    wait_changed = Signal(bool)

    def __init__(self, window: QMainWindow, db: Database) -> None:
        super().__init__(window)
        self.window = window
        self.waiting = False
        # AutoConnection: direct on the GUI thread (painted while it waits), queued from a worker.
        self.wait_changed.connect(self._show_wait)
        self._unsubscribe = db.on_write_wait(self.wait_changed.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.read_only_label = self._read_only_label(db.read_only)

    def _show_wait(self, waiting: bool) -> None:
        if waiting == self.waiting:
            return
        self.waiting = waiting
        bar = self.window.statusBar()
        if waiting:
            bar.showMessage(WAITING_MESSAGE)
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            bar.repaint()  # the GUI thread is about to block in SQLite: paint now, not after
        else:
            bar.clearMessage()
            QGuiApplication.restoreOverrideCursor()

    def _read_only_label(self, reason: str | None) -> QLabel | None:
        if reason is None:
            return None
        label = QLabel(READ_ONLY_LABEL, self.window)
        label.setToolTip(reason)
        label.setStyleSheet("color: #a33; font-weight: bold; padding: 0 6px;")
        self.window.statusBar().addPermanentWidget(label)
        return label


def install_database_status(window: QMainWindow, db: Database) -> DatabaseStatus:
    """Parented to the window (which keeps it alive); window.findChild(DatabaseStatus) finds it again."""
    return DatabaseStatus(window, db)
