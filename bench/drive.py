"""Driving the real window as an officer does (pytest-qt style, QTest key clicks on the real widgets).

Every timed step runs from the officer's action until the event loop is free again (bench/settle.py), so work
the app defers to a later turn of the loop is counted with the action that caused it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from settle import settle


def open_forms_tab(window) -> float:  # noqa: ANN001 - the app's MainWindow
    """Click 填报 (as the tab bar does: make it current); seconds until the loop is free again."""
    tabs = window.tabs
    index = next(n for n in range(tabs.count()) if tabs.tabText(n) == "填报")
    started = time.monotonic()
    tabs.setCurrentIndex(index)
    ended = settle()
    workspace = getattr(window.forms_page, "workspace", None)
    if workspace is None:
        raise RuntimeError("填报 opened without its forms (no unit chosen?)")
    return ended - started


def plan_editor_of(window):  # noqa: ANN001, ANN201 - MainWindow → PlanEditor, shown
    from gwr_desktop.domain.plan import FormKind

    workspace = window.forms_page.workspace
    workspace.open_form(FormKind.PLAN)
    settle()
    return workspace.plan_editor


def cell_editor(table: QWidget) -> QWidget | None:
    kinds = (QLineEdit, QPlainTextEdit, QComboBox)
    found = [w for w in table.viewport().findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()]
    return found[0] if found else None


def commit_cell(editor, row: int, column_key: str, text: str) -> float:  # noqa: ANN001 - a FormEditor
    """Open the cell with F2, type text as an input method commits it, press Enter: seconds from Enter until
    the loop is free again (the commit, the view, the side panel and whatever the app scheduled)."""
    table = editor.table
    column = editor.model.column_of(column_key)
    table.go_to(row, column)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_F2)
    widget = cell_editor(table)
    if widget is None:
        raise RuntimeError(f"no cell editor opened at row {row}")
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.selectAll()
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    QApplication.sendEvent(widget, typed)
    settle(quiet_ms=30)
    started = time.monotonic()
    QTest.keyClick(widget, Qt.Key.Key_Return)
    return settle() - started
