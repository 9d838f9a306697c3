"""The spreadsheet-like view the three editors share: Excel/WPS copy-paste, Delete, Enter, growing rows.

Typing starts editing; Enter commits and moves down; Tab moves right; in a multi-line cell Alt+Enter (as in
Excel) or Shift+Enter starts a new line. A refused value reopens its cell with the typed text and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from gwr_desktop.domain.tsv import format_rows, parse_rows
from gwr_desktop.ui.forms.base_model import FormTableModel, PendingRole
from gwr_desktop.ui.forms.columns import EditorColumn
from gwr_desktop.ui.forms.row_heights import RowHeights
from gwr_desktop.ui.safety.input_guard import LONG_TEXT, SHORT_TEXT, GuardedDelegateMixin, TextRule, guard_of

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


Index = QModelIndex | QPersistentModelIndex


def column_at(index: Index) -> EditorColumn | None:
    columns = getattr(index.model(), "columns", None)
    return columns[index.column()] if columns and 0 <= index.column() < len(columns) else None


class _CellEditors(QStyledItemDelegate):
    """Plain text editor for multi-line columns, a drop-down for choice columns, a line edit elsewhere (with the
    column's suggestions, e.g. 完成时间's months and ranges). What each column is comes from the model."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = column_at(index)
        if column is not None and column.multiline:
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.installEventFilter(self)
            return editor
        if column is not None and column.choices:
            combo = QComboBox(parent)
            combo.addItems(column.choices)
            return combo
        line = QLineEdit(parent)
        if column is not None and column.completions:
            completer = QCompleter(column.completions, line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            line.setCompleter(completer)
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        pending = index.data(PendingRole)
        text = pending if pending is not None else (index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(text)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
        guard = guard_of(editor)
        if guard is not None:
            guard.accept_current()  # the loaded value is the fallback a refused change returns to

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), 90))  # room to type a few lines even in a short row
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            key_event = cast(QKeyEvent, event)
            if key_event.key() in _ENTER:
                if key_event.modifiers() & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
                    editor.insertPlainText("\n")
                    return True
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)


class CellDelegate(GuardedDelegateMixin, _CellEditors):
    """The cell editors, guarded: text a cell cannot hold (control characters, too long, a line break in a
    one-line cell) is refused as it is typed or pasted, with the reason, before it reaches the model."""

    def text_rule(self, index: Index) -> TextRule:
        column = column_at(index)
        return LONG_TEXT if column is not None and column.multiline else SHORT_TEXT


class FormTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.row_heights = RowHeights(self)  # rows grow with their text, measured only where seen
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._restore: tuple[int, int] | None = None
        # A pasted block that names items (序号/责任事项) is offered to this hook first (ui/officer/intake_flow).
        self.paste_hook: Callable[[int, list[list[str]]], bool] | None = None

    def form_model(self) -> FormTableModel:
        return cast(FormTableModel, self.model())

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.row_heights.follow(model)
        if not isinstance(model, FormTableModel):
            return
        model.modelAboutToBeReset.connect(self._remember_cell)
        model.modelReset.connect(self._after_reset)
        model.refused.connect(self._show_refusal)
        self._apply_spans()

    # ---- layout --------------------------------------------------------------------------------------------
    def _apply_spans(self) -> None:
        self.clearSpans()
        model = self.form_model()
        is_header = getattr(model, "is_header_row", None)
        if is_header is None:
            return
        for row in range(model.rowCount()):
            if is_header(row):
                self.setSpan(row, 0, 1, model.columnCount())

    def _remember_cell(self) -> None:
        current = self.currentIndex()
        self._restore = (current.row(), current.column()) if current.isValid() else None

    def _after_reset(self) -> None:
        self._apply_spans()
        if self._restore is not None:
            self.go_to(*self._restore)

    def go_to(self, row: int, column: int) -> None:
        model = self.form_model()
        row, column = min(max(row, 0), model.rowCount() - 1), min(max(column, 0), model.columnCount() - 1)
        if row < 0:
            return
        index = model.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.row_heights.measure_visible()
        self.scrollTo(index)  # again: the rows now in view may have grown

    # ---- refusals ------------------------------------------------------------------------------------------
    def _show_refusal(self, index: QModelIndex, message: str) -> None:
        if not index.isValid():
            return
        persistent = QPersistentModelIndex(index)
        rect = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self.viewport(), rect, 8000)
        QTimer.singleShot(0, lambda: self._reopen(persistent))

    def _reopen(self, persistent: QPersistentModelIndex) -> None:
        if persistent.isValid():
            index = self.form_model().index(persistent.row(), persistent.column())
            self.setCurrentIndex(index)
            self.edit(index)

    # ---- keyboard and clipboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.clear_selection()
        elif event.key() in _ENTER and self.state() != self.State.EditingState and not event.modifiers():
            current = self.currentIndex()
            if current.isValid() and not self.edit(current, self.EditTrigger.EditKeyPressed, event):
                self.go_to(current.row() + 1, current.column())
        else:
            super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # After Enter commits a cell, move down as a spreadsheet does (the model may have reset meanwhile).
        super().closeEditor(editor, hint)
        if hint in (QAbstractItemDelegate.EndEditHint.NoHint, QAbstractItemDelegate.EndEditHint.SubmitModelCache):
            current = self.currentIndex()
            if current.isValid() and (current.row(), current.column()) not in self.form_model().pending:
                self.go_to(current.row() + 1, current.column())

    def selected_block(self) -> tuple[int, int, int, int] | None:
        ranges = self.selectionModel().selection()
        if ranges.isEmpty():
            current = self.currentIndex()
            return (current.row(), current.column(), current.row(), current.column()) if current.isValid() else None
        spans = [ranges.at(n) for n in range(ranges.size())]
        rows = [r for sel in spans for r in (sel.top(), sel.bottom())]
        cols = [c for sel in spans for c in (sel.left(), sel.right())]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> str:
        block = self.selected_block()
        if block is None:
            return ""
        top, left, bottom, right = block
        model = self.form_model()
        rows = [[model.index(r, c).data() or "" for c in range(left, right + 1)] for r in range(top, bottom + 1)]
        text = format_rows(rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste_clipboard(self) -> bool:
        block = parse_rows(QGuiApplication.clipboard().text())
        current = self.currentIndex()
        if not block or not current.isValid():
            return False
        if self.paste_hook is not None and self.paste_hook(current.column(), block):
            return True
        return self.form_model().paste(current.row(), current.column(), block)

    def clear_selection(self) -> bool:
        block = self.selected_block()
        if block is None:
            return False
        top, left, bottom, right = block
        model = self.form_model()
        edits = [edit for r in range(top, bottom + 1) for c in range(left, right + 1)
                 if model.editable(r, c) and model.index(r, c).data()
                 for edit in model.edits_for(r, c, "")]
        return model.execute(edits, "清除内容") if edits else False
