"""The editors driven through real widgets offscreen: typing, pasting, undo/redo land in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.contacts_model import ContactsFormModel
from gwr_desktop.ui.forms.editors import ContactsEditor, PlanEditor, ProgressEditor
from gwr_desktop.ui.forms.plan_model import PlanFormModel
from gwr_desktop.ui.forms.progress_model import ProgressFormModel
from gwr_desktop.ui.forms.workspace import FormsWorkspace
from tests.forms.conftest import PLAN, UNIT
from tests.forms.sample_content import fill_sample


def stored_item(db: Database, key: str):  # noqa: ANN201
    return next(i for i in fc.load_content(db, PLAN, UNIT, FormKind.PLAN).items if i.key == key)


def entries(db: Database, key: str) -> list[tuple[str, str]]:
    return [(w.get("content"), w.get("period")) for w in stored_item(db, key).entries]


def col(editor, key: str) -> int:  # noqa: ANN001 - any form editor
    column = editor.model.column_of(key)
    assert column >= 0, key
    return column


def cell_editor(table):  # noqa: ANN001, ANN201 - the open editor widget of a FormTable, if any
    kinds = QLineEdit | QPlainTextEdit | QComboBox
    editors = [w for w in table.viewport().findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()]
    return editors[0] if editors else None


def type_text(widget: QWidget, text: str) -> None:
    """Chinese arrives from an input method as a committed string, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(qtbot: QtBot, editor, row: int, column: int, text: str) -> None:  # noqa: ANN001
    table = editor.table
    table.go_to(row, column)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    widget = cell_editor(table)
    if isinstance(widget, QComboBox):
        widget.setCurrentText(text)
        table.itemDelegate().commitData.emit(widget)
        table.itemDelegate().closeEditor.emit(widget, QAbstractItemDelegate.EndEditHint.NoHint)
        return
    widget.selectAll()
    type_text(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()  # a line editor commits on a queued call


@pytest.fixture
def plan_editor(qtbot: QtBot, sqlite_db: Database) -> PlanEditor:
    editor = PlanEditor(sqlite_db, PLAN, UNIT)
    qtbot.addWidget(editor)
    editor.resize(1400, 800)
    editor.show()
    return editor


def test_models_pass_the_model_tester(qtmodeltester, sqlite_db: Database) -> None:  # noqa: ANN001
    fill_sample(sqlite_db)
    for model in (PlanFormModel(sqlite_db, PLAN, UNIT), ContactsFormModel(sqlite_db, PLAN, UNIT),
                  ProgressFormModel(sqlite_db, PLAN, UNIT, 2)):
        qtmodeltester.check(model, force_py=True)


def test_typing_commits_at_once_and_undo_redo_are_committed(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    db, model = plan_editor.db, plan_editor.model
    row = model.row_of("二-5", 0)
    type_into(qtbot, plan_editor, row, col(plan_editor, "content"), "摸排全市便利店网点布局")
    type_into(qtbot, plan_editor, row, col(plan_editor, "period"), "4月底")
    type_into(qtbot, plan_editor, row, col(plan_editor, "leader"), "李红梅")
    assert entries(db, "二-5") == [("摸排全市便利店网点布局", "4月底")]
    assert stored_item(db, "二-5").get("leader") == "李红梅"
    plan_editor.table.setFocus()
    qtbot.keyClick(plan_editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_item(db, "二-5").get("leader") == ""
    qtbot.keyClick(plan_editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entries(db, "二-5")[0][1] == ""
    qtbot.keyClick(plan_editor.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(plan_editor.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_item(db, "二-5").get("leader") == "李红梅" and entries(db, "二-5")[0][1] == "4月底"


def test_bad_period_is_refused_at_the_cell_and_kept_for_correction(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    model = plan_editor.model
    row, period = model.row_of("二-5", 0), col(plan_editor, "period")
    type_into(qtbot, plan_editor, row, period, "13月")
    assert stored_item(plan_editor.db, "二-5").entries == ()
    tooltip = model.index(row, period).data(Qt.ItemDataRole.ToolTipRole)
    assert "13月" in tooltip and "不在 1～12" in tooltip and "不在 1～12" in plan_editor.message.text()
    assert plan_editor.problem_list.item(0).text().startswith("未接受")
    qtbot.waitUntil(lambda: cell_editor(plan_editor.table) is not None)
    reopened = cell_editor(plan_editor.table)
    assert reopened.text() == "13月"  # nothing typed is lost
    reopened.setText("3-6月")
    qtbot.keyClick(reopened, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert entries(plan_editor.db, "二-5")[0][1] == "3-6月"
    assert model.index(row, period).data(Qt.ItemDataRole.ToolTipRole) is None


def test_multiline_cell_with_alt_enter(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    table, row = plan_editor.table, plan_editor.model.row_of("二-2", 0)
    table.go_to(row, col(plan_editor, "content"))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = cell_editor(table)
    assert isinstance(editor, QPlainTextEdit)
    type_text(editor, "组织主题消费活动50场")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    type_text(editor, "发放消费券")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert entries(plan_editor.db, "二-2")[0][0] == "组织主题消费活动50场\n发放消费券"
    assert table.rowHeight(row) > table.rowHeight(plan_editor.model.row_of("二-4", 0))  # the row grew


def test_paste_excel_block_appends_entries_and_undoes_in_one_step(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    table, model = plan_editor.table, plan_editor.model
    QGuiApplication.clipboard().setText('摸排网点\t2月\r\n"新增便利店100家\n新增智慧商店500家"\t4—6月\r\n全年验收\t全年\r\n')
    table.go_to(model.row_of("二-5", 0), col(plan_editor, "content"))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert entries(plan_editor.db, "二-5") == [
        ("摸排网点", "2月"), ("新增便利店100家\n新增智慧商店500家", "4-6月"), ("全年验收", "全年")]
    assert model.rowCount() == PlanFormModel(plan_editor.db, PLAN, UNIT).rowCount()
    table.go_to(model.row_of("二-5", 1), col(plan_editor, "content"))
    table.selectionModel().clearSelection()
    assert table.copy_selection() == '"新增便利店100家\n新增智慧商店500家"\r\n'
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_item(plan_editor.db, "二-5").entries == ()


def test_paste_with_a_bad_cell_changes_nothing(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    table, model = plan_editor.table, plan_editor.model
    QGuiApplication.clipboard().setText("摸排网点\t2月\r\n新增便利店\t明年\r\n")
    table.go_to(model.row_of("二-5", 0), col(plan_editor, "content"))
    assert not table.paste_clipboard()
    assert stored_item(plan_editor.db, "二-5").entries == () and "明年" in plan_editor.message.text()


def test_row_operations(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    db, model, table = plan_editor.db, plan_editor.model, plan_editor.table
    content = col(plan_editor, "content")
    for index, text in enumerate(["甲", "乙"]):
        fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.entry("二-5", index), "content", text)
    model.reload()
    table.go_to(model.row_of("二-5", 1), content)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [t for t, _ in entries(db, "二-5")] == ["乙", "甲"]
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [t for t, _ in entries(db, "二-5")] == ["乙", "", "甲"]
    assert table.currentIndex().row() == model.row_of("二-5", 1)
    qtbot.keyClick(table, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t for t, _ in entries(db, "二-5")] == ["甲", "乙"]
    table.go_to(model.row_of("二-5", 0), content)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert entries(db, "二-5")[0][0] == ""


def test_contacts_phone_refused_and_handler_added(qtbot: QtBot, sqlite_db: Database) -> None:
    editor = ContactsEditor(sqlite_db, PLAN, UNIT)
    qtbot.addWidget(editor)
    editor.show()
    type_into(qtbot, editor, 2, col(editor, "mobile"), "1390716")
    assert "11 位" in editor.model.index(2, col(editor, "mobile")).data(Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: cell_editor(editor.table) is not None)
    cell_editor(editor.table).setText("13907161234")
    qtbot.keyClick(cell_editor(editor.table), Qt.Key.Key_Return)
    QApplication.processEvents()
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    type_into(qtbot, editor, 3, col(editor, "name"), "吴昊")
    handlers = fc.load_content(sqlite_db, PLAN, UNIT, FormKind.CONTACTS).of_role("handler")
    assert [(p.get("name"), p.get("mobile")) for p in handlers] == [("", "13907161234"), ("吴昊", "")]
    assert editor.model.index(3, col(editor, "role")).data() == "经办人2"


def test_progress_quarter_guidance_and_copy_previous(qtbot: QtBot, sqlite_db: Database) -> None:
    fill_sample(sqlite_db)
    editor = ProgressEditor(sqlite_db, PLAN, UNIT, quarter=1)
    qtbot.addWidget(editor)
    editor.show()
    editor.quarter_box.setCurrentIndex(1)
    row = next(n for n in range(editor.model.rowCount()) if editor.model.item_at(n)
               and editor.model.item_at(n).key == "二-4")
    editor.table.go_to(row, col(editor, "progress"))
    assert "认定汉口北、汉正街等10个直播电商集聚区" in editor.guidance.toPlainText()
    editor.table.setFocus()
    editor.copy_action.trigger()
    q2 = {i.key: i for i in fc.load_content(sqlite_db, PLAN, UNIT, FormKind.PROGRESS, 2).items}
    assert q2["二-4"].get("progress").startswith("已完成直播电商集聚区申报工作")
    assert q2["二-5"].get("progress").startswith("已新增品牌连锁便利店136家")  # filled already: left as it was
    type_into(qtbot, editor, row, col(editor, "status"), "已完成")
    assert fc.load_content(sqlite_db, PLAN, UNIT, FormKind.PROGRESS, 2).items[2].get("status") == "已完成"
    assert editor.print_status.text() == "打印进度和完成数"
    editor.print_status.setChecked(True)
    assert fc.load_content(sqlite_db, PLAN, UNIT, FormKind.PROGRESS, 2).print_optional


def test_workspace_dashboard_follows_edits_and_unit(qtbot: QtBot, sqlite_db: Database) -> None:
    space = FormsWorkspace(sqlite_db, PLAN, UNIT, today=lambda: dt.date(2023, 2, 6))
    qtbot.addWidget(space)
    space.show()  # a hidden dashboard reads its changes when it is shown (tests/forms/test_incremental.py)
    assert space.dashboard.table.item(0, 3).text() == "还有 4 天"
    fc.set_value(sqlite_db, PLAN, UNIT, FormKind.CONTACTS, e.person("leader", 0), "name", "张志强")
    qtbot.waitUntil(lambda: space.dashboard.board.rows[1].completion.filled == 1)
    space.set_unit("市发改委")
    assert space.plan_editor.model.content.unit == "市发展改革委" or space.plan_editor.model.content.unit == "市发改委"
    space.dashboard.open_form.emit(FormKind.PROGRESS, 3)
    assert space.currentWidget() is space.progress_editor and space.progress_editor.model.quarter == 3


def test_editor_numbers_sections_as_the_exports_do(plan_editor: PlanEditor) -> None:
    """Regression (issue 11 #5): the editor showed （一） while every export printed (一)."""
    from gwr_desktop.domain.forms import seq_label

    model = plan_editor.model
    seq = col(plan_editor, "seq")
    shown = [model.index(r, seq).data() for r in range(model.rowCount()) if model.rows[r].item]
    items = [spec.item for spec in model.rows if spec.item and spec.entry == 0]
    assert shown[:2] == ["1", "2"] and shown == [seq_label(i.part, i.number) for i in items]
    fdrc = PlanFormModel(plan_editor.db, PLAN, "市发改委")
    first = next(r for r in range(fdrc.rowCount()) if fdrc.rows[r].item)
    assert fdrc.index(first, seq).data() == "(一)"


def test_reference_pane_shows_user_text_as_typed(qtbot: QtBot, sqlite_db: Database) -> None:
    """Regression (issue 11 #5): "对增速<5%的…" went into the HTML unescaped and showed as "对增速"."""
    text = "对增速<5%的企业开展帮扶，<b>不是粗体</b> & 其他"
    fc.apply_edits(sqlite_db, PLAN, UNIT, [e.SetValue(FormKind.PLAN, 0, e.entry("二-5", 0), "content", text),
                                           e.SetValue(FormKind.PLAN, 0, e.entry("二-5", 0), "period", "3月")])
    fc.set_value(sqlite_db, PLAN, UNIT, FormKind.PROGRESS, e.item("二-5"), "progress", "增速<5%", quarter=1)
    fc.set_value(sqlite_db, PLAN, UNIT, FormKind.PROGRESS, e.item("二-5"), "progress", "增速<6%", quarter=2)
    editor = ProgressEditor(sqlite_db, PLAN, UNIT, quarter=2)
    qtbot.addWidget(editor)
    row = next(n for n in range(editor.model.rowCount()) if editor.model.item_at(n)
               and editor.model.item_at(n).key == "二-5")
    editor.table.go_to(row, col(editor, "progress"))
    shown = editor.guidance.toPlainText()
    assert text in shown and "增速<" in shown


def test_cell_editors_are_guarded_and_offer_the_columns_suggestions(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    """ui/safety/input_guard now guards every cell editor and header field; 完成时间 offers its suggestions."""
    from gwr_desktop.ui.safety.input_guard import guard_of

    table, model = plan_editor.table, plan_editor.model
    row = model.row_of("二-5", 0)
    table.go_to(row, col(plan_editor, "period"))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    line = cell_editor(table)
    assert isinstance(line, QLineEdit) and guard_of(line) is not None
    suggestions = line.completer().model()
    assert "4-6月" in [suggestions.index(n, 0).data() for n in range(suggestions.rowCount())]
    type_text(line, "3月")
    guard = guard_of(line)
    type_text(line, "\x07")  # a control character is refused as it is typed
    assert line.text() == "3月" and "控制字符" in guard.last_message
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    principal = plan_editor.header_edits["principal"]
    assert guard_of(principal) is not None


def test_paste_reports_invisible_characters_it_removed(qtbot: QtBot, plan_editor: PlanEditor) -> None:
    table, model = plan_editor.table, plan_editor.model
    QGuiApplication.clipboard().setText("摸排\u200b网点\t2月\r\n")
    table.go_to(model.row_of("二-5", 0), col(plan_editor, "content"))
    assert table.paste_clipboard()
    assert entries(plan_editor.db, "二-5") == [("摸排网点", "2月")]
    assert "已删除 1 个不可见字符" in plan_editor.message.text()


def test_workspace_has_a_tab_per_form_of_the_plan(qtbot: QtBot, sqlite_db: Database) -> None:
    space = FormsWorkspace(sqlite_db, PLAN, UNIT, today=lambda: dt.date(2023, 7, 6))
    qtbot.addWidget(space)
    assert [space.tabText(n) for n in range(space.count())] == [
        "截止与进度", "附表1 办理方案", "附表2 督办名单", "附表3 完成情况"]
    assert space.current_form() == (FormKind.PLAN, None)
    space.open_form(FormKind.PROGRESS, 2)
    assert space.current_form() == (FormKind.PROGRESS, 2)
