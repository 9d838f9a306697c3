"""Issue 14 #3 and #4 in the real editors (pytest-qt): a conflict keeps the officer's text in the cell and offers
用我的 / 用对方的; a database failure (here: SQLite held by another program) never reaches the crash dialog and
never loses the typed text, which stays in its cell marked unsaved until it is saved or given up."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.storage import engine as storage_engine
from gwr_desktop.ui.forms.editors import PlanEditor
from tests.forms.test_editors_ui import col, entries, stored_item, type_into
from tests.storage.conftest import lock_held

PLAN, UNIT, ITEM = "2023", "市商务局", "二-5"


@pytest.fixture
def editor(qtbot: QtBot, db: Database) -> PlanEditor:
    widget = PlanEditor(db, PLAN, UNIT)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    return widget


def _shown(editor: PlanEditor, key: str) -> str:
    return editor.model.index(editor.model.row_of(ITEM, 0), col(editor, key)).data() or ""


def test_a_conflict_keeps_my_text_and_offers_mine_or_theirs(qtbot: QtBot, editor: PlanEditor, db: Database) -> None:
    row, leader = editor.model.row_of(ITEM, 0), col(editor, "leader")
    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.item(ITEM), "leader", "王对方")  # someone else, meanwhile
    type_into(qtbot, editor, row, leader, "李自己")
    assert stored_item(db, ITEM).get("leader") == "王对方"  # nothing overwritten
    assert _shown(editor, "leader") == "李自己"  # my text stays in the cell
    bar = editor.held_bar
    assert bar.isVisible() and "王对方" in bar.text.text() and "李自己" in bar.text.text()
    assert (bar.keep.text(), bar.drop.text()) == ("用我的", "用对方的")
    assert "王对方" in editor.model.index(row, leader).data(Qt.ItemDataRole.ToolTipRole)
    qtbot.mouseClick(bar.drop, Qt.MouseButton.LeftButton)  # 用对方的
    assert _shown(editor, "leader") == "王对方" and not bar.isVisible()
    assert stored_item(db, ITEM).get("leader") == "王对方"

    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.item(ITEM), "leader", "王再改")
    type_into(qtbot, editor, row, leader, "李坚持")
    assert bar.isVisible() and "王再改" in bar.text.text()
    qtbot.mouseClick(bar.keep, Qt.MouseButton.LeftButton)  # 用我的
    assert stored_item(db, ITEM).get("leader") == "李坚持" and not bar.isVisible()
    assert _shown(editor, "leader") == "李坚持"
    qtbot.keyClick(editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo goes back to theirs
    assert stored_item(db, ITEM).get("leader") == "王再改"


def test_a_paste_on_changed_cells_is_held_whole(qtbot: QtBot, editor: PlanEditor, db: Database) -> None:
    row, content = editor.model.row_of(ITEM, 0), col(editor, "content")
    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.entry(ITEM, 0), "content", "对方的第一条")
    assert not editor.model.paste(row, content, [["我的第一条", "3月"], ["我的第二条", "4月"]])
    assert entries(db, ITEM) == [("对方的第一条", "")]  # all or nothing
    assert _shown(editor, "content") == "我的第一条"
    qtbot.mouseClick(editor.held_bar.keep, Qt.MouseButton.LeftButton)
    assert entries(db, ITEM) == [("我的第一条", "3月"), ("我的第二条", "4月")]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_busy_database_keeps_the_typed_text_unsaved_until_retried(
        qtbot: QtBot, editor: PlanEditor, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_engine, "WRITE_WAIT_SECONDS", 0.5)
    path = Path(db.url.removeprefix("sqlite:///"))
    row, content = editor.model.row_of(ITEM, 0), col(editor, "content")
    with lock_held(path, "write"):
        type_into(qtbot, editor, row, content, "正在写的内容")  # no crash dialog: pytest-qt fails on any escape
        assert _shown(editor, "content") == "正在写的内容"
        assert editor.model.index(row, content).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#ffd8a8"
        assert "未保存" in editor.message.text() and "另一程序" in editor.message.text()
        assert editor.held_bar.isVisible() and editor.held_bar.keep.text() == "重试"
        assert entries(db, ITEM) == []
    qtbot.mouseClick(editor.held_bar.keep, Qt.MouseButton.LeftButton)
    assert entries(db, ITEM) == [("正在写的内容", "")]
    assert not editor.held_bar.isVisible() and _shown(editor, "content") == "正在写的内容"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_undo_on_a_failing_database_is_reported_not_crashed(
        qtbot: QtBot, editor: PlanEditor, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_engine, "WRITE_WAIT_SECONDS", 0.5)
    row, leader = editor.model.row_of(ITEM, 0), col(editor, "leader")
    type_into(qtbot, editor, row, leader, "赵六")
    with lock_held(Path(db.url.removeprefix("sqlite:///")), "write"):
        qtbot.keyClick(editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert "无法撤销" in editor.message.text()
    assert stored_item(db, ITEM).get("leader") == "赵六"


def test_a_second_window_on_the_same_database_sees_the_conflict_too(qtbot: QtBot, db: Database) -> None:
    """Two editors (two officers of one unit), each with its own database connection."""
    other_db = open_database(db.url)
    try:
        first, second = PlanEditor(db, PLAN, UNIT), PlanEditor(other_db, PLAN, UNIT)
        for widget in (first, second):
            qtbot.addWidget(widget)
            widget.show()
        row, leader = first.model.row_of(ITEM, 0), col(first, "leader")
        type_into(qtbot, first, row, leader, "甲")
        type_into(qtbot, second, row, leader, "乙")
        assert stored_item(db, ITEM).get("leader") == "甲"
        assert "甲" in second.held_bar.text.text() and _shown(second, "leader") == "乙"
    finally:
        other_db.close()


def test_after_my_edit_elsewhere_a_change_by_someone_else_is_still_a_conflict(
        qtbot: QtBot, editor: PlanEditor, db: Database) -> None:
    """Regression (merge of issues 14 and 15): an edit re-reads only the items it touched; the stamps of the
    other items must stay those the table shows, or someone else's commit there would be overwritten."""
    other = next(item.key for item in editor.model.content.items if item.key != ITEM)
    leader = col(editor, "leader")
    type_into(qtbot, editor, editor.model.row_of(ITEM, 0), leader, "李先写")  # mine, refreshed alone
    type_into(qtbot, editor, editor.model.row_of(ITEM, 0), leader, "李自己")  # again: no conflict with myself
    assert not editor.held_bar.isVisible()
    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.item(other), "leader", "王对方")  # someone else, meanwhile
    type_into(qtbot, editor, editor.model.row_of(other, 0), leader, "李也改")
    assert stored_item(db, other).get("leader") == "王对方"  # not overwritten
    assert editor.held_bar.isVisible() and "王对方" in editor.held_bar.text.text()
    assert stored_item(db, ITEM).get("leader") == "李自己"
