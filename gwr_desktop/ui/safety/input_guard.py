"""Refuse bad typed or pasted text in editors, with the reason shown, before it ever reaches a model or the DB.

The rule itself is `domain.clean_input.clean_text_input` (control characters, lone surrogates, length,
one line only). Here it is enforced live:

* `guard_editor(editor, rule)` on a QLineEdit, QPlainTextEdit or QTextEdit: a change that breaks the rule
  is undone at once (the text goes back to the last acceptable one, the cursor where it was) and the
  reason appears as a tooltip under the editor and on the guard's `rejected` signal.
* `GuardedDelegateMixin` for item delegates: guards the editors it creates and checks again in
  setModelData, so the model never receives rejected text.

Form editors call these; they still clean the final value with clean_text_input when they save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyleOptionViewItem, QTextEdit, QToolTip, QWidget

from gwr_desktop.domain.clean_input import LONG_TEXT_LIMIT, SHORT_TEXT_LIMIT, InputRejected, clean_text_input

Notifier = Callable[[QWidget, str], None]
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TextRule:
    limit: int = LONG_TEXT_LIMIT
    multiline: bool = True

    def check(self, text: str) -> str:
        """The cleaned text; raises InputRejected with the Chinese reason."""
        return clean_text_input(text, limit=self.limit, multiline=self.multiline)


SHORT_TEXT = TextRule(SHORT_TEXT_LIMIT, multiline=False)  # names, phone numbers, titles
LONG_TEXT = TextRule(LONG_TEXT_LIMIT, multiline=True)  # 具体工作内容, 完成情况


def show_tooltip(editor: QWidget, message: str) -> None:
    QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height())), message, editor)


class InputGuard(QObject):
    """Watches one editor; parented to it, so it lives and dies with the editor."""

    rejected = Signal(str)

    def __init__(self, editor: QLineEdit | QPlainTextEdit | QTextEdit, rule: TextRule,
                 notify: Notifier | None = show_tooltip) -> None:
        super().__init__(editor)
        self._editor, self.rule, self._notify = editor, rule, notify
        self._reverting = False
        self.last_message = ""
        self._last_good = ""
        self._last_cursor = 0
        self.accept_current()
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(self._on_change)  # only the user's edits; loads via setText are trusted
            editor.cursorPositionChanged.connect(self._remember_cursor)
        else:
            editor.textChanged.connect(self._on_change)
            editor.cursorPositionChanged.connect(self._remember_cursor)

    def accept_current(self) -> None:
        """Take the editor's present text as the fallback (call after loading a value programmatically)."""
        self._last_good = _text_of(self._editor)
        self._last_cursor = len(self._last_good)

    def _remember_cursor(self, *_args: object) -> None:
        if not self._reverting:
            self._last_cursor = _cursor_of(self._editor)

    def _on_change(self, *_args: object) -> None:
        if self._reverting:
            return
        text = _text_of(self._editor)
        try:
            self.rule.check(text)
        except InputRejected as error:
            self._revert()
            self.last_message = str(error)
            if self._notify is not None:
                self._notify(self._editor, self.last_message)
            self.rejected.emit(self.last_message)
            return
        self._last_good = text
        self._last_cursor = _cursor_of(self._editor)

    def _revert(self) -> None:
        self._reverting = True
        try:
            _replace_text(self._editor, self._last_good, min(self._last_cursor, len(self._last_good)))
        finally:
            self._reverting = False


def _text_of(editor: QWidget) -> str:
    if isinstance(editor, QLineEdit):
        return editor.text()
    return _text_edit(editor).toPlainText()


def _text_edit(editor: QWidget) -> QPlainTextEdit | QTextEdit:
    if isinstance(editor, QPlainTextEdit | QTextEdit):
        return editor
    raise TypeError(f"not a text editor: {type(editor).__name__}")


def _cursor_of(editor: QWidget) -> int:
    if isinstance(editor, QLineEdit):
        return editor.cursorPosition()
    return _text_edit(editor).textCursor().position()


def _replace_text(editor: QWidget, text: str, cursor_at: int) -> None:
    if isinstance(editor, QLineEdit):
        editor.setText(text)
        editor.setCursorPosition(cursor_at)
        return
    # Through a cursor, not setPlainText: the undo history survives the refusal.
    edit = _text_edit(editor)
    cursor = QTextCursor(edit.document())
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text)
    cursor.setPosition(cursor_at)
    edit.setTextCursor(cursor)


def guard_editor(editor: QWidget, rule: TextRule = LONG_TEXT, notify: Notifier | None = show_tooltip) -> InputGuard:
    """Attach a guard to a QLineEdit / QPlainTextEdit / QTextEdit. A QLineEdit is always single-line."""
    if not isinstance(editor, QLineEdit | QPlainTextEdit | QTextEdit):
        raise TypeError(f"cannot guard {type(editor).__name__}")
    if isinstance(editor, QTextEdit):
        editor.setAcceptRichText(False)  # pasted formatting would be lost at export anyway
    if isinstance(editor, QLineEdit) and rule.multiline:
        rule = TextRule(rule.limit, multiline=False)
    return InputGuard(editor, rule, notify)


def guard_of(editor: QWidget) -> InputGuard | None:
    return editor.findChild(InputGuard)


class GuardedDelegateMixin:
    """Mix into a QStyledItemDelegate subclass (before it): `class D(GuardedDelegateMixin, QStyledItemDelegate)`.

    Override `text_rule(index)` to give columns different rules; `notify` shows the reason (tooltip by default).
    """

    notify: Notifier | None = staticmethod(show_tooltip)

    def text_rule(self, index: AnyIndex) -> TextRule:  # noqa: ARG002 - per-column rules in subclasses
        return LONG_TEXT

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)  # type: ignore[misc]
        if isinstance(editor, QLineEdit | QPlainTextEdit | QTextEdit):
            guard_editor(editor, self.text_rule(index), self.notify)
        return editor

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:  # noqa: N802
        if not isinstance(editor, QLineEdit | QPlainTextEdit | QTextEdit):
            super().setModelData(editor, model, index)  # type: ignore[misc]
            return
        rule = self.text_rule(index)
        if isinstance(editor, QLineEdit):
            rule = TextRule(rule.limit, multiline=False)
        try:
            cleaned = rule.check(_text_of(editor))
        except InputRejected as error:
            if self.notify is not None:
                self.notify(editor, str(error))
            return  # the model keeps its previous value
        model.setData(index, cleaned, Qt.ItemDataRole.EditRole)
