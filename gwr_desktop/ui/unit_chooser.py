"""Choose "my unit": type any part of its name or a variant, move with the arrow keys, confirm with Enter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.catalogue import UnitRow
from gwr_desktop.ui.models.unit_list import NAME_ROLE, UnitListModel, UnitSearchProxy

_NAVIGATION_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


@dataclass(frozen=True)
class UnitChoice:
    """A choice offered besides the units (督查室（汇总各单位报送）), added by a feature: what choosing it does,
    and whether it is the current choice (then the first run does not ask again)."""

    label: str
    choose: Callable[[], None]
    is_current: Callable[[], bool]


class UnitChooserDialog(QDialog):
    def __init__(self, units: list[UnitRow], current: str | None = None, parent: QWidget | None = None,
                 extra_choices: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.extra_choices = tuple(extra_choices)
        self._extra: str | None = None
        self.setWindowTitle("选择本单位")
        self.resize(560, 520)
        self.model = UnitListModel(units, self)
        self.proxy = UnitSearchProxy(self.model, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("输入单位名称的任意部分，如“商务”“江夏”……")
        self.search.setClearButtonEnabled(True)
        self.view = self._build_view()
        self.status = QLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self._lay_out()
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        self.search.returnPressed.connect(self._accept_if_chosen)
        self.view.doubleClicked.connect(lambda _index: self._accept_if_chosen())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_state())
        self.buttons.accepted.connect(self._accept_if_chosen)
        self.buttons.rejected.connect(self.reject)
        self._select_name(current)
        self._update_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.search.setFocus()  # ready to type the moment it appears

    def chosen_extra(self) -> str | None:
        """The extra choice clicked (督查室 …), if the dialog was accepted through one."""
        return self._extra

    def choose_extra(self, label: str) -> None:
        self._extra = label
        self.accept()

    def chosen_unit(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(NAME_ROLE) if index.isValid() else None

    def _build_view(self) -> QTreeView:
        view = QTreeView(self)
        view.setModel(self.proxy)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(0, 250)
        view.setColumnWidth(1, 110)
        return view

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel("请选择您所在的单位。程序据此列出本单位牵头和参与的事项；以后可随时用“切换单位”更改。", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        for label in self.extra_choices:  # not a unit: a role of its own, below the list
            button = QPushButton(f"我不是某个单位的联络员：{label}", self)
            button.clicked.connect(lambda _checked=False, text=label: self.choose_extra(text))
            layout.addWidget(button)
        layout.addWidget(self.buttons)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys typed in the search box move through the list, so the hands stay on the keyboard."""
        if (watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in _NAVIGATION_KEYS):
            forwarded = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers())
            QApplication.sendEvent(self.view, forwarded)
            self.search.setFocus()  # the view grabs focus when it moves; typing goes on in the search box
            return True
        return super().eventFilter(watched, event)

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        if not self.view.currentIndex().isValid() and self.proxy.rowCount() > 0:
            self._select(self.proxy.index(0, 0))
        self._update_state()

    def _select_name(self, name: str | None) -> None:
        """The officer's unit when there is one; otherwise nothing: a reflex Enter must not pick the first unit
        of the list (市发改委) as this officer's — typing a name (or an arrow key) chooses."""
        row = self.model.row_of(name) if name else None
        if row is not None:
            self._select(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _select(self, index: QModelIndex) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def _update_state(self) -> None:
        shown, chosen = self.proxy.rowCount(), self.chosen_unit()
        if shown == 0:
            self.status.setText(f"没有名称中含“{self.search.text().strip()}”的单位。")
        else:
            choice = f"，已选：{chosen}" if chosen else "，请输入名称或用方向键选择"
            self.status.setText(f"找到 {shown} 个单位{choice}")
        self.ok_button.setEnabled(chosen is not None)

    def _accept_if_chosen(self) -> None:
        if self.chosen_unit() is not None:
            self.accept()
