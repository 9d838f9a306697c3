"""Content in, through real widgets: a block copied from Excel with its 序号 column lands on the matching items
(not as 13 work rows of the item it was pasted at), the Word/Excel import shows its matches first, and one
Ctrl+Z takes either back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.tsv import format_rows
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.editors import PlanEditor, ProgressEditor
from gwr_desktop.ui.officer import intake_flow
from gwr_desktop.ui.officer.intake_dialog import IntakeDialog
from gwr_desktop.ui.officer.tones import Tone
from tests.forms.sample_content import PLAN, UNIT, WORK, fill_sample
from tests.officer import handmade
from tests.xvfb import give_focus

pytestmark = pytest.mark.xcb  # again on a real X server: tests/test_under_xvfb.py


def block_of(work: dict) -> list[list[str]]:
    """序号 | 责任事项 | 具体工作内容 | 完成时间 as Excel copies merged cells: the value on the first row only."""
    texts = {item.key: item.text for item in fc_items}
    rows = []
    for key, (_leader, _department, entries) in work.items():
        for n, (content, period) in enumerate(entries):
            first = n == 0
            rows.append([key.split("-")[1] if first else "", texts[key] if first else "", content, period])
    return rows


fc_items: list = []


@pytest.fixture
def plan_editor(qtbot: QtBot, sqlite_db: Database) -> PlanEditor:
    fc_items[:] = fc.load_content(sqlite_db, PLAN, UNIT, FormKind.PLAN).items
    editor = PlanEditor(sqlite_db, PLAN, UNIT)
    qtbot.addWidget(editor)
    editor.resize(1300, 760)
    editor.show()
    return editor


def entries(db: Database) -> dict[str, list[tuple[str, str]]]:
    return {item.key: [(w.get("content"), w.get("period")) for w in item.entries]
            for item in fc.load_content(db, PLAN, UNIT, FormKind.PLAN).items if item.entries}


def dialog_of(qtbot: QtBot, editor) -> IntakeDialog:  # noqa: ANN001 - any editor
    qtbot.waitUntil(lambda: getattr(editor, "intake_dialog", None) is not None and editor.intake_dialog.isVisible())
    return editor.intake_dialog


def test_a_block_with_its_numbers_goes_to_the_matching_items_and_undoes_in_one_step(
        qtbot: QtBot, plan_editor: PlanEditor) -> None:
    block = block_of(WORK)
    assert len(block) == 13
    QGuiApplication.clipboard().setText(format_rows(block))
    table, model = plan_editor.table, plan_editor.model
    table.go_to(model.row_of("二-5", 0), model.column_of("content"))  # where the officer happened to be
    give_focus(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog = dialog_of(qtbot, plan_editor)
    assert [item.key for item in dialog.preview.landed] == list(WORK)
    assert dialog.landed.model().rowCount() == len(WORK) and dialog.apply_button.isEnabled()
    assert entries(plan_editor.db) == {}  # nothing written before 导入
    dialog.apply_button.click()
    assert entries(plan_editor.db) == {key: list(work[2]) for key, work in WORK.items()}
    assert plan_editor.message.tone is Tone.SUCCESS and "Ctrl+Z" in plan_editor.message.text()
    give_focus(qtbot, table)  # the dialog has gone: the keys go to the editor again
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entries(plan_editor.db) == {}


def test_a_block_with_a_header_row_is_matched_by_its_headers(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    rows = [["工作任务", "完成时限", "具体措施"], ["新增品牌连锁便利店200家、智慧商店1000家。", "2月", "摸排网点"]]
    QGuiApplication.clipboard().setText(format_rows(rows))
    plan_editor.table.go_to(1, 0)
    assert plan_editor.table.paste_clipboard()
    dialog = dialog_of(qtbot, plan_editor)
    assert [(item.key, item.by) for item in dialog.preview.landed] == [("二-5", "文字相似")]
    dialog.apply_button.click()
    assert entries(plan_editor.db) == {"二-5": [("摸排网点", "2月")]}


def test_a_plain_block_still_pastes_into_the_item(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    QGuiApplication.clipboard().setText("摸排网点\t2月\r\n全年验收\t全年\r\n")
    model = plan_editor.model
    plan_editor.table.go_to(model.row_of("二-5", 0), model.column_of("content"))
    assert plan_editor.table.paste_clipboard()
    assert getattr(plan_editor, "intake_dialog", None) is None
    assert entries(plan_editor.db) == {"二-5": [("摸排网点", "2月"), ("全年验收", "全年")]}


def test_import_from_a_word_file_through_the_tool(qtbot: QtBot, plan_editor: PlanEditor, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = handmade.plan_docx(tmp_path)
    monkeypatch.setattr(intake_flow.Prompts, "open_file", classmethod(lambda cls, parent, folder: path))
    tool = next(a for a in plan_editor.toolbar.actions() if a.text() == "从文件导入…")
    assert "Word/Excel" in tool.toolTip()
    tool.trigger()
    dialog = dialog_of(qtbot, plan_editor)
    assert dialog.unmatched.model().rowCount() == 1 and "99" in dialog.unmatched.model().index(0, 2).data()
    dialog.apply_button.click()
    assert set(entries(plan_editor.db)) == {"二-1", "二-5", "二-172", "三-1"}
    plan_editor.undo_action.trigger()
    assert entries(plan_editor.db) == {}


def test_cancel_writes_nothing_and_a_refused_file_says_why(qtbot: QtBot, plan_editor: PlanEditor,
                                                          tmp_path: Path) -> None:
    dialog = intake_flow.import_file(plan_editor, handmade.plan_docx(tmp_path))
    assert dialog is not None
    dialog.reject()
    assert entries(plan_editor.db) == {}
    bad = tmp_path / "scan.docx"
    bad.write_bytes(b"%PDF-1.4 not a word file")
    assert intake_flow.import_file(plan_editor, bad) is None
    assert plan_editor.message.tone is Tone.ERROR and ".pdf" in plan_editor.message.text()


def test_progress_import_of_an_export_lands_in_the_quarter_shown(qtbot: QtBot, sqlite_db: Database,
                                                                 tmp_path: Path) -> None:
    fill_sample(sqlite_db)
    [path] = signoff.export_form(sqlite_db, PLAN, UNIT, FormKind.PROGRESS, tmp_path, quarter=1, formats=["xlsx"])
    editor = ProgressEditor(sqlite_db, PLAN, UNIT, quarter=3)
    qtbot.addWidget(editor)
    dialog = intake_flow.import_file(editor, path)
    assert dialog is not None and any("前1季度" in note for note in dialog.preview.notes)
    dialog.apply_button.click()
    filled = [i.key for i in fc.load_content(sqlite_db, PLAN, UNIT, FormKind.PROGRESS, 3).items if i.get("progress")]
    assert filled == ["二-1", "二-2", "二-4", "二-5", "二-12"]
