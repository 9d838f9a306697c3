"""The form-content service on both back-ends: edits commit, inverses undo, bad values change nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from gwr_desktop.domain.completeness import missing_fields
from gwr_desktop.domain.forms import FormContent, FormItem, WorkEntry
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.catalogue import UnknownUnitError
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.storage import form_models as fm
from tests.forms.conftest import PLAN, UNIT
from tests.forms.sample_content import person

P, C, Q = FormKind.PLAN, FormKind.CONTACTS, FormKind.PROGRESS


def plan_form(db: Database) -> FormContent:
    return fc.load_content(db, PLAN, UNIT, P)


def item(db: Database, key: str) -> FormItem:
    return next(i for i in plan_form(db).items if i.key == key)


def texts(db: Database, key: str) -> list[tuple[str, str]]:
    return [(w.get("content"), w.get("period")) for w in item(db, key).entries]


def row_count(db: Database, model: type) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def write(key: str, index: int, field: str, value: str) -> e.SetValue:
    return e.SetValue(P, 0, e.entry(key, index), field, value)


def test_plan_form_lists_led_items_in_plan_order(db: Database) -> None:
    content = plan_form(db)
    keys = [i.key for i in content.items]
    assert keys[:4] == ["二-1", "二-2", "二-4", "二-5"] and keys[-2:] == ["四-60", "四-61"] and len(keys) == 23
    assert content.label == "附表1" and content.title == "市商务局市《政府工作报告》办理方案"
    five = item(db, "二-5")
    assert five.part == "二" and five.number == 5 and five.part_title == "重点工作" and five.entries == ()


def test_entry_edits_commit_and_their_inverses_undo(db: Database) -> None:
    undo_text = fc.apply_edits(db, PLAN, UNIT, [write("二-5", 0, "content", "制定全市品牌连锁便利店发展三年行动计划")])
    undo_period = fc.apply_edits(db, PLAN, UNIT, [write("二-5", 0, "period", "3月")])
    fc.apply_edits(db, PLAN, UNIT, [
        e.InsertRow(P, 0, e.entry("二-5", 1), {"content": "新增便利店100家", "period": "4—6月"}),
        e.InsertRow(P, 0, e.entry("二-5", 2), {"content": "全年新增便利店200家", "period": "全年"})])
    assert [p for _, p in texts(db, "二-5")] == ["3月", "4-6月", "全年"]
    undo_move = fc.apply_edits(db, PLAN, UNIT, [e.MoveRow(P, 0, e.entry("二-5", 2), 0)])
    assert texts(db, "二-5")[0][0] == "全年新增便利店200家"
    fc.apply_edits(db, PLAN, UNIT, undo_move)
    undo_delete = fc.apply_edits(db, PLAN, UNIT, [e.DeleteRow(P, 0, e.entry("二-5", 1))])
    assert [t for t, _ in texts(db, "二-5")] == ["制定全市品牌连锁便利店发展三年行动计划", "全年新增便利店200家"]
    fc.apply_edits(db, PLAN, UNIT, undo_delete)
    assert texts(db, "二-5")[1] == ("新增便利店100家", "4-6月")
    fc.apply_edits(db, PLAN, UNIT, undo_period)
    assert texts(db, "二-5")[0][1] == ""
    assert undo_text == [e.DeleteRow(P, 0, e.entry("二-5", 0))]  # typing into the empty first row created it


def test_item_values_and_header(db: Database) -> None:
    fc.set_value(db, PLAN, UNIT, P, e.item("二-5"), "leader", "王建国")
    undo = fc.set_value(db, PLAN, UNIT, P, e.item("二-5"), "department", "市场体系建设处")
    fc.set_header(db, PLAN, UNIT, P, "principal", "李明")
    five = item(db, "二-5")
    assert (five.get("leader"), five.get("department"), plan_form(db).header["principal"]) == (
        "王建国", "市场体系建设处", "李明")
    fc.apply_edits(db, PLAN, UNIT, undo)
    assert item(db, "二-5").get("department") == ""


@pytest.mark.parametrize(("edit", "reason"), [
    (write("二-5", 0, "period", "13月"), "二-5 第1条完成时间"),
    (write("二-7", 0, "content", "不归市商务局"), "不是市商务局牵头"),
    (write("二-5", 3, "content", "跳过了两行"), "没有第4条"),
    (e.SetValue(P, 0, e.item("二-5"), "leader", "王\n建国"), "一行"),
    (e.SetValue(P, 0, e.item("二-5"), "boss", "王建国"), "附表1没有“boss”"),
    (e.SetValue(P, 0, e.item("二-5"), "content", "放错了层级"), "没有“content”"),
    (e.SetValue(C, 0, e.person("handler", 0), "mobile", "1234"), "手机号码应为 11 位"),
    (e.SetValue(C, 0, e.person("handler", 0), "mobile", "1390716١٢٣٤"), "不是 0～9 的数字"),
    (e.SetValue(C, 0, e.person("leader", 0), "office_phone", "13912345678"), "手机号码"),
    (e.SetValue(C, 0, e.person("leader", 1), "name", "第二位分管领导"), "没有第2人"),
    (e.SetValue(C, 0, e.person("boss", 0), "name", "某人"), "没有责任人“boss”"),
    (e.SetValue(C, 0, e.person("leader", 0), "name", "王\u202e建国"), "格式字符"),
    (e.SetValue(Q, 5, e.item("二-5"), "progress", "x"), "季度"),
    (e.SetValue(Q, 1, e.item("二-5"), "status", "还行"), "进度"),
    (e.SetValue(Q, 1, e.item("二-5"), "figure", "很多"), "没有数字"),
    (e.SetHeader(P, 0, "principal", "李\x00明"), "控制字符"),
    (e.SetHeader(P, 0, "unit", "别的单位"), "表头没有“unit”"),
])
def test_refused_edit_changes_nothing(db: Database, edit: e.Edit, reason: str) -> None:
    fc.apply_edits(db, PLAN, UNIT, [write("二-5", 0, "content", "已有的内容")])
    before = [plan_form(db), fc.load_content(db, PLAN, UNIT, C), fc.load_content(db, PLAN, UNIT, Q, 1)]
    with pytest.raises(fc.FormInputError, match=reason):
        # the valid first edit must be rolled back with the refused one
        fc.apply_edits(db, PLAN, UNIT, [write("二-5", 0, "content", "不应留下"), edit])
    after = [plan_form(db), fc.load_content(db, PLAN, UNIT, C), fc.load_content(db, PLAN, UNIT, Q, 1)]
    assert after == before


def test_each_edit_emits_one_change(db: Database) -> None:
    seen: list[Change] = []
    db.hub.subscribe(seen.append)
    fc.apply_edits(db, PLAN, f" {UNIT} ", [write("二-5", 0, "content", "甲"), write("二-5", 0, "period", "全年")])
    fc.set_value(db, PLAN, UNIT, C, e.person("leader", 0), "name", "王建国")
    with pytest.raises(fc.FormInputError):
        fc.apply_edits(db, PLAN, UNIT, [write("二-5", 0, "period", "明年")])
    assert [(c.topic, c.plan_key, c.unit, c.detail["kind"]) for c in seen] == [
        ("forms", PLAN, UNIT, "plan"), ("forms", PLAN, UNIT, "contacts")]


def test_unknown_unit_is_reported(db: Database) -> None:
    with pytest.raises(UnknownUnitError, match="没有“市外星局”"):
        fc.load_content(db, PLAN, "市外星局", P)


def test_contacts_roles_and_several_handlers(db: Database) -> None:
    content = fc.load_content(db, PLAN, UNIT, C)
    assert [p.role for p in content.people] == ["leader", "office", "handler"]
    assert [c.name for c in content.office_contacts] == ["徐小生", "王璐"]
    fc.set_value(db, PLAN, UNIT, C, e.person("handler", 0), "name", "陈静")
    liu = person("handler", "刘洋", "科员", "027-85771234", "13807161234")
    fc.apply_edits(db, PLAN, UNIT, [e.InsertRow(C, 0, e.person("handler", 1), liu.values)])
    undo = fc.apply_edits(db, PLAN, UNIT, [e.DeleteRow(C, 0, e.person("handler", 0))])
    assert [p.get("name") for p in fc.load_content(db, PLAN, UNIT, C).of_role("handler")] == ["刘洋"]
    fc.apply_edits(db, PLAN, UNIT, undo)
    handlers = fc.load_content(db, PLAN, UNIT, C).of_role("handler")
    assert [p.get("name") for p in handlers] == ["陈静", "刘洋"] and handlers[1].get("office_phone") == "027-85771234"
    for index in range(2, 5):
        fc.apply_edits(db, PLAN, UNIT, [e.InsertRow(C, 0, e.person("handler", index))])
    with pytest.raises(fc.FormInputError, match="经办人最多填写 5 人"):
        fc.apply_edits(db, PLAN, UNIT, [e.InsertRow(C, 0, e.person("handler", 5))])


def test_progress_guidance_previous_quarter_and_copy(db: Database) -> None:
    for index, (text, period) in enumerate([("摸排网点", "2月"), ("新增100家", "4-6月"), ("全年200家", "全年")]):
        fc.apply_edits(db, PLAN, UNIT, [write("二-5", index, "content", text), write("二-5", index, "period", period)])
    for field, value in (("progress", "已新增品牌连锁便利店62家。"), ("status", "序时推进"), ("figure", "62家")):
        fc.set_value(db, PLAN, UNIT, Q, e.item("二-5"), field, value, quarter=1)
    q1 = next(i for i in fc.load_content(db, PLAN, UNIT, Q, 1).items if i.key == "二-5")
    assert (q1.get("status"), q1.get("figure")) == ("序时推进", "62家")
    assert [g.text for g in q1.due_entries] == ["摸排网点"]
    assert [g.text for g in q1.ongoing_entries] == ["全年200家"]
    assert [t.text() for t in q1.targets] == ["200家", "1000家"]
    undo = fc.copy_previous_quarter(db, PLAN, UNIT, 2)
    q2 = next(i for i in fc.load_content(db, PLAN, UNIT, Q, 2).items if i.key == "二-5")
    assert q2.get("progress") == q2.previous["progress"] == "已新增品牌连锁便利店62家。" and q2.get("status") == ""
    assert [g.text for g in q2.due_entries] == ["摸排网点", "新增100家"]
    fc.apply_edits(db, PLAN, UNIT, undo)
    q2_items = fc.load_content(db, PLAN, UNIT, Q, 2).items
    assert next(i for i in q2_items if i.key == "二-5").get("progress") == ""
    with pytest.raises(fc.FormInputError, match="前1季度之前"):
        fc.copy_previous_quarter(db, PLAN, UNIT, 1)


def test_periods_keep_what_was_typed_and_still_tell_what_is_due(db: Database) -> None:
    """Regression (issue 10/17): "4月底" printed as "4月" and "2024年5月" lost its year."""
    typed = [("分批推进", "4月底"), ("跨年收尾", "2024年5月"), ("全年推进", "全 年"), ("二季度", "二季度")]
    for index, (text, period) in enumerate(typed):
        fc.apply_edits(db, PLAN, UNIT, [write("二-5", index, "content", text), write("二-5", index, "period", period)])
    assert [p for _, p in texts(db, "二-5")] == ["4月底", "2024年5月", "全年", "二季度"]
    q2 = next(i for i in fc.load_content(db, PLAN, UNIT, Q, 2).items if i.key == "二-5")
    assert [g.text for g in q2.due_entries] == ["分批推进", "二季度"]
    assert [g.text for g in q2.ongoing_entries] == ["全年推进"]  # 2024年5月 has not started by mid-2023
    q4 = next(i for i in fc.load_content(db, PLAN, UNIT, Q, 4).items if i.key == "二-5")
    assert "跨年收尾" not in [g.text for g in q4.due_entries]  # due next year, not by this year's end


def test_progress_principal_defaults_to_the_plan_forms(db: Database) -> None:
    fc.set_header(db, PLAN, UNIT, P, "principal", "李明")
    assert fc.load_content(db, PLAN, UNIT, Q, 3).header["principal"] == "李明"
    fc.set_header(db, PLAN, UNIT, Q, "principal", "赵强", quarter=3)
    assert fc.load_content(db, PLAN, UNIT, Q, 3).header["principal"] == "赵强"
    fc.apply_edits(db, PLAN, UNIT, [e.SetPrintOptional(Q, 3, True)])
    assert fc.load_content(db, PLAN, UNIT, Q, 3).print_optional is True


def test_replace_content_is_all_or_nothing(db: Database) -> None:
    fc.apply_edits(db, PLAN, UNIT, [write("二-1", 0, "content", "原有内容")])
    current = plan_form(db)
    good = replace(next(i for i in current.items if i.key == "二-5"),
                   entries=(WorkEntry({"content": "新增便利店", "period": "6月"}),),
                   values={"leader": "王建国", "department": "市场体系建设处"})
    bad = replace(next(i for i in current.items if i.key == "二-6"), values={"leader": "王\x01建国"})
    with pytest.raises(fc.FormInputError) as refused:
        fc.replace_content(db, replace(current, header={"principal": "李明"}, items=(good, bad)))
    assert len(refused.value.problems) == 1 and "二-6" in refused.value.problems[0]
    assert item(db, "二-1").entries[0].get("content") == "原有内容" and plan_form(db).header["principal"] == ""
    fc.replace_content(db, replace(current, header={"principal": "李明"}, items=(good,)))
    assert item(db, "二-1").entries == () and texts(db, "二-5") == [("新增便利店", "6月")]
    assert item(db, "二-5").get("leader") == "王建国" and plan_form(db).header["principal"] == "李明"


def test_replace_contacts_and_progress(db: Database) -> None:
    contacts = fc.load_content(db, PLAN, UNIT, C)
    people = (person("leader", "王建国", "副局长", "027-85770001", "13907160001"),
              person("handler", "陈静", "科员", "85770003", "13907160003"),
              person("handler", "刘洋", "科员", "85770004", "bad"))
    with pytest.raises(fc.FormInputError, match="经办人2手机"):
        fc.replace_content(db, replace(contacts, people=people))
    assert row_count(db, fm.FormRow) == 0
    fc.replace_content(db, replace(contacts, people=people[:2]))
    assert [p.get("name") for p in fc.load_content(db, PLAN, UNIT, C).people] == ["王建国", "", "陈静"]
    q2 = fc.load_content(db, PLAN, UNIT, Q, 2)
    five = replace(next(i for i in q2.items if i.key == "二-5"),
                   values={"progress": "已新增98家", "status": "序时推进", "figure": "98家"})
    fc.replace_content(db, replace(q2, header={"principal": "李明"}, items=(five,)))
    loaded = fc.load_content(db, PLAN, UNIT, Q, 2)
    assert next(i for i in loaded.items if i.key == "二-5").get("figure") == "98家"


def test_rows_are_bounded(db: Database) -> None:
    """Regression (issue 17): 100,000 work entries on one item were accepted."""
    current = plan_form(db)
    limit = current.definition.max_entries
    many = replace(next(i for i in current.items if i.key == "二-5"),
                   entries=tuple(WorkEntry({"content": f"第{n}条"}) for n in range(limit + 1)))
    with pytest.raises(fc.FormInputError, match=f"最多 {limit} 条"):
        fc.replace_content(db, replace(current, items=(many,)))
    fc.replace_content(db, replace(current, items=(replace(many, entries=many.entries[:limit]),)))
    with pytest.raises(fc.FormInputError, match=f"最多填写 {limit} 条"):
        fc.apply_edits(db, PLAN, UNIT, [e.InsertRow(P, 0, e.entry("二-5", limit))])
    with pytest.raises(fc.FormInputError, match=f"最多填写 {limit} 条"):
        fc.apply_edits(db, PLAN, UNIT, [write("二-5", limit, "content", "再多一条")])
    assert len(item(db, "二-5").entries) == limit


def test_row_placement_is_unique_and_rows_carry_a_version(db: Database) -> None:
    """Regression (issue 17 #5): the old form tables had no unique key on their ordering."""
    fc.apply_edits(db, PLAN, UNIT, [write("二-5", 0, "content", "甲")])
    with db.reading() as session:
        row = session.scalars(select(fm.FormRow)).one()
        assert row.version == 1
        place = {c: getattr(row, c) for c in ("plan_id", "unit_id", "kind", "quarter", "anchor", "level", "ordinal")}
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(fm.FormRow(**place, values_json="{}"))
    fc.apply_edits(db, PLAN, UNIT, [write("二-5", 0, "content", "乙")])
    with db.reading() as session:
        assert session.scalars(select(fm.FormRow)).one().version == 2


def test_missing_fields_name_item_and_row(db: Database) -> None:
    fc.apply_edits(db, PLAN, UNIT, [write("二-5", 0, "content", "新增便利店")])
    gaps = missing_fields(plan_form(db))
    assert "表头：未填写主要负责人" in gaps and "二-5 第1条：未填写完成时间" in gaps
    assert "二-5 第1条：未填写具体工作内容" not in gaps and "二-1 第1条：未填写具体工作内容" in gaps
    contacts = missing_fields(fc.load_content(db, PLAN, UNIT, C))
    assert len(contacts) == 12 and contacts[0] == "分管领导：未填写姓名"
    progress = missing_fields(fc.load_content(db, PLAN, UNIT, Q, 1))
    assert "二-5：未填写完成情况" in progress and len(progress) == 24
