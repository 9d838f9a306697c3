"""待核对问题: text the importer could not place, listed so a person checks it against the printed plan."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from gwr_desktop.domain.plan import Problem
from gwr_desktop.ui.models.problems import AFTER_ITEM_ROLE, ProblemsModel


class ProblemsPanel(QWidget):
    jump_requested = Signal(str)  # the key of the item a problem sits after

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.activated.connect(self._on_current)

    def set_problems(self, problems: list[Problem]) -> None:
        self.model.set_problems(problems)
        if problems:
            self.summary.setText(f"导入时有 {len(problems)} 处文字无法归入事项，请对照印发的原件核对；"
                                 "选中一行可跳到它前面的事项。")
        else:
            self.summary.setText("导入时所有文字都已归入事项，没有需要核对的内容。")

    def _on_current(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        key = current.data(AFTER_ITEM_ROLE) if current.isValid() else None
        if key:
            self.jump_requested.emit(key)
