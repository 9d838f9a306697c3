"""Editors refuse bad typed or pasted text with the reason shown; delegates never write rejected text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyledItemDelegate, QTableView, QTextEdit, QToolTip
from pytestqt.qtbot import QtBot

from gwr_desktop.ui.safety.input_guard import (
    LONG_TEXT,
    SHORT_TEXT,
    GuardedDelegateMixin,
    TextRule,
    guard_editor,
    guard_of,
)


def paste(editor: QLineEdit | QPlainTextEdit | QTextEdit, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    editor.paste()


def test_line_edit_refuses_pasted_control_characters_and_says_why(qtbot: QtBot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    guard = guard_editor(edit, SHORT_TEXT)
    qtbot.keyClicks(edit, "Zhang San")
    with qtbot.waitSignal(guard.rejected) as signal:
        paste(edit, "13800\x07138000")
    assert edit.text() == "Zhang San"
    assert "控制字符" in signal.args[0] and "U+0007" in signal.args[0]
    assert QToolTip.isVisible() and "控制字符" in QToolTip.text()
    paste(edit, " 13800138000")  # good text is still accepted after a refusal
    assert edit.text() == "Zhang San 13800138000"
    assert guard_of(edit) is guard


def test_typing_past_the_limit_is_refused(qtbot: QtBot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    messages: list[str] = []
    guard_editor(edit, TextRule(limit=5), notify=lambda _editor, message: messages.append(message))
    qtbot.keyClicks(edit, "abcdefg")
    assert edit.text() == "abcde"
    assert messages == ["文字过长：最多 5 个字，当前 6 个字。"] * 2


def test_pasting_overlong_text_is_refused_whole_not_truncated(qtbot: QtBot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    guard = guard_editor(edit, SHORT_TEXT, notify=None)
    paste(edit, "市" * 101)
    assert edit.text() == "" and "最多 100 个字" in guard.last_message


def test_loaded_values_are_trusted_and_become_the_fallback(qtbot: QtBot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    guard = guard_editor(edit, SHORT_TEXT, notify=None)
    edit.setText("市商务局")
    guard.accept_current()
    edit.setCursorPosition(4)
    paste(edit, "\x1b[31m")
    assert edit.text() == "市商务局" and guard.last_message


def test_plain_text_edit_refuses_a_bad_paste_and_keeps_its_undo_history(qtbot: QtBot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    guard = guard_editor(edit, LONG_TEXT, notify=None)
    qtbot.keyClicks(edit, "line one")
    paste(edit, "\nline two")
    assert edit.toPlainText() == "line one\nline two"
    paste(edit, "\x00hidden")
    assert edit.toPlainText() == "line one\nline two"
    assert "U+0000" in guard.last_message
    assert edit.textCursor().position() == len("line one\nline two")
    assert edit.document().isUndoAvailable()


def test_single_line_rule_on_a_text_edit(qtbot: QtBot) -> None:
    edit = QTextEdit()
    qtbot.addWidget(edit)
    guard = guard_editor(edit, TextRule(limit=50, multiline=False), notify=None)
    qtbot.keyClicks(edit, "title")
    paste(edit, "\nsecond line")
    assert edit.toPlainText() == "title" and guard.last_message == "此栏只能填写一行文字。"
    assert not edit.acceptRichText()


class ContactsDelegate(GuardedDelegateMixin, QStyledItemDelegate):
    """Column 0: a name (short, one line); column 1: free text."""

    def text_rule(self, index: QModelIndex | QPersistentModelIndex) -> TextRule:
        return SHORT_TEXT if index.column() == 0 else LONG_TEXT


def test_delegate_guards_its_editors_and_never_writes_rejected_text(qtbot: QtBot) -> None:
    model = QStandardItemModel(1, 2)
    model.setItem(0, 0, QStandardItem("李四"))
    model.setItem(0, 1, QStandardItem("原有内容"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    notices: list[str] = []
    delegate = ContactsDelegate(view)
    delegate.notify = lambda _editor, message: notices.append(message)
    view.setItemDelegate(delegate)
    view.show()

    name = model.index(0, 0)
    view.edit(name)
    editor = view.findChild(QLineEdit)
    assert editor is not None and guard_of(editor) is not None
    assert guard_of(editor).rule == SHORT_TEXT
    editor.setText("王五\x08")  # programmatic: bypasses the live guard, so setModelData must catch it
    delegate.setModelData(editor, model, name)
    assert model.data(name) == "李四"
    assert notices and "控制字符" in notices[-1]
    editor.setText("王五")
    delegate.setModelData(editor, model, name)
    assert model.data(name) == "王五"


def test_delegate_writes_the_cleaned_text(qtbot: QtBot) -> None:
    model = QStandardItemModel(1, 2)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = ContactsDelegate(view)
    delegate.notify = None
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.setText("Cafe\u0301")  # decomposed é: stored in NFC form
    delegate.setModelData(editor, model, model.index(0, 1))
    assert model.data(model.index(0, 1)) == "Caf\u00e9"
