"""A read-only table of backups (time, reason, content) for the restore and damaged-database dialogs."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gwr_desktop.safety.backup import BackupInfo

AnyIndex = QModelIndex | QPersistentModelIndex
BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("备份时间", "说明", "内容")


class BackupTableModel(QAbstractTableModel):
    def __init__(self, backups: list[BackupInfo] | None = None) -> None:
        super().__init__()
        self._backups: list[BackupInfo] = list(backups or [])

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt signature
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and \
                0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
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
