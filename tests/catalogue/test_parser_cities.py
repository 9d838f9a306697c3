"""Plans of other cities, counties and the State Council (tests/fixtures/plans/city_fixtures.py), checked item by
item: keys (with the section where numbers restart per section), text, who leads and helps after the notice's
rule, printed leader and deadline; the problems each must report (new names once each, groups the registry
cannot expand, items no rule decides, stray labels) and nothing else; the notice's metadata.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import ParsedPlan
from gwr_desktop.domain.plan_parser import parse_plan
from gwr_desktop.domain.text import clean_text
from tests.fixtures.plans.build import Expectation
from tests.fixtures.plans.check import actual, run, score
from tests.fixtures.plans.city_fixtures import SPEC_BY_NAME, city_fixtures, plan_events
from tests.fixtures.plans.city_layouts import unknown_names
from tests.fixtures.plans.model import registry

FIXTURES = {fixture.name: fixture for fixture in city_fixtures()}


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[ParsedPlan, Expectation]]:
    folder = tmp_path_factory.mktemp("cities")
    return {name: (run(fixture, folder)[0], fixture.expect()) for name, fixture in FIXTURES.items()}


def test_the_corpus_is_broad() -> None:
    """At least 15 places' plans, each a few dozen items, in every format and numbering the plans come in."""
    assert len({spec.place for spec in SPEC_BY_NAME.values()}) >= 15
    assert {spec.writer for spec in SPEC_BY_NAME.values()} >= {"txt", "docx", "docx_autonum", "docx_table",
                                                               "docx_tables", "xlsx", "pdf"}
    assert all(len(FIXTURES[name].expect().items) >= 20 for name in FIXTURES)


@pytest.mark.parametrize("name", list(FIXTURES))
def test_every_item_as_printed(parsed: dict, name: str) -> None:
    plan, expect = parsed[name]
    got = actual(plan)
    assert [i.key for i in plan.items] == [i.key for i in expect.items]
    assert [(want.key, got[want.key]) for want in expect.items if got[want.key] != want] == []
    assert score(plan, expect).silent == 0


@pytest.mark.parametrize("name", list(FIXTURES))
def test_problems_are_the_documents_own(parsed: dict, name: str) -> None:
    plan, expect = parsed[name]
    assert Counter(p.kind for p in plan.problems) == Counter(expect.problems)


@pytest.mark.parametrize("name", list(FIXTURES))
def test_new_names_and_groups_are_flagged_once_each(parsed: dict, name: str) -> None:
    """Another city's units are imported under their own names and listed for the review; a group whose
    members the registry lacks says so, with the items it reaches."""
    plan, _ = parsed[name]
    flagged = {p.text for p in plan.problems if p.kind in ("unknown_unit", "unexpandable_group")}
    assert flagged == unknown_names(plan_events(SPEC_BY_NAME[name]))
    for problem in plan.problems:
        if problem.kind == "unexpandable_group":
            assert problem.after_item in {i.key for i in plan.items}
            assert "单位名录中没有列出它包含哪些单位" in problem.location


@pytest.mark.parametrize("name", list(FIXTURES))
def test_metadata_from_the_notice(parsed: dict, name: str) -> None:
    plan, expect = parsed[name]
    notice = expect.notice
    assert plan.source_format == expect.source_format
    assert (plan.meta.year, plan.meta.doc_number) == (notice.year, notice.doc_number)
    assert plan.meta.title == clean_text("".join(notice.title))
    assert (plan.lead_rule.kind if plan.lead_rule else None) == notice.rule
    assert [(d.kind.value, d.quarter, d.due) for d in plan.deadlines] == list(notice.deadlines)
    assert [(f.kind.value, f.label) for f in plan.forms] == list(notice.forms)


def test_numbering_restarting_per_section_keys_the_section(parsed: dict) -> None:
    plan, _ = parsed["yichang_docx"]
    keys = [i.key for i in plan.items]
    assert "二-(一)-1" in keys and "二-(二)-1" in keys and len(keys) == len(set(keys))
    first = next(i for i in plan.items if i.key == "二-(二)-1")
    assert (first.part, first.path, first.number, first.label, first.section) == ("二", "(二)", 1, "1.", 2)
    goal = next(i for i in plan.items if i.key == "一-2")
    assert goal.label == "（二）" and goal.section is None
    ezhou, _ = parsed["ezhou_txt"]  # numbered headings (1.) with items （1） restarting under each
    assert next(i for i in ezhou.items if i.key == "二-2-1").label == "（1）"


def test_numbering_running_through_keeps_part_and_number(parsed: dict) -> None:
    xiangyang, _ = parsed["xiangyang_txt"]
    assert [i.key for i in xiangyang.items][:6] == ["一-1", "一-2", "一-3", "一-4", "二-1", "二-2"]
    assert [p.title for p in xiangyang.parts] == ["主要预期目标", "重点工作任务"]
    assert [s.numeral for s in xiangyang.parts[1].sections][:2] == ["一、", "二、"]
    changsha, _ = parsed["changsha_gbk"]  # one numbering through the whole document, parts included
    numbers = [i.number for i in changsha.items]
    assert numbers == list(range(1, len(numbers) + 1))


def test_no_rule_means_no_guess(parsed: dict) -> None:
    plan, _ = parsed["suizhou_norule"]
    several = [i for i in plan.items if len(i.assignments) > 1]
    assert several and all(a.effective_role is None for i in several for a in i.assignments)
    undecided = {p.after_item for p in plan.problems if p.kind == "lead_undecided"}
    assert undecided == {i.key for i in several}


def test_a_county_officer_reaches_items_through_the_group_name(parsed: dict) -> None:
    """襄阳's counties are not in the registry: an officer of 谷城县 picks their own name where the plan names
    it, and "各县（市、区）人民政府" (imported as a name of its own, flagged) for the items addressed to all."""
    from gwr_desktop.domain.roles import tasks_for

    plan, _ = parsed["xiangyang_txt"]
    reg = registry()
    group = tasks_for(plan.items, "各县（市、区）人民政府", reg)
    named = tasks_for(plan.items, "谷城县人民政府", reg)
    assert group and named
    assert any(p.kind == "unexpandable_group" and p.text == "各县（市、区）人民政府" for p in plan.problems)


# -- the lead's two samples (襄阳- and 宜昌-style), as regressions -----------------------------------------------

P1 = """襄阳市人民政府办公室文件
襄政办发〔2024〕3号
襄阳市人民政府办公室关于印发2024年《政府工作报告》重点工作任务分工方案的通知
各县（市、区）人民政府，市政府各部门：
现将《2024年〈政府工作报告〉重点工作任务分工方案》印发给你们，请认真贯彻落实。各责任单位要于2月20日前将工作方案报市政府督查室。列第一位的为牵头单位。每季度结束后5日内报送进展情况。
襄阳市人民政府办公室
2024年1月25日
2024年《政府工作报告》重点工作任务分工方案
第一部分 主要预期目标
1．地区生产总值增长6.5%左右。（市发改委、市统计局）
2．一般公共预算收入增长5%。（市财政局、市税务局）
第二部分 重点工作任务
一、坚持创新驱动
1．新增高新技术企业300家以上。（市科技局、市经信局、各县（市、区）人民政府）
2．建设省级以上创新平台20个。（市科技局）
二、扩大有效需求
3．社会消费品零售总额增长8%。（市商务局牵头，市发改委、市统计局配合）
4．实施重点项目1000个以上，完成投资2000亿元。（市发改委负责）
"""

P2 = """宜昌市人民政府文件
宜府发〔2024〕2号
市人民政府关于印发2024年市政府工作报告
目标任务分解方案的通知
各县市区人民政府，宜昌高新区管委会，市政府各部门：
现将《2024年市政府工作报告目标任务分解方案》印发给你们，请认真组织实施。
一、排名第一的责任单位为牵头单位，其他列入单位为参与单位。
二、各牵头单位要于2024年2月5日前将办理方案报市政府督查室，每个季度结束后10日内报送完成情况。
宜昌市人民政府
2024年1月20日
2024年市政府工作报告目标任务分解方案
一、主要预期目标
（一）地区生产总值增长7%左右。
责任单位：市发改委、市统计局
（二）城镇新增就业5万人以上。
责任单位：市人社局
二、重点工作
（一）着力扩大有效投资
1.全年实施亿元以上项目1200个。
责任单位：市发改委、市住建局、各县市区人民政府
2.新开工重大项目300个。
责任单位：市发改委
（二）着力促进消费
1.新增限上商贸企业500家。
责任单位：市商务局
2.举办各类促消费活动100场以上。
责任单位：市商务局、市文旅局
抄送：市委办公室，市人大常委会办公室。
宜昌市人民政府办公室 2024年1月22日印发
"""


def _roles(plan: ParsedPlan) -> dict[str, tuple[list[str], list[str]]]:
    return {i.key: ([a.unit for a in i.assignments if a.effective_role and a.effective_role.value == "lead"],
                    [a.unit for a in i.assignments if a.effective_role and a.effective_role.value == "responsible"])
            for i in plan.items}


def test_lead_sample_p1_xiangyang() -> None:
    plan = parse_plan(P1, registry())
    assert [p.title for p in plan.parts] == ["主要预期目标", "重点工作任务"]
    assert [(s.numeral, s.title) for s in plan.parts[1].sections] == [("一、", "坚持创新驱动"), ("二、",
    "扩大有效需求")]
    assert _roles(plan) == {
        "一-1": (["市发改委"], ["市统计局"]), "一-2": (["市财政局"], ["市税务局"]),
        "二-1": (["市科技局"], ["市经信局", "各县（市、区）人民政府"]), "二-2": (["市科技局"], []),
        "二-3": (["市商务局"], ["市发改委", "市统计局"]), "二-4": (["市发改委"], [])}
    assert [i.label for i in plan.items] == ["1.", "2.", "1.", "2.", "3.", "4."]
    assert [p.kind for p in plan.problems] == ["document_truncated", "unexpandable_group"]


def test_lead_sample_p2_yichang() -> None:
    plan = parse_plan(P2, registry())
    assert _roles(plan) == {
        "一-1": (["市发改委"], ["市统计局"]), "一-2": (["市人社局"], []),
        "二-(一)-1": (["市发改委"], ["市住建局", "各县市区人民政府"]), "二-(一)-2": (["市发改委"], []),
        "二-(二)-1": (["市商务局"], []), "二-(二)-2": (["市商务局"], ["市文旅局"])}
    assert {i.grammar for i in plan.items} == {"lines:责任单位"}
    assert sorted(p.kind for p in plan.problems) == ["unexpandable_group", "unknown_unit"]


@pytest.mark.parametrize("text", ["（含开发区）", "（2023—2025年）", "（试行）", "（东片区）", "（市、区）",
"（以下简称“两区”）"])
def test_plain_text_in_brackets_is_never_a_unit_list(text: str) -> None:
    body = f"2024年政府工作报告目标任务分解方案\n一、重点工作\n1. 推进城市更新改造{text}\n2. 建设公园。（市园林局）\n"
    plan = parse_plan(body, registry())
    first = plan.items[0]
    assert not first.assignments and first.text == "推进城市更新改造" + clean_text(text)
    assert [p.kind for p in plan.problems if p.after_item == "一-1"] == ["missing_clause"]


def test_items_list_their_units_with_deng_and_ji() -> None:
    body = ("2024年政府工作报告目标任务分解方案\n列第一位的为牵头单位。\n一、重点工作\n"
            "1. 推进项目。（市发改委、市财政局等，2024年6月底前完成）\n"
            "2. 优化审批。（市政府办牵头，市级各有关部门及各县市区政府按职责分工负责）\n")
    plan = parse_plan(body, registry())
    first, second = plan.items
    assert [a.unit for a in first.assignments] == ["市发改委", "市财政局"] and first.deadline == "2024年6月底前完成"
    assert [a.unit for a in second.assignments] == ["市政府办", "市级各有关部门", "各县市区政府"]


def test_the_fixtures_are_written_by_the_committed_script(tmp_path: Path) -> None:
    from tests.fixtures.plans.build import main

    assert main([str(tmp_path)]) == 0
    assert len(list(tmp_path.iterdir())) >= len(FIXTURES) + 22
