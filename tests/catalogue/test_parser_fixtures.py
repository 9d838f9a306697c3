"""Every layout, grammar and encoding of tests/fixtures/plans, parsed and checked item by item.

Each fixture re-expresses the seed's 322 real items; its expectation says, per item, the key, text, the units
that lead and help after the notice's own rule, and the printed leader and deadline. Metadata (文号, year,
title, deadlines, forms and their printed headers, 督查室 contacts) and the lead rule are checked too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr_desktop.domain.plan import ParsedPlan
from gwr_desktop.domain.text import clean_text
from tests.fixtures.plans.build import Expectation, Fixture, fixtures
from tests.fixtures.plans.check import actual, run

FIXTURES = {fixture.name: fixture for fixture in fixtures()}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("plans")


@pytest.fixture(scope="module")
def parsed(folder: Path) -> dict[str, tuple[ParsedPlan, Expectation]]:
    results = {}
    for name, fixture in FIXTURES.items():
        plan, _ = run(fixture, folder)
        results[name] = plan, fixture.expect()
    return results


@pytest.mark.parametrize("name", list(FIXTURES))
def test_every_item_as_printed(parsed: dict, name: str) -> None:
    plan, expect = parsed[name]
    got = actual(plan)
    assert [i.key for i in plan.items] == [i.key for i in expect.items]
    wrong = [(want.key, got[want.key], want) for want in expect.items if got[want.key] != want]
    allowed = {p.after_item for p in plan.problems if p.kind == "damaged_text"}  # glyphs the PDF maps to nothing
    assert [w for w in wrong if w[0] not in allowed] == []
    assert len(wrong) <= 2


@pytest.mark.parametrize("name", list(FIXTURES))
def test_problems_are_only_the_documents_own(parsed: dict, name: str) -> None:
    plan, expect = parsed[name]
    kinds = [p.kind for p in plan.problems if p.kind != "damaged_text"]
    assert kinds == list(expect.problems)
    if "stray_fragment" in expect.problems:
        assert next(p for p in plan.problems if p.kind == "stray_fragment").after_item == "二-154"


@pytest.mark.parametrize("name", list(FIXTURES))
def test_metadata_from_the_notice(parsed: dict, name: str) -> None:
    plan, expect = parsed[name]
    notice = expect.notice
    assert plan.source_format == expect.source_format
    assert plan.meta.year == notice.year
    assert plan.meta.doc_number == notice.doc_number
    assert plan.meta.title == clean_text("".join(notice.title))
    assert (plan.lead_rule.kind if plan.lead_rule else None) == notice.rule
    assert [(d.kind.value, d.quarter, d.due) for d in plan.deadlines] == list(notice.deadlines)
    assert [(f.kind.value, f.label) for f in plan.forms] == list(notice.forms)
    assert [(c.name, c.office_phone, c.mobile) for c in plan.office_contacts] == list(notice.contacts)
    for form in plan.forms:  # a PDF's text layer has no cells: its forms' header words are not checked
        if form.label in notice.columns and plan.source_format != "pdf":
            assert form.printed_columns == notice.columns[form.label], form.label


def test_the_seed_keeps_its_figures(parsed: dict) -> None:
    plan, _ = parsed["txt_utf8"]
    assert plan.per_part() == {"一": 5, "二": 241, "三": 7, "四": 69}
    assert plan.expected_items == {"一": 5, "二": 241, "三": 7, "四": 69}
    assert plan.lead_rule is not None and plan.lead_rule.quote == "无牵头单位的,责任单位即为牵头单位"
    assert plan.forms[0].printed_fields == ("单位：", "主要负责人(签字)：")


def test_grammar_is_recorded_per_item(parsed: dict) -> None:
    def grammars(name: str) -> set[str]:
        return {item.grammar for item in parsed[name][0].items}

    assert grammars("txt_utf8") == {"labelled:牵头单位/责任单位", "labelled:责任单位"}
    assert "labelled:牵头领导/牵头责任单位/协同责任单位" in grammars("txt_jingxian")
    assert "verbs:牵头/配合" in grammars("txt_verbs") and "verbs:分别负责" in grammars("txt_verbs")
    assert "verbs:牵头/按职责分工负责" in grammars("docx_state_council")
    assert grammars("docx_table_erlian") == {"table:序号/工作任务/牵头单位/配合单位/完成时限"}
    assert grammars("docx_table_gaotang") == {"table:类别/任务内容/牵头领导/责任单位"}


def test_first_listed_rule_decides_against_the_old_constant(parsed: dict) -> None:
    plan, _ = parsed["txt_first_listed"]
    item = next(i for i in plan.items if i.key == "三-1")
    assert [(a.unit, a.effective_role.value) for a in item.assignments] == [
        ("各区人民政府", "lead"), ("市人民政府各部门", "responsible")]
    assert plan.lead_rule.quote == "各项任务中列第一位的责任单位为牵头单位或汇总单位"


def test_table_sections_and_merged_cells(parsed: dict) -> None:
    plan, _ = parsed["docx_table_wuhan"]
    assert [len(p.sections) for p in plan.parts] == [0, 10, 5, 20]
    gaotang, _ = parsed["docx_table_gaotang"]
    assert gaotang.parts[0].sections[0].title == "经济社会发展主要预期目标"
    assert next(i for i in gaotang.items if i.key == "一-6").section == 2


@pytest.mark.parametrize("fixture", [f for f in FIXTURES.values() if f.name.startswith("docx")], ids=lambda f: f.name)
def test_docx_fixtures_open_in_python_docx(fixture: Fixture, folder: Path) -> None:
    """The generated files are valid packages for another reader too (Word/WPS are not on this machine)."""
    from docx import Document

    assert Document(str(fixture.write(folder))).paragraphs
