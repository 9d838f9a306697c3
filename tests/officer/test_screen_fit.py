"""Fits the screen: at 1366×768 no column of any form table is cut off, at 1920×1080 the tables use the width,
and a width the officer sets is kept for that form."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.workspace import FormsWorkspace
from gwr_desktop.ui.officer.column_fit import FLEX_MIN_PX
from tests.forms.sample_content import PLAN, UNIT

pytestmark = pytest.mark.xcb  # again on a real X server: tests/test_under_xvfb.py

# The window's room on each screen: 95% of the available area (MainWindow._fit_to_screen), less its frame.
SCREENS = {"1366x768": (1297, 700), "1920x1080": (1824, 990)}


def widths(table) -> tuple[int, int]:  # noqa: ANN001 - a FormTable
    total = sum(table.columnWidth(n) for n in range(table.model().columnCount()))
    return total, table.viewport().width()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_editor_fits_its_table_to_the_width(qtbot: QtBot, sqlite_db: Database, screen: str) -> None:
    space = FormsWorkspace(sqlite_db, PLAN, UNIT, today=lambda: dt.date(2023, 7, 12))
    qtbot.addWidget(space)
    space.resize(*SCREENS[screen])
    space.show()
    for editor in space.editors.values():
        space.setCurrentWidget(editor)
        qtbot.waitUntil(lambda editor=editor: editor.table.viewport().width() > 0)
        used, room = widths(editor.table)
        assert used <= room, (editor.model.kind, used, room)  # nothing cut off
        assert used >= room - 8, (editor.model.kind, used, room)  # and no empty band on the right
        assert all(editor.table.columnWidth(n) >= 40 for n in range(editor.model.columnCount()))


def test_a_width_the_officer_sets_is_kept(qtbot: QtBot, sqlite_db: Database) -> None:
    space = FormsWorkspace(sqlite_db, PLAN, UNIT, today=lambda: dt.date(2023, 7, 12))
    qtbot.addWidget(space)
    space.resize(*SCREENS["1920x1080"])
    space.show()
    editor = space.plan_editor
    space.setCurrentWidget(editor)
    column = editor.model.column_of("department")
    editor.table.horizontalHeader().resizeSection(column, 260)  # as a drag of the header's edge does
    used, room = widths(editor.table)
    assert editor.table.columnWidth(column) == 260 and room - 8 <= used <= room
    again = FormsWorkspace(sqlite_db, PLAN, UNIT, today=lambda: dt.date(2023, 7, 12))
    qtbot.addWidget(again)
    again.resize(*SCREENS["1920x1080"])
    again.show()
    again.setCurrentWidget(again.plan_editor)
    assert again.plan_editor.table.columnWidth(column) == 260
    again.plan_editor.fitter.reset()
    assert again.plan_editor.table.columnWidth(column) < 260
    assert all(again.plan_editor.table.columnWidth(n) >= FLEX_MIN_PX
               for n in (again.plan_editor.model.column_of("item"), again.plan_editor.model.column_of("content")))


def test_the_problems_dock_makes_room_for_the_forms(make_window) -> None:  # noqa: ANN001 - fixture
    window = make_window("市商务局")
    dock = window.problems_dock
    assert dock.isVisible()
    window.show_page(window.forms_page)
    assert not dock.isVisible()
    window.show_page(window.browser)
    assert dock.isVisible()
    dock.hide()  # the officer closes it: it stays closed
    window.show_page(window.forms_page)
    window.show_page(window.browser)
    assert not dock.isVisible()
