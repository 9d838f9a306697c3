"""What every form editor has: title, the header fields the plan's definition lists, toolbar with undo/redo,
the table, what is missing at the side, and the message line.

No Save button: every accepted cell is committed when it is left. Ctrl+Z / Ctrl+Y undo and redo (committed
too). Problems are shown at the cell (colour and tooltip) and listed at the side; a click jumps to the cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.base_model import FormTableModel
from gwr_desktop.ui.forms.live import HeldBar, LiveForm
from gwr_desktop.ui.forms.problem_list import ProblemList
from gwr_desktop.ui.forms.table import CellDelegate, FormTable
from gwr_desktop.ui.officer.column_fit import ColumnFitter
from gwr_desktop.ui.officer.message_line import MessageLine
from gwr_desktop.ui.officer.tones import Tone
from gwr_desktop.ui.safety.input_guard import SHORT_TEXT, guard_editor
from gwr_desktop.ui.ui_state import ui_state_settings

if TYPE_CHECKING:
    from gwr_desktop.ui.contributions.pane import ContributionPane
    from gwr_desktop.ui.officer.intake_dialog import IntakeDialog
    from gwr_desktop.ui.officer.last_year_pane import LastYearPane


class FormEditor(QWidget):
    model_bound = Signal()  # a (new) model is in the table: the form was (re)loaded for a plan and unit
    # Set by the features that hook into an editor, not here; declared for type checkers.
    contributions: ContributionPane  # ui/contributions/pane.py
    last_year: LastYearPane  # ui/officer/last_year_pane.py
    intake_dialog: IntakeDialog  # ui/officer/intake_flow.py
    clock: Callable[[], dt.datetime] = dt.datetime.now  # when "已保存 HH:MM" says the last commit was (tests set it)

    def __init__(self, db: Database, plan_key: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit = db, plan_key, unit
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header_row = QHBoxLayout()
        self.header_edits: dict[str, QLineEdit] = {}
        self.unit_label = QLabel()
        self.toolbar = QToolBar()
        self.table = FormTable()
        self.fitter = ColumnFitter(self.table, ui_state_settings())  # fits the screen, keeps widths one sets
        self.message = MessageLine()  # coloured by tone; an error goes when its cause does
        self.saved_label = QLabel()
        self.saved_label.setToolTip("每个单元格确认后即已保存，无需另行保存")
        self.completeness = QLabel()
        self.problem_list = ProblemList()
        self.problem_list.itemActivated.connect(self._jump)
        self.problem_list.itemClicked.connect(self._jump)
        self.side = QWidget()
        self.held_bar = HeldBar()  # an edit that could not be saved: conflict or failure (ui/forms/live.py)
        self.model: FormTableModel = self.make_model()
        self._layout()
        self._bind_model()
        self.live = LiveForm(self)
        self.live.model_changed()

    # ---- building ------------------------------------------------------------------------------------------
    def make_model(self) -> FormTableModel:
        raise NotImplementedError

    def extra_header(self, row: QHBoxLayout) -> None:
        """Subclasses add their own controls to the header row."""

    def side_widgets(self) -> list[QWidget]:
        return []

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addLayout(self.header_row)
        self.extra_header(header)
        header.addStretch(1)
        header.addWidget(self.saved_label)
        header.addSpacing(12)
        header.addWidget(self.completeness)
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        for widget in self.side_widgets():
            side.addWidget(widget)
        side.addWidget(QLabel("待完善"))
        side.addWidget(self.problem_list, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(_scrolling(self.side))
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = self.page_layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(header)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.held_bar)
        layout.addWidget(self.message)
        self._add_undo_actions()

    def _build_header_fields(self) -> None:
        """单位 and the typed fields above the table, as the plan's definition lists them."""
        while self.header_row.count():
            taken = self.header_row.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None and widget is not self.unit_label:
                widget.deleteLater()
        self.header_edits = {}
        for spec in self.model.content.definition.header_fields:
            if self.header_row.count():
                self.header_row.addSpacing(24)
            self.header_row.addWidget(QLabel(spec.label))
            if spec.read_only:
                self.header_row.addWidget(self.unit_label)
                continue
            edit = QLineEdit()
            edit.setPlaceholderText(spec.display_name)
            edit.setMaximumWidth(200)
            guard_editor(edit, SHORT_TEXT)
            edit.editingFinished.connect(lambda key=spec.key, box=edit: self._header_edited(key, box))
            self.header_row.addWidget(edit)
            self.header_edits[spec.key] = edit

    def _add_undo_actions(self) -> None:
        self.undo_action = QAction("撤销", self)
        self.undo_action.setToolTip("撤销上一步修改（Ctrl+Z）；撤销也立即保存")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = QAction("重做", self)
        self.redo_action.setToolTip("重做刚撤销的修改（Ctrl+Y）")
        redo_keys = [QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))  # a repeated key would be ambiguous
        for action, slot in ((self.undo_action, self._undo), (self.redo_action, self._redo)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()

    def add_tool(self, text: str, slot: Callable[[], object], shortcut: str = "", tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip or text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{tip or text}（{shortcut}）")
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    def _bind_model(self) -> None:
        self.table.setModel(self.model)
        self.table.setItemDelegate(CellDelegate(self.table))
        self._apply_widths()
        self._build_header_fields()
        self.model.applied.connect(self.refresh_side)
        self.model.applied.connect(self._after_commit)
        self.model.refused.connect(self._show_message)
        self.model.noted.connect(self._show_note)
        self.model.modelReset.connect(self._apply_widths)
        self.model.modelReset.connect(self.refresh_side)
        self.model.dataChanged.connect(lambda *_: self.refresh_side())
        self.refresh_side()
        from gwr_desktop.ui.contributions.pane import follow

        follow(self)  # 配合材料 beside the 附表1/附表3 cells (issue 13)
        self.model_bound.emit()

    def _apply_widths(self) -> None:
        self.fitter.set_columns(self.model.kind.value, self.model.columns)

    # ---- switching plan and unit ---------------------------------------------------------------------------
    def set_unit(self, unit: str, plan_key: str | None = None) -> None:
        self.unit, self.plan_key = unit, plan_key or self.plan_key
        self.message.clear()  # nothing said about the last form is true of this one
        self.saved_label.clear()
        self.model.deleteLater()
        self.model = self.make_model()
        self._bind_model()
        self.live.model_changed()

    # ---- feedback ------------------------------------------------------------------------------------------
    def refresh_side(self) -> None:
        content = self.model.content
        self.title.setText(f"{content.label}　{content.title}".strip())
        self.unit_label.setText(content.unit)
        for key, edit in self.header_edits.items():
            if not edit.hasFocus():
                edit.setText(content.header.get(key, ""))
        done = self.model.completion()
        self.completeness.setText(f"完成度：{done.filled}/{done.required}（{done.percent}%）")
        self.problem_list.show_problems(self.model.problems())
        self.undo_action.setEnabled(self.model.undo_stack.canUndo())
        self.redo_action.setEnabled(self.model.undo_stack.canRedo())

    def _show_message(self, index: QModelIndex, message: str) -> None:
        cause = (index.row(), index.column()) if index.isValid() else None
        self.message.show_message(message, Tone.ERROR, cause)
        self.refresh_side()

    def _show_note(self, message: str) -> None:
        self.message.show_message(message, Tone.INFO)

    def _after_commit(self) -> None:
        """A commit went through: say when, and take back an error whose cell has been put right."""
        self.saved_label.setText(f"已保存 {self.clock():%H:%M}")
        self.message.cause_gone(lambda cause: cause in self.model.pending)

    def notify(self, text: str, tone: Tone = Tone.INFO) -> None:
        self.message.show_message(text, tone)

    def _jump(self, item: QListWidgetItem) -> None:
        cell = self.model.cell_of_target(self.problem_list.target(item))
        if cell:
            self.table.go_to(*cell)
            self.table.setFocus()
            return
        for spec in self.model.content.definition.editable_header_fields():
            if f"未填写{spec.display_name}" in item.text() and spec.key in self.header_edits:
                self.header_edits[spec.key].setFocus()

    def _undo(self) -> None:
        self.message.clear()
        self.model.undo_stack.undo()
        self.refresh_side()

    def _redo(self) -> None:
        self.message.clear()
        self.model.undo_stack.redo()
        self.refresh_side()

    def _header_edited(self, key: str, edit: QLineEdit) -> None:
        if self.model.set_header(key, edit.text()):
            self.message.clear()

    def current_row(self) -> int:
        return self.table.currentIndex().row()


def _scrolling(column: QWidget) -> QScrollArea:
    """The side column scrolls rather than grows: the panes other features add to it (配合材料, 去年类似事项)
    must never make the window taller than a 1366×768 screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(column)
    return area
