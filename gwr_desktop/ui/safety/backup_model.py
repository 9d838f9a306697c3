"""A read-only table of backups (time, reason, content) for the restore and damaged-database dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gwr_desktop.safety.backup import BackupInfo
from gwr_desktop.ui.models.list_table import Index, ListTableModel

BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("备份时间", "说明", "内容")


class BackupTableModel(ListTableModel[BackupInfo]):
    headers = HEADERS

    def __init__(self, backups: list[BackupInfo] | None = None) -> None:
        super().__init__(backups or [])

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.set_rows(backups)

    def backup_at(self, row: int) -> BackupInfo | None:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        info = self.backup_at(index.row()) if index.isValid() else None
        if info is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (info.created.strftime("%Y-%m-%d %H:%M:%S"), info.reason_label, info.summary.describe())[
                index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == BACKUP_ROLE:
            return info
        return None
