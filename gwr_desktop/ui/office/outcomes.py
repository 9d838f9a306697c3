"""What an import did, file by file: a dialog listing each file, what became of it and why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.ui.models.list_table import Index, ListTableModel

Outcome = tuple[str, str, str, bool]  # file, status as shown, reason, whether it went in
_IN = QBrush(QColor("#dff6dd"))
_OUT = QBrush(QColor("#f8d7da"))


class OutcomeModel(ListTableModel[Outcome]):
    headers = ("文件", "结果", "说明")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.item(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (Path(row[0]).name, row[1], row[2])[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1:
            return _IN if row[3] else _OUT
        return None


class OutcomeDialog(QDialog):
    def __init__(self, title: str, summary: str, rows: Sequence[Outcome], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 480)
        self.model = OutcomeModel(rows, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)  # one line a file; the whole reason is in the tooltip
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(0, 330)
        self.view.setColumnWidth(1, 70)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
