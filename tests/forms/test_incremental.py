"""Edits cost the same in a big form as in a small one (issue 15) — and stay right: after each commit the editor
re-reads only what the edits touched, the dashboard re-reads only the forms a change touched (and only when it
is shown), rows are measured only where they changed. Each test compares the incremental state with one built
from scratch after the same edits."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.dashboard import dashboard, updated
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.base_model import FormTableModel
from gwr_desktop.ui.forms.editors import PlanEditor, ProgressEditor
from gwr_desktop.ui.forms.plan_model import PlanFormModel
from gwr_desktop.ui.forms.progress_model import ProgressFormModel
from gwr_desktop.ui.forms.row_heights import RowHeights
from gwr_desktop.ui.forms.workspace import FormsWorkspace
from tests.forms.conftest import PLAN, UNIT
from tests.forms.sample_content import fill_sample
from tests.forms.test_editors_ui import cell_editor, col, type_into

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole)
TODAY = dt.date(2023, 2, 6)


def shown(model: FormTableModel) -> dict[str, object]:
    """Everything the model shows: rows, every cell in every role that carries content, problems, completion."""
    cells = [[tuple(_plain(model.index(row, column).data(role)) for role in ROLES)
              for column in range(model.columnCount())] for row in range(model.rowCount())]
    done = model.completion()
    return {"rows": [spec.key for spec in model.rows], "cells": cells, "problems": model.problems(),
            "completion": (done.filled, done.required), "header": model.content.header,
            "labels": [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]}


def _plain(value: object) -> object:
    return value.color().name() if hasattr(value, "color") else value


@pytest.fixture
def editor(qtbot: QtBot, sqlite_db: Database) -> PlanEditor:
    widget = PlanEditor(sqlite_db, PLAN, UNIT)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    return widget


def test_the_editor_after_many_edits_shows_what_a_fresh_one_shows(qtbot: QtBot, editor: PlanEditor) -> None:
    db, model, table = editor.db, editor.model, editor.table
    type_into(qtbot, editor, model.row_of("二-5", 0), col(editor, "content"), "摸排全市便利店网点布局")
    type_into(qtbot, editor, model.row_of("二-5", 0), col(editor, "period"), "13月")  # refused, kept at the cell
    qtbot.waitUntil(lambda: cell_editor(table) is not None)  # reopened with the refused text …
    qtbot.keyClick(cell_editor(table), Qt.Key.Key_Escape)  # … and left for later
    type_into(qtbot, editor, model.row_of("二-4", 0), col(editor, "leader"), "李红梅")
    assert model.insert_entry(model.row_of("二-5", 0)) >= 0  # the rows below move down
    QGuiApplication.clipboard().setText("甲\t3月\r\n乙\t4月\r\n丙\t全年\r\n")
    table.go_to(model.row_of("二-1", 0), col(editor, "content"))
    assert table.paste_clipboard()
    assert model.move_entry(model.row_of("二-1", 2), -1) >= 0
    assert model.delete_entry(model.row_of("二-1", 0)) >= 0
    assert model.set_header(model.content.definition.editable_header_fields()[0].key, "李明")
    model.undo_stack.undo()  # the header
    model.undo_stack.undo()  # the deletion: a row comes back
    model.undo_stack.redo()
    incremental = shown(model)
    fresh = PlanFormModel(db, PLAN, UNIT)
    fresh.pending = dict(model.pending)  # a refused value lives only in the editor that refused it
    assert incremental == shown(fresh)
    assert len(model.pending) == 1 and model.rows[next(iter(model.pending))[0]].key == ("item", "二-5", 0)
    assert [message for message, _ in model.problems()] == [
        editor.problem_list.item(n).text() for n in range(editor.problem_list.count())]


def test_an_edit_made_elsewhere_meanwhile_is_seen_with_the_next_commit_to_that_item(qtbot: QtBot,
                                                                                   editor: PlanEditor) -> None:
    """Re-reading the touched item picks up what another program wrote to it, as the full reload did."""
    db, model = editor.db, editor.model
    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.entry("二-5", 0), "content", "命令行写入")
    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.entry("二-5", 1), "content", "命令行第二条")
    type_into(qtbot, editor, model.row_of("二-5", 0), col(editor, "period"), "3月")
    assert [spec.key for spec in model.rows] == [spec.key for spec in PlanFormModel(db, PLAN, UNIT).rows]
    assert model.index(model.row_of("二-5", 1), col(editor, "content")).data() == "命令行第二条"


def test_the_quarterly_form_is_kept_up_to_date_the_same_way(qtbot: QtBot, sqlite_db: Database) -> None:
    fill_sample(sqlite_db)
    progress = ProgressEditor(sqlite_db, PLAN, UNIT, quarter=2)
    qtbot.addWidget(progress)
    progress.show()
    model = progress.model
    row = next(n for n, spec in enumerate(model.rows) if spec.item is not None and spec.item.key == "二-12")
    type_into(qtbot, progress, row, col(progress, "progress"), "社零总额增长9.8%")
    progress.copy_action.trigger()
    model.undo_stack.undo()
    model.undo_stack.redo()
    assert shown(model) == shown(ProgressFormModel(sqlite_db, PLAN, UNIT, 2))


def test_rows_are_measured_only_where_they_changed(qtbot: QtBot, editor: PlanEditor,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    model, table = editor.model, editor.table
    qtbot.waitUntil(lambda: all(row in table.row_heights._fresh for row in table.row_heights.visible_rows()))
    measured: list[int] = []
    original = RowHeights.measure
    monkeypatch.setattr(RowHeights, "measure", lambda self, rows: (measured.extend(rows), original(self, rows)))
    row = model.row_of("二-2", 0)
    before = table.rowHeight(row)
    table.go_to(row, col(editor, "content"))
    measured.clear()
    assert model.setData(model.index(row, col(editor, "content")), "\n".join(f"第{n}行" for n in range(12)))
    assert measured == [row]  # not every row of the form
    assert table.rowHeight(row) > before
    table.horizontalHeader().resizeSection(col(editor, "content"), 120)  # narrower: text wraps anew
    qtbot.waitUntil(lambda: set(table.row_heights.visible_rows()) <= set(measured))


def test_the_dashboard_brought_up_to_date_equals_a_fresh_one(db: Database) -> None:
    board = dashboard(db, PLAN, UNIT, TODAY)
    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.entry("二-5", 0), "content", "摸排网点")
    fc.set_value(db, PLAN, UNIT, FormKind.CONTACTS, e.person("leader", 0), "name", "张志强")
    fc.set_value(db, PLAN, UNIT, FormKind.PROGRESS, e.item("二-5"), "progress", "已新增62家", quarter=2)
    later = TODAY + dt.timedelta(days=3)
    board = updated(db, board, later, {FormKind.PLAN, FormKind.CONTACTS, FormKind.PROGRESS})
    assert board == dashboard(db, PLAN, UNIT, later)
    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.entry("二-5", 0), "period", "3月")
    assert updated(db, board, later, {FormKind.PLAN}) == dashboard(db, PLAN, UNIT, later)
    assert updated(db, board, later, None) == dashboard(db, PLAN, UNIT, later)


def test_a_hidden_dashboard_reads_nothing_until_it_is_shown(qtbot: QtBot, sqlite_db: Database,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import gwr_desktop.ui.forms.dashboard as widget_module

    space = FormsWorkspace(sqlite_db, PLAN, UNIT, today=lambda: TODAY)
    qtbot.addWidget(space)
    space.show()
    editor = space.plan_editor
    space.setCurrentWidget(editor)  # the dashboard is hidden behind 附表1
    reads: list[object] = []
    monkeypatch.setattr(widget_module, "updated", lambda *args: reads.append(args) or updated(*args))
    monkeypatch.setattr(widget_module, "dashboard", lambda *args: reads.append(args) or dashboard(*args))
    for n, key in enumerate(["二-1", "二-2", "二-4"]):
        type_into(qtbot, editor, editor.model.row_of(key, 0), col(editor, "content"), f"第{n}条")
    qtbot.wait(50)
    assert reads == []
    space.setCurrentWidget(space.dashboard)
    qtbot.waitUntil(lambda: len(reads) == 1)
    assert space.dashboard.board == dashboard(sqlite_db, PLAN, UNIT, TODAY)
    assert space.dashboard.table.item(0, 5).text() == str(space.dashboard.board.rows[0].gaps)


def test_opening_the_forms_builds_the_editors_when_their_tabs_are_shown(qtbot: QtBot, sqlite_db: Database) -> None:
    space = FormsWorkspace(sqlite_db, PLAN, UNIT, today=lambda: TODAY)
    qtbot.addWidget(space)
    space.show()
    assert space.editors == {}  # the dashboard alone was read
    assert space.widget(1).text().startswith("正在打开")
    space.setCurrentIndex(2)
    assert set(space.editors) == {FormKind.CONTACTS} and space.currentWidget() is space.editors[FormKind.CONTACTS]
    assert space.tabText(2) == "附表2 督办名单" and space.current_form() == (FormKind.CONTACTS, None)
