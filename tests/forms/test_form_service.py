"""The form-content service on both back-ends: edits commit, inverses undo, bad values change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from gwr_desktop.domain.completeness import missing_fields
from gwr_desktop.domain.forms import (
    ContactPerson,
    ContactRole,
    ContactsFormContent,
    PeriodKind,
    PlanFormContent,
    PlanFormItem,
    ProgressFormContent,
    ProgressFormItem,
    ProgressStatus,
    WorkEntry,
    WorkPeriod,
)
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.catalogue import UnknownUnitError
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.storage import form_models as fm
from tests.forms.conftest import PLAN, UNIT


def plan_form(db: Database) -> PlanFormContent:
    return fc.load_content(db, PLAN, UNIT, FormKind.PLAN)


def item(db: Database, key: str) -> PlanFormItem:
    return next(i for i in plan_form(db).items if i.key == key)


def row_count(db: Database, model: type) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_plan_form_lists_led_items_in_plan_order(db: Database) -> None:
    content = plan_form(db)
    keys = [i.key for i in content.items]
    assert keys[:4] == ["二-1", "二-2", "二-4", "二-5"] and keys[-2:] == ["四-60", "四-61"] and len(keys) == 23
    assert content.label == "附表1" and content.title == "市商务局市《政府工作报告》办理方案"
    five = item(db, "二-5")
    assert five.part == "二" and five.number == 5 and five.part_title == "重点工作" and five.entries == ()


def test_entry_edits_commit_and_their_inverses_undo(db: Database) -> None:
    undo_text = fc.set_entry_text(db, PLAN, UNIT, "二-5", 0, "制定全市品牌连锁便利店发展三年行动计划")
    undo_period = fc.set_entry_period(db, PLAN, UNIT, "二-5", 0, "3月")
    fc.insert_entry(db, PLAN, UNIT, "二-5", 1, WorkEntry("新增便利店100家", WorkPeriod(PeriodKind.RANGE, 4, 6)))
    fc.insert_entry(db, PLAN, UNIT, "二-5", 2, WorkEntry("全年新增便利店200家", WorkPeriod(PeriodKind.YEAR)))
    assert [w.period.text() for w in item(db, "二-5").entries] == ["3月", "4-6月", "全年"]
    undo_move = fc.move_entry(db, PLAN, UNIT, "二-5", 2, 0)
    assert item(db, "二-5").entries[0].content == "全年新增便利店200家"
    fc.apply_edits(db, PLAN, UNIT, undo_move)
    undo_delete = fc.delete_entry(db, PLAN, UNIT, "二-5", 1)
    remaining = [w.content for w in item(db, "二-5").entries]
    assert remaining == ["制定全市品牌连锁便利店发展三年行动计划", "全年新增便利店200家"]
    fc.apply_edits(db, PLAN, UNIT, undo_delete)
    assert item(db, "二-5").entries[1] == WorkEntry("新增便利店100家", WorkPeriod(PeriodKind.RANGE, 4, 6))
    fc.apply_edits(db, PLAN, UNIT, undo_period)
    assert item(db, "二-5").entries[0].period is None
    assert undo_text == [e.DeleteEntry("二-5", 0)]  # typing into the empty first row created it


def test_item_owner_and_principal(db: Database) -> None:
    fc.set_item_field(db, PLAN, UNIT, "二-5", "leader", "王建国")
    undo = fc.set_item_field(db, PLAN, UNIT, "二-5", "department", "市场体系建设处")
    fc.set_principal(db, PLAN, UNIT, "李明")
    five = item(db, "二-5")
    assert (five.leader, five.department, plan_form(db).principal) == ("王建国", "市场体系建设处", "李明")
    fc.apply_edits(db, PLAN, UNIT, undo)
    assert item(db, "二-5").department == ""


@pytest.mark.parametrize(("edit", "reason"), [
    (e.SetEntryPeriod("二-5", 0, "13月"), "二-5 第1条完成时间"),
    (e.SetEntryText("二-7", 0, "不归市商务局"), "不是市商务局牵头"),
    (e.SetEntryText("二-5", 3, "跳过了两行"), "没有第4条"),
    (e.SetItemField("二-5", "leader", "王\n建国"), "一行"),
    (e.SetItemField("二-5", "boss", "王建国"), "没有“boss”"),
    (e.SetContactField(ContactRole.HANDLER, 0, "mobile", "1234"), "手机号码应为 11 位"),
    (e.SetContactField(ContactRole.LEADER, 0, "office_phone", "13912345678"), "手机号码"),
    (e.SetContactField(ContactRole.LEADER, 1, "name", "第二位分管领导"), "没有第2人"),
    (e.SetProgress(5, "二-5", "progress", "x"), "季度"),
    (e.SetProgress(1, "二-5", "status", "还行"), "进度"),
    (e.SetProgress(1, "二-5", "figure", "很多"), "没有数字"),
    (e.SetPrincipal(0, "李\x00明"), "控制字符"),
])
def test_refused_edit_changes_nothing(db: Database, edit: e.Edit, reason: str) -> None:
    fc.set_entry_text(db, PLAN, UNIT, "二-5", 0, "已有的内容")
    before = [plan_form(db), fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS),
              fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 1)]
    with pytest.raises(fc.FormInputError, match=reason):
        # the valid first edit must be rolled back with the refused one
        fc.apply_edits(db, PLAN, UNIT, [e.SetEntryText("二-5", 0, "不应留下"), edit])
    after = [plan_form(db), fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS),
             fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 1)]
    assert after == before


def test_each_edit_emits_one_change(db: Database) -> None:
    seen: list[Change] = []
    db.hub.subscribe(seen.append)
    fc.apply_edits(db, PLAN, f" {UNIT} ", [e.SetEntryText("二-5", 0, "甲"), e.SetEntryPeriod("二-5", 0, "全年")])
    fc.set_contact_field(db, PLAN, UNIT, ContactRole.LEADER, 0, "name", "王建国")
    with pytest.raises(fc.FormInputError):
        fc.set_entry_period(db, PLAN, UNIT, "二-5", 0, "明年")
    assert [(c.topic, c.plan_key, c.unit, c.detail["kind"]) for c in seen] == [
        ("forms", PLAN, UNIT, "plan"), ("forms", PLAN, UNIT, "contacts")]


def test_unknown_unit_is_reported(db: Database) -> None:
    with pytest.raises(UnknownUnitError, match="没有“市外星局”"):
        fc.load_content(db, PLAN, "市外星局", FormKind.PLAN)


def test_contacts_roles_and_several_handlers(db: Database) -> None:
    content = fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS)
    assert [p.role for p in content.people] == [ContactRole.LEADER, ContactRole.OFFICE, ContactRole.HANDLER]
    assert [c.name for c in content.office_contacts] == ["徐小生", "王璐"]
    fc.set_contact_field(db, PLAN, UNIT, ContactRole.HANDLER, 0, "name", "陈静")
    liu = ContactPerson(ContactRole.HANDLER, "刘洋", "科员", "027-85771234", "13807161234")
    fc.add_handler(db, PLAN, UNIT, person=liu)
    undo = fc.remove_handler(db, PLAN, UNIT, 0)
    assert [p.name for p in fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS).of_role(ContactRole.HANDLER)] == ["刘洋"]
    fc.apply_edits(db, PLAN, UNIT, undo)
    handlers = fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS).of_role(ContactRole.HANDLER)
    assert [p.name for p in handlers] == ["陈静", "刘洋"] and handlers[1].office_phone == "027-85771234"
    for _ in range(3):
        fc.add_handler(db, PLAN, UNIT)
    with pytest.raises(fc.FormInputError, match="最多填写 5 人"):
        fc.add_handler(db, PLAN, UNIT)


def test_progress_guidance_previous_quarter_and_copy(db: Database) -> None:
    for index, (text, period) in enumerate([("摸排网点", "2月"), ("新增100家", "4-6月"), ("全年200家", "全年")]):
        fc.set_entry_text(db, PLAN, UNIT, "二-5", index, text)
        fc.set_entry_period(db, PLAN, UNIT, "二-5", index, period)
    fc.set_progress(db, PLAN, UNIT, 1, "二-5", "progress", "已新增品牌连锁便利店62家。")
    fc.set_progress(db, PLAN, UNIT, 1, "二-5", "status", "序时推进")
    fc.set_progress(db, PLAN, UNIT, 1, "二-5", "figure", "62家")
    q1 = next(i for i in fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 1).items if i.key == "二-5")
    assert (q1.status, q1.figure) == (ProgressStatus.ON_TRACK, "62家")
    assert [w.content for w in q1.due_entries] == ["摸排网点"]
    assert [w.content for w in q1.ongoing_entries] == ["全年200家"]
    assert [t.text() for t in q1.targets] == ["200家", "1000家"]
    undo = fc.copy_previous_quarter(db, PLAN, UNIT, 2)
    q2 = next(i for i in fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 2).items if i.key == "二-5")
    assert q2.progress == q2.previous == "已新增品牌连锁便利店62家。" and q2.status is None
    assert [w.content for w in q2.due_entries] == ["摸排网点", "新增100家"]
    fc.apply_edits(db, PLAN, UNIT, undo)
    q2_items = fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 2).items
    assert next(i for i in q2_items if i.key == "二-5").progress == ""
    with pytest.raises(fc.FormInputError, match="前1季度之前"):
        fc.copy_previous_quarter(db, PLAN, UNIT, 1)


def test_progress_principal_defaults_to_the_plan_forms(db: Database) -> None:
    fc.set_principal(db, PLAN, UNIT, "李明")
    assert fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 3).principal == "李明"
    fc.set_principal(db, PLAN, UNIT, "赵强", quarter=3)
    assert fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 3).principal == "赵强"
    fc.set_print_status(db, PLAN, UNIT, 3, True)
    assert fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 3).print_status is True


def test_replace_content_is_all_or_nothing(db: Database) -> None:
    fc.set_entry_text(db, PLAN, UNIT, "二-1", 0, "原有内容")
    good = PlanFormItem("二-5", "二", 5, "", entries=(WorkEntry("新增便利店", WorkPeriod(PeriodKind.MONTH, 6)),),
                        leader="王建国", department="市场体系建设处")
    bad = PlanFormItem("二-7", "二", 7, "", leader="王\x01建国")
    with pytest.raises(fc.FormInputError) as refused:
        fc.replace_content(db, PlanFormContent(PLAN, UNIT, "李明", (good, bad)))
    assert len(refused.value.problems) == 2 and "二-7" in refused.value.problems[0]
    assert item(db, "二-1").entries[0].content == "原有内容" and plan_form(db).principal == ""
    fc.replace_content(db, PlanFormContent(PLAN, UNIT, "李明", (good,)))
    assert item(db, "二-1").entries == () and item(db, "二-5").entries == good.entries
    assert item(db, "二-5").leader == "王建国" and plan_form(db).principal == "李明"


def test_replace_contacts_and_progress(db: Database) -> None:
    people = (ContactPerson(ContactRole.LEADER, "王建国", "副局长", "027-85770001", "13907160001"),
              ContactPerson(ContactRole.HANDLER, "陈静", "科员", "85770003", "13907160003"),
              ContactPerson(ContactRole.HANDLER, "刘洋", "科员", "85770004", "bad"))
    with pytest.raises(fc.FormInputError, match="经办人2手机"):
        fc.replace_content(db, ContactsFormContent(PLAN, UNIT, people))
    assert row_count(db, fm.ContactRow) == 0
    fc.replace_content(db, ContactsFormContent(PLAN, UNIT, people[:2]))
    assert [p.name for p in fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS).people] == ["王建国", "", "陈静"]
    progress = ProgressFormContent(PLAN, UNIT, 2, "李明", (ProgressFormItem("二-5", "二", 5, "", "已新增98家",
                                                                            ProgressStatus.ON_TRACK, "98家"),))
    fc.replace_content(db, progress)
    loaded = fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 2)
    assert next(i for i in loaded.items if i.key == "二-5").figure == "98家"


def test_missing_fields_name_item_and_row(db: Database) -> None:
    fc.set_entry_text(db, PLAN, UNIT, "二-5", 0, "新增便利店")
    gaps = missing_fields(plan_form(db))
    assert "表头：未填写主要负责人" in gaps and "二-5 第1条：未填写完成时间" in gaps
    assert "二-5 第1条：未填写具体工作内容" not in gaps and "二-1 第1条：未填写具体工作内容" in gaps
    contacts = missing_fields(fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS))
    assert len(contacts) == 12 and contacts[0] == "分管领导：未填写姓名"
    progress = missing_fields(fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 1))
    assert "二-5：未填写完成情况" in progress and len(progress) == 24
