"""What an import or a keyed paste would do, before anything is written: which rows land on which of the unit's
items (by 序号 or by similar text), what they change, the rows that match nothing and why, and the values the
form would refuse. 导入 applies it all as one undoable step; 取消 changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.services.form_intake import IntakePreview, UnmatchedRow
from gwr_desktop.services.intake_edits import LandedItem
from gwr_desktop.ui.models.list_table import Index, ListTableModel
from gwr_desktop.ui.officer.tones import STYLES, Tone

REPLACES = QBrush(QColor("#fff4ce"))


class LandedModel(ListTableModel[LandedItem]):
    headers = ("文件中", "本单位事项", "对应依据", "将写入")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.key}　{item.item_text}" if index.column() == 1 else self._cell(item, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and item.replaces and index.column() == 3:
            return REPLACES
        return None

    @staticmethod
    def _cell(item: LandedItem, column: int) -> str:
        if column == 0:
            return f"{item.rows}\n{item.source}"
        if column == 1:
            text = item.item_text.replace("\n", "")
            return f"{item.key}　{text[:40]}{'…' if len(text) > 40 else ''}"
        if column == 2:
            return item.by if item.by == "序号" else f"{item.by}（{item.score:.0%}）"
        changes = "\n".join(item.changes) if item.changes else "与现有内容相同"
        return ("替换现有内容：\n" if item.replaces else "") + changes


class UnmatchedModel(ListTableModel[UnmatchedRow]):
    headers = ("文件中", "内容", "原因")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.item(index)
        if row is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return (row.rows, row.text, row.reason)[index.column()]


def _table(model: ListTableModel, widths: tuple[int, ...], parent: QWidget) -> QTableView:
    """Fixed widths for the first columns (wrapped text), the last one taking the rest: nothing off-screen."""
    view = QTableView(parent)
    view.setModel(model)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(column, width)
    header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class IntakeDialog(QDialog):
    def __init__(self, preview: IntakePreview, form_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("导入前核对")
        self.summary = QLabel(self._summary(form_name))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.notes = self._message("\n".join(preview.notes), Tone.WARNING)
        self.problems = self._message("以下内容不能接受，请在文件中改正后再导入（这次不会写入任何内容）：\n"
                                      + "\n".join(preview.problems), Tone.ERROR)
        self.problems.setVisible(bool(preview.problems))
        self.landed = _table(LandedModel(preview.landed, self), (230, 250, 96), self)
        self.unmatched = _table(UnmatchedModel(preview.unmatched, self), (110, 330), self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.landed, f"对应上的事项（{len(preview.landed)}）")
        self.tabs.addTab(self.unmatched, f"未对应的行（{len(preview.unmatched)}）")
        if not preview.landed and preview.unmatched:
            self.tabs.setCurrentWidget(self.unmatched)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(preview.applicable)
        self.apply_button.setToolTip("把“将写入”一栏的内容写入本表（一步完成，可用 Ctrl+Z 撤销）")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.notes, self.problems):
            layout.addWidget(widget)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self._fit()

    def _message(self, text: str, tone: Tone) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(STYLES[tone])
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setVisible(bool(text))
        return label

    def _summary(self, form_name: str) -> str:
        preview = self.preview
        changed = preview.changed_items
        text = (f"“{preview.source}”：{len(preview.landed)} 个事项对应上，其中 {changed} 项将写入{form_name}；"
                f"{len(preview.unmatched)} 处未对应。")
        if not preview.edits and not preview.problems:
            text += "没有需要写入的内容。"
        return text

    def _fit(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 980, 560
        if screen is not None:
            width, height = min(width, screen.width() * 9 // 10), min(height, screen.height() * 85 // 100)
        self.resize(width, height)
