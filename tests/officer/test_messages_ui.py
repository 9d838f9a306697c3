"""Always knowing the state: "已保存 HH:MM" after each commit, messages in colours that tell an error from
information, and an error that goes when its cause does (not when another unit's empty form opens)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.editors import PlanEditor
from gwr_desktop.ui.officer.tones import STYLES, Tone
from tests.forms.sample_content import PLAN, UNIT
from tests.forms.test_editors_ui import cell_editor, col, type_into

pytestmark = pytest.mark.xcb  # again on a real X server: tests/test_under_xvfb.py


def make_editor(qtbot: QtBot, db: Database) -> PlanEditor:
    editor = PlanEditor(db, PLAN, UNIT)
    editor.clock = lambda: dt.datetime(2023, 2, 6, 14, 32)
    qtbot.addWidget(editor)
    editor.resize(1300, 760)
    editor.show()
    return editor


def test_saved_time_after_each_commit(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = make_editor(qtbot, sqlite_db)
    assert editor.saved_label.text() == ""
    type_into(qtbot, editor, editor.model.row_of("二-5", 0), col(editor, "content"), "摸排网点")
    assert editor.saved_label.text() == "已保存 14:32"
    editor.clock = lambda: dt.datetime(2023, 2, 6, 14, 40)
    editor.undo_action.trigger()
    assert editor.saved_label.text() == "已保存 14:40"  # an undo is committed too


def test_an_error_goes_when_its_cell_is_put_right(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = make_editor(qtbot, sqlite_db)
    row, period = editor.model.row_of("二-5", 0), col(editor, "period")
    type_into(qtbot, editor, editor.model.row_of("二-1", 0), col(editor, "content"), "制定方案")
    type_into(qtbot, editor, row, period, "13月")
    assert editor.message.tone is Tone.ERROR and editor.message.styleSheet() == STYLES[Tone.ERROR]
    qtbot.waitUntil(lambda: cell_editor(editor.table) is not None)
    cell_editor(editor.table).setText("3月")  # the reopened cell, corrected
    editor.table.commitData(cell_editor(editor.table))
    assert editor.message.tone is None and editor.message.text() == ""


def test_an_error_stays_while_its_cell_is_still_wrong(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = make_editor(qtbot, sqlite_db)
    type_into(qtbot, editor, editor.model.row_of("二-5", 0), col(editor, "period"), "13月")
    type_into(qtbot, editor, editor.model.row_of("二-1", 0), col(editor, "content"), "制定方案")
    assert editor.message.tone is Tone.ERROR and "13" in editor.message.text()


def test_no_error_follows_to_another_units_form(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = make_editor(qtbot, sqlite_db)
    type_into(qtbot, editor, editor.model.row_of("二-5", 0), col(editor, "period"), "13月")
    assert editor.message.tone is Tone.ERROR
    editor.set_unit("市发改委")
    assert editor.message.text() == "" and editor.saved_label.text() == ""


def test_information_is_not_red(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = make_editor(qtbot, sqlite_db)
    QGuiApplication.clipboard().setText("摸排\u200b网点\t2月\r\n")
    editor.table.go_to(editor.model.row_of("二-5", 0), col(editor, "content"))
    assert editor.table.paste_clipboard()
    assert editor.message.tone is Tone.INFO and "不可见字符" in editor.message.text()
    assert "#a4262c" not in editor.message.styleSheet()
    type_into(qtbot, editor, editor.model.row_of("二-1", 0), col(editor, "content"), "制定方案")
    assert editor.message.text() == ""  # about an earlier step: gone at the next one
