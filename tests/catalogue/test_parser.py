"""The parser on the real 2023 seed: counts, the tricky items, problems, notice metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import DeadlineKind, FormKind, ParsedPlan, PlanItem, Role
from gwr_desktop.domain.plan_parser import PlanParseError, parse_plan
from gwr_desktop.domain.units import UnitRegistry
from tests.catalogue.conftest import SHARED_SEED


def item(parsed: ParsedPlan, key: str) -> PlanItem:
    return next(i for i in parsed.items if i.key == key)


def units(plan_item: PlanItem, role: Role) -> list[str]:
    return [a.unit for a in plan_item.assignments if a.role is role]


def test_bundled_plan_is_the_shared_seed(seed_path: Path) -> None:
    if SHARED_SEED.exists():
        assert seed_path.read_bytes() == SHARED_SEED.read_bytes()


def test_exact_counts_per_part(parsed: ParsedPlan) -> None:
    assert parsed.per_part() == {"一": 5, "二": 241, "三": 7, "四": 69}
    assert len(parsed.items) == 322
    for part in ("一", "二", "三", "四"):
        numbers = [i.number for i in parsed.items if i.part == part]
        assert numbers == list(range(1, len(numbers) + 1))


def test_positions_follow_the_document(parsed: ParsedPlan) -> None:
    assert [i.position for i in parsed.items] == list(range(1, 323))
    assert parsed.items[0].key == "一-1" and parsed.items[-1].key == "四-69"


def test_hierarchy(parsed: ParsedPlan) -> None:
    parts = {p.numeral: p for p in parsed.parts}
    assert parts["一"].title == "经济社会发展主要预期目标" and parts["一"].sections == []
    assert [s.numeral for s in parts["二"].sections][-1] == "（十）"
    assert len(parts["三"].sections) == 5 and len(parts["四"].sections) == 20
    first = parts["二"].sections[0]
    assert first.title == "着力扩大内需，持续增强稳增长内生动力"
    assert [h.title for h in first.headings] == ["千方百计提振促进消费", "千方百计扩大有效投资", "千方百计发展市场主体"]
    assert parts["三"].sections[0].title == "坚持以政治建设立根铸魂"  # "(一) 坚持…" had a space
    assert item(parsed, "二-13").heading == 2 and item(parsed, "二-26").section == 2


def test_item_cut_across_lines_and_mid_word(parsed: ParsedPlan) -> None:
    text = item(parsed, "二-2").text
    assert "有效提振批零住餐等大众消费，加快释放养老" in text
    assert "牵头单位" not in text
    assert item(parsed, "二-15").clause == "牵头单位：市招商办；责任单位：各区人民政府"


def test_spaces_and_punctuation_are_normalised(parsed: ParsedPlan) -> None:
    assert item(parsed, "一-1").text == "地区生产总值增长6.5%以上。"
    assert item(parsed, "二-100").text == "完成老旧燃气管网改造400公里。"  # full-width clause from here on
    assert units(item(parsed, "二-100"), Role.LEAD) == ["市城管执法委"]


def test_four_district_governments_from_a_shared_suffix(parsed: ParsedPlan) -> None:
    responsible = units(item(parsed, "二-7"), Role.RESPONSIBLE)
    assert responsible[-4:] == ["江汉区人民政府", "硚口区人民政府", "黄陂区人民政府", "新洲区人民政府"]
    assert units(item(parsed, "二-7"), Role.LEAD) == ["市经信局"]


def test_shared_suffix_on_zones_and_mixed_lists(parsed: ParsedPlan) -> None:
    assert units(item(parsed, "二-35"), Role.RESPONSIBLE) == [
        "东湖高新区管委会", "武汉经开区管委会", "临空港开发区管委会", "新洲区人民政府"]
    assert units(item(parsed, "二-177"), Role.RESPONSIBLE) == [
        "市自然资源规划局", "东湖高新区管委会", "洪山区人民政府", "各新城区人民政府"]


def test_host_office_in_angle_brackets(parsed: ParsedPlan) -> None:
    lead = [a for a in item(parsed, "二-1").assignments if a.role is Role.LEAD]
    assert [(a.unit, a.via) for a in lead] == [("市建设国际消费中心城市工作领导小组办公室", "市商务局")]
    wenming = [a for a in item(parsed, "二-193").assignments if a.role is Role.LEAD]
    assert [(a.unit, a.via) for a in wenming] == [("市委宣传部", "市文明办")]


def test_group_note_is_not_a_unit(parsed: ParsedPlan) -> None:
    assert [(a.unit, a.via) for a in item(parsed, "一-1").assignments] == [
        ("市发改委", None), ("各区人民政府", None)]


def test_split_assignments_are_scoped(parsed: ParsedPlan) -> None:
    scoped = [(a.unit, a.role, a.scope) for a in item(parsed, "二-49").assignments if a.scope]
    assert scoped == [
        ("市经信局", Role.LEAD, "创新“两个一百平方公里”工业园区运营机制"),
        ("市发改委", Role.LEAD, "创新服务业集聚区园区运营机制"),
    ]
    assert units(item(parsed, "二-49"), Role.RESPONSIBLE) == ["市科技局", "市财政局", "市地方金融局", "各区人民政府"]
    twin = [(a.unit, a.scope) for a in item(parsed, "二-75").assignments]
    assert twin == [
        ("市乡村振兴局", "结对帮扶恩施州和宜昌市五峰县"), ("市水务局", "对口支援三峡库区秭归、兴山、五峰县")]


def test_variant_name_maps_to_canonical(parsed: ParsedPlan) -> None:
    natural = [a for a in item(parsed, "二-128").assignments if a.raw == "市自然资源局"]
    assert [a.unit for a in natural] == ["市自然资源规划局"]


def test_no_lead_items(parsed: ParsedPlan) -> None:
    assert units(item(parsed, "三-1"), Role.LEAD) == []
    assert units(item(parsed, "三-1"), Role.RESPONSIBLE) == ["各区人民政府", "市人民政府各部门"]
    # domain.md: 79 items print no item-level 牵头单位 (77 plain, plus the split 二-49 and 二-75).
    no_lead = [i.key for i in parsed.items
               if not any(a.role is Role.LEAD and a.scope is None for a in i.assignments)]
    assert len(no_lead) == 79 and {"二-49", "二-75"} <= set(no_lead)


def test_stray_fragment_is_reported_not_dropped(parsed: ParsedPlan) -> None:
    assert [(p.kind, p.text, p.after_item) for p in parsed.problems] == [
        ("stray_fragment", "位:市科技局、市人社局、市市场监管局)", "二-154")]
    assert parsed.problems[0].line == 446
    assert "市科技局" not in [a.unit for a in item(parsed, "二-154").assignments]


def test_traditional_characters_survive(parsed: ParsedPlan) -> None:
    assert "中小學生" in item(parsed, "四-8").text


def test_about_86_distinct_units_and_none_unknown(parsed: ParsedPlan) -> None:
    assert len({a.unit for i in parsed.items for a in i.assignments}) == 86
    assert not [p for p in parsed.problems if p.kind == "unknown_unit"]


def test_notice_metadata(parsed: ParsedPlan) -> None:
    meta = parsed.meta
    assert meta.doc_number == "武政办〔2023〕1号"
    assert meta.issuer == "武汉市人民政府办公厅"
    assert meta.issue_date == dt.date(2023, 1, 12)
    assert meta.year == 2023
    assert meta.title == "2023年市《政府工作报告》目标任务责任分解方案"


def test_deadlines_from_the_notice(parsed: ParsedPlan) -> None:
    assert [(d.kind, d.quarter, d.due) for d in parsed.deadlines] == [
        (DeadlineKind.PLAN_FORMS, None, dt.date(2023, 2, 10)),
        (DeadlineKind.PROGRESS, 1, dt.date(2023, 4, 20)),
        (DeadlineKind.PROGRESS, 2, dt.date(2023, 7, 20)),
        (DeadlineKind.PROGRESS, 3, dt.date(2023, 10, 20)),
        (DeadlineKind.PROGRESS, 4, dt.date(2024, 1, 20)),
    ]


def test_forms_and_office_contacts_from_the_appendix(parsed: ParsedPlan) -> None:
    assert [(f.kind, f.label) for f in parsed.forms] == [
        (FormKind.PLAN, "附表1"), (FormKind.CONTACTS, "附表2"), (FormKind.PROGRESS, "附表3")]
    assert parsed.forms[2].title_pattern == "{unit}{quarter}工作目标完成情况"
    assert [(c.name, c.office_phone, c.mobile) for c in parsed.office_contacts] == [
        ("徐小生", "82826016", "13627297755"), ("王璐", "82826682", "15926265570")]


def test_docx_gives_the_same_catalogue(parsed: ParsedPlan, seed_docx: Path, registry: UnitRegistry) -> None:
    from gwr_desktop.domain.plan_source import read_plan_text

    from_docx = parse_plan(read_plan_text(seed_docx), registry)
    assert from_docx.items == parsed.items
    assert from_docx.meta == parsed.meta
    assert from_docx.problems == parsed.problems
    assert from_docx.deadlines == parsed.deadlines


def test_text_without_a_plan_is_refused(registry: UnitRegistry) -> None:
    with pytest.raises(PlanParseError, match="未找到方案标题"):
        parse_plan("这是一份会议纪要。\n没有任何事项。", registry)
    with pytest.raises(PlanParseError, match="未能从文件中识别出任何责任事项"):
        parse_plan("2023年市《政府工作报告》目标任务责任分解方案\n一、重点工作\n", registry)


def test_unknown_unit_is_kept_and_flagged(registry: UnitRegistry) -> None:
    text = ("2024年市《政府工作报告》目标任务责任分解方案\n一、重点工作\n"
            "1. 建设新馆。(牵头单位:市新设局;责任单位:各区人民政府)\n")
    plan = parse_plan(text, registry)
    assert [a.unit for a in plan.items[0].assignments] == ["市新设局", "各区人民政府"]
    assert [(p.kind, p.text, p.after_item) for p in plan.problems] == [("unknown_unit", "市新设局", "一-1")]


def test_item_without_clause_is_a_problem(registry: UnitRegistry) -> None:
    text = "2024年市《政府工作报告》目标任务责任分解方案\n一、重点工作\n1. 建设新馆。\n2. 修路。(责任单位:市城建局)\n"
    plan = parse_plan(text, registry)
    assert len(plan.items) == 2
    assert [(p.kind, p.after_item) for p in plan.problems] == [("missing_clause", "一-1")]


def test_parse_plan_file_reads_and_parses(seed_path: Path, parsed: ParsedPlan, registry: UnitRegistry) -> None:
    from gwr_desktop.domain.plan_parser import parse_plan_file

    from_file = parse_plan_file(seed_path, registry)
    assert from_file.items == parsed.items and from_file.source_format == "txt"


def test_every_problem_kind_the_parser_reports_is_listed() -> None:
    """PROBLEM_KINDS is what the window names in Chinese; a kind reported but not listed would show as a code."""
    import re

    from gwr_desktop.domain import plan_checks

    domain = Path(plan_checks.__file__).parent
    found = set()
    for source in [*domain.glob("*.py"), *domain.glob("reading/*.py")]:
        text = source.read_text(encoding="utf-8")
        found |= set(re.findall(r'(?:Problem|problem|ReadNote)\(\s*(?:kind=)?"([a-z_]+)"', text))
    assert found and found <= set(plan_checks.PROBLEM_KINDS)
