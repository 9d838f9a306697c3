"""Backups that follow the work: besides the one at start-up, a verified backup after a period of editing (the
first change starts the clock; 30 minutes later the state is backed up if it changed) and one on quit when
anything changed since the last. Same verified snapshots as every automatic backup (safety/backup.py: SQLite's
backup API, integrity check, rotation, the second folder); a PostgreSQL server is backed up by its admin."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from gwr_desktop.safety.backup import BackupError, BackupInfo, backup_before
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.ui.hub_bridge import HubBridge

PERIOD_MS = 30 * 60 * 1000
WORK_TOPICS = frozenset({"forms", "signoff", "handover"})  # what the officer types and signs
log = logging.getLogger(__name__)

Backup = Callable[[str, str], BackupInfo | None]


class BackupSchedule(QObject):
    def __init__(self, window: QMainWindow, db: Database, *, period_ms: int = PERIOD_MS,
                 backup: Backup = backup_before) -> None:
        super().__init__(window)
        self.window, self.db, self.backup = window, db, backup
        self.dirty = False
        self.last: BackupInfo | None = None
        self.timer = QTimer(self, singleShot=True, interval=period_ms)
        self.timer.timeout.connect(lambda: self.run("periodic"))
        self.bridge = HubBridge(db.hub, self)
        self.bridge.changed.connect(self._on_change)
        window.installEventFilter(self)

    def _on_change(self, change: Change) -> None:
        if change.topic in WORK_TOPICS:
            self.dirty = True
            if not self.timer.isActive():
                self.timer.start()  # the first change since the last backup starts the period

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close and self.dirty:
            self.run("quit")
        return False

    def run(self, reason: str) -> BackupInfo | None:
        """Back up now if something changed; a failure is said in the status bar and logged, never fatal."""
        if not self.dirty or self.db.read_only is not None:
            return None
        try:
            info = self.backup(self.db.url, reason)
        except BackupError as error:
            log.warning("自动备份（%s）失败：%s", reason, error)
            self.window.statusBar().showMessage(f"自动备份失败：{error}", 15000)
            return None
        self.dirty = False
        self.timer.stop()
        if info is not None:
            self.last = info
            self.window.statusBar().showMessage(f"已自动备份（{info.reason_label}，{info.created:%H:%M}）。", 8000)
        return info
