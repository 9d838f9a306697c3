"""Driving the real window as an officer does (pytest-qt style, QTest key clicks on the real widgets).

Every timed step runs from the officer's action until the event loop is free again (bench/settle.py), so work
the app defers to a later turn of the loop is counted with the action that caused it.
"""

from __future__ import annotations

import cProfile
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def profiled() -> Iterator[None]:
    """cProfile around the block when GWR_BENCH_PROFILE names a file (pstats format): where an edit's time goes."""
    target = os.environ.get("GWR_BENCH_PROFILE")
    if not target:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        profile.dump_stats(target)


EDIT_TEXT = "制定年度工作方案，明确责任分工和时间节点（第{n}条，{run}）"  # new text each run: always a real change


def edited_rows(editor, reps: int) -> list[int]:  # noqa: ANN001 - PlanEditor
    """The first row of `reps` led items spread evenly over the form (first, last and between)."""
    rows = [n for n, spec in enumerate(editor.model.rows) if spec.item is not None and spec.entry == 0]
    if len(rows) <= reps:
        return (rows * (reps // max(len(rows), 1) + 1))[:reps]
    step = (len(rows) - 1) / (reps - 1) if reps > 1 else 0
    return [rows[round(n * step)] for n in range(reps)]


def edit_session(window, reps: int) -> dict:  # noqa: ANN001 - the app's MainWindow, services attached
    """Open 填报 and 附表1, commit `reps` cells through the editor, read them back from the database."""
    from gwr_desktop.domain.plan import FormKind
    from gwr_desktop.services.form_content import load_content

    forms_s = open_forms_tab(window)
    started = time.monotonic()
    editor = plan_editor_of(window)
    plan_tab_s = time.monotonic() - started
    run = time.time_ns() % 10**9
    keys = [editor.model.rows[row].item.key for row in edited_rows(editor, reps)]
    with profiled():
        edits = [commit_cell(editor, editor.model.row_of(key, 0), "content", EDIT_TEXT.format(n=n, run=run)) * 1000
                 for n, key in enumerate(keys)]
    stored = {item.key: item.entries[0].get("content") for item in
              load_content(window.db, window.plan_key, window.unit_name, FormKind.PLAN).items if item.entries}
    last = {key: n for n, key in enumerate(keys)}
    lost = [key for key, n in last.items() if stored.get(key) != EDIT_TEXT.format(n=n, run=run)]
    return {"led_items": sum(1 for spec in editor.model.rows if spec.item is not None and spec.entry == 0),
            "rows": editor.model.rowCount(), "open_forms_ms": forms_s * 1000, "plan_tab_ms": plan_tab_s * 1000,
            "edits_ms": [round(ms, 1) for ms in edits], "lost": lost}
