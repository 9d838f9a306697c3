"""The filter bar over the task table: my role, a keyword, a part of the plan, and the count shown."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from gwr_desktop.domain.catalogue import TreeNode
from gwr_desktop.ui.models.task_filter import ALL_ITEMS, LEAD, MINE, RESPONSIBLE

ROLE_CHOICES = ((MINE, "与我相关"), (LEAD, "我牵头"), (RESPONSIBLE, "我参与"), (ALL_ITEMS, "全部事项"))
ROLE_HINTS = {
    MINE: "本单位牵头或参与的事项（含经由“各区人民政府”等组合或承办关系分配给本单位的）",
    LEAD: "本单位牵头的事项（含无牵头单位、由本单位作为责任单位牵头的）",
    RESPONSIBLE: "本单位作为责任单位参与、但不牵头的事项",
    ALL_ITEMS: "方案中的全部事项",
}


class FilterBar(QWidget):
    role_changed = Signal(str)
    keyword_changed = Signal(str)
    part_changed = Signal(object)  # a part numeral such as "二", or None for the whole plan

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role_buttons: dict[str, QPushButton] = {}
        self._role_group = QButtonGroup(self)
        self.keyword = QLineEdit(self)
        self.keyword.setPlaceholderText("搜索事项或单位…")
        self.keyword.setClearButtonEnabled(True)
        self.keyword.setToolTip("输入事项文字、单位名称或序号（如“二-15”）；多个词用空格分开，须同时出现。\n"
                                "Ctrl+F 定位到此处")
        self.keyword.setMinimumWidth(220)
        self.part = QComboBox(self)
        self.part.setToolTip("只看方案的某一部分")
        self.count = QLabel(self)
        self._lay_out()
        self.keyword.textChanged.connect(self.keyword_changed)
        self.part.currentIndexChanged.connect(lambda _row: self.part_changed.emit(self.part.currentData()))
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_keyword)

    def _lay_out(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for mode, text in ROLE_CHOICES:
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setToolTip(ROLE_HINTS[mode])
            button.clicked.connect(lambda _checked=False, chosen=mode: self.role_changed.emit(chosen))
            self._role_group.addButton(button)
            self.role_buttons[mode] = button
            layout.addWidget(button)
        self.role_buttons[ALL_ITEMS].setChecked(True)
        layout.addSpacing(12)
        layout.addWidget(self.keyword, 2)
        layout.addSpacing(12)
        layout.addWidget(QLabel("部分：", self))
        layout.addWidget(self.part, 1)
        layout.addSpacing(12)
        layout.addWidget(self.count)

    def set_parts(self, tree: list[TreeNode]) -> None:
        self.part.blockSignals(True)
        self.part.clear()
        self.part.addItem("全部", None)
        for node in tree:
            self.part.addItem(node.label, node.part)
        self.part.blockSignals(False)

    def show_part(self, part: str | None) -> None:
        """Reflect a part chosen elsewhere (the tree) without announcing it again."""
        self.part.blockSignals(True)
        self.part.setCurrentIndex(max(0, self.part.findData(part)) if part else 0)
        self.part.blockSignals(False)

    def show_role(self, mode: str) -> None:
        self.role_buttons[mode].setChecked(True)

    def set_unit_chosen(self, chosen: bool) -> None:
        """Without a unit, "mine" means nothing: only 全部事项 stays available."""
        for mode, button in self.role_buttons.items():
            button.setEnabled(chosen or mode == ALL_ITEMS)

    def show_count(self, shown: int, total: int) -> None:
        self.count.setText(f"显示 {shown} / 共 {total} 项")
        # The label only grows: a count getting shorter on each keystroke would otherwise re-lay out and
        # repaint the whole bar (keyword box, part selector) along with the table.
        self.count.setMinimumWidth(max(self.count.minimumWidth(), self.count.sizeHint().width()))

    def _focus_keyword(self) -> None:
        self.keyword.setFocus()
        self.keyword.selectAll()
