"""The contribution windows on real widgets offscreen: the helper's 配合材料 page, 文件 → 导入配合材料…, the
pane beside the lead's 附表3/附表1 cells (merge, undo, redo) and the 督查室 choice of the unit chooser."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from gwr_desktop.app import build_main_window
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import contribution_drafts
from gwr_desktop.services import contribution_merge as cm
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database
from gwr_desktop.services.office_role import OFFICE_CHOICE, is_office
from gwr_desktop.services.preferences import UNIT_KEY, set_setting
from gwr_desktop.ui.contributions.menu import take_in
from gwr_desktop.ui.main_window import MainWindow
from tests.contributions.helpers import HELPER, ITEM, LEAD, NOTE, PLAN, WORK, export, type_contribution


def window_of(db: Database, qtbot: QtBot, unit: str) -> MainWindow:
    set_setting(db, UNIT_KEY, unit)
    window = build_main_window(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def progress_text(db: Database, quarter: int = 2) -> str:
    return next(i for i in fc.load_content(db, PLAN, LEAD, FormKind.PROGRESS, quarter).items if i.key == ITEM) \
        .get("progress")


@pytest.fixture
def lead_window(sqlite_db: Database, qtbot: QtBot, tmp_path: Path) -> MainWindow:
    type_contribution(sqlite_db)
    files = export(sqlite_db, tmp_path / "mail")
    window = window_of(sqlite_db, qtbot, LEAD)
    dialog = take_in(window, files)
    assert dialog is not None
    assert [dialog.model.data(dialog.model.index(r, 1)) for r in range(2)] == ["已导入", "已导入过"]
    dialog.close()
    window.show_page(window.forms_page)
    return window


def select_item(editor, key: str) -> None:  # noqa: ANN001 - a form editor
    row = next(n for n, spec in enumerate(editor.model.rows) if spec.item is not None and spec.item.key == key)
    editor.table.setCurrentIndex(editor.model.index(row, 2))


def progress_pane(window: MainWindow, qtbot: QtBot):  # noqa: ANN201 - (the 附表3 editor, its 配合材料 pane)
    """The lead's 附表3 for the second quarter, the contributed item selected and its contribution shown."""
    workspace = window.forms_page.workspace
    editor = workspace.progress_editor
    workspace.open_form(FormKind.PROGRESS, 2)
    select_item(editor, ITEM)
    pane = editor.contributions
    qtbot.waitUntil(lambda: pane.list.count() == 1)
    return editor, pane


def test_the_pane_shows_the_contribution_and_merges_it_undoably(lead_window: MainWindow, sqlite_db: Database,
                                                                qtbot: QtBot) -> None:
    editor, pane = progress_pane(lead_window, qtbot)
    assert lead_window.minimumSizeHint().height() <= 768  # the pane still lets the window fit a 1366×768 screen
    assert pane.list.itemText(0).startswith(HELPER)
    assert not pane.list.isVisible()  # one contribution: nothing to choose, its helper is named in the detail
    assert NOTE.split("\n")[0] in pane.detail.toPlainText() and HELPER in pane.detail.toPlainText()
    qtbot.mouseClick(pane.append_button, Qt.MouseButton.LeftButton)
    assert progress_text(sqlite_db) == NOTE
    assert "已于" in pane.detail.toPlainText()  # the provenance shows beside it
    editor.undo_action.trigger()
    assert progress_text(sqlite_db) == ""
    editor.redo_action.trigger()
    assert progress_text(sqlite_db) == NOTE
    assert [(r.helper, r.target) for r in cm.provenance(sqlite_db, PLAN, LEAD, ITEM)] == [(HELPER, "完成情况")]


def test_the_pane_reads_again_only_when_the_selection_moves_to_another_item(
        lead_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    """Issue 15: a commit in the table (or a move to the same item's next row) read every contribution of the item
    again, two queries and a re-rendered pane per Enter; what the pane shows does not depend on the lead's text."""
    editor, pane = progress_pane(lead_window, qtbot)
    reads: list[str | None] = []
    real = cm.received
    monkeypatch.setattr(cm, "received", lambda *a, **k: reads.append(k.get("item_key")) or real(*a, **k))
    row = editor.current_row()
    column = editor.model.column_of("progress")
    assert editor.model.setData(editor.model.index(row, column), "本季度已完成调研")
    assert reads == [] and pane.list.count() == 1  # the commit: nothing read again, the contribution still shown
    editor.undo_action.trigger()
    assert reads == []
    other = next(spec.item.key for spec in editor.model.rows if spec.item is not None and spec.item.key != ITEM)
    select_item(editor, other)
    assert reads == [other] and pane.list.count() == 0
    select_item(editor, ITEM)
    assert reads == [other, ITEM] and pane.list.count() == 1


def test_the_work_rows_become_entries_of_the_plan_form(lead_window: MainWindow, sqlite_db: Database) -> None:
    workspace = lead_window.forms_page.workspace
    editor = workspace.plan_editor
    workspace.open_form(FormKind.PLAN)
    select_item(editor, ITEM)
    pane = editor.contributions
    assert pane.list.count() == 1 and not pane.copy_button.isVisible()
    assert pane.merge(cm.ENTRIES)
    entries = next(i for i in fc.load_content(sqlite_db, PLAN, LEAD, FormKind.PLAN).items if i.key == ITEM).entries
    assert [(e.get("content"), e.get("period")) for e in entries] == [(w.content, w.period) for w in WORK]
    assert not pane.merge(cm.ENTRIES) and "已全部在办理方案中" in editor.message.text()


def test_the_helper_types_and_exports_its_contribution(sqlite_db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    window = window_of(sqlite_db, qtbot, HELPER)
    window.show_page(window.contributions_tab)
    page = window.contributions_tab.page
    assert page is not None
    page.quarter_box.setCurrentIndex(1)
    keys = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    page.table.selectRow(keys.index(ITEM))
    page.note.setPlainText("组织重点企业参与促消费活动。")
    page.table.selectRow(0 if keys.index(ITEM) else 1)  # moving on to another item commits it
    assert "已保存 二-2 的配合情况" in page.message.text()
    page.table.selectRow(keys.index(ITEM))
    page._add_row()
    page.work.item(0, 0).setText("组织企业参与“乐购武汉”活动")
    page.work.item(0, 1).setText("5月")
    typed = contribution_drafts.drafts(sqlite_db, PLAN, HELPER, 2)[ITEM]
    assert typed.note == "组织重点企业参与促消费活动。"
    assert [(w.content, w.period) for w in typed.work] == [("组织企业参与“乐购武汉”活动", "5月")]
    page.lead_box.setCurrentText(LEAD)
    written = page.export_to(tmp_path)
    assert [p.name for p in written] == ["2023_市经信局_配合材料_致市商务局_前2季度.docx",
                                         "2023_市经信局_配合材料_致市商务局_前2季度.xlsx"]
    page.work.item(0, 1).setText("十三月")
    assert "未保存" in page.message.text()


def test_the_unit_chooser_offers_the_office(sqlite_db: Database, qtbot: QtBot) -> None:
    window = window_of(sqlite_db, qtbot, LEAD)
    dialog = window.open_unit_chooser()
    button = next(b for b in dialog.findChildren(QPushButton) if OFFICE_CHOICE in b.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert is_office(sqlite_db)
    assert window.tabs.currentWidget() is window.office_page
    assert window.ask_unit_if_missing() is None
