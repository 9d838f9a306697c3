"""A damaged outline never moves items silently: where the text shows a heading may be lost, damaged or
inserted, every item whose key may be wrong is named in a problem, with the key it would have otherwise.
(Small plans written for each shape; the fuzzer, tests/fuzz, finds such damage in the cities' plans.)
"""

from __future__ import annotations

from gwr_desktop.domain.plan import ParsedPlan
from gwr_desktop.domain.plan_parser import parse_plan
from tests.fixtures.plans.check import keys_named
from tests.fixtures.plans.model import registry

_TITLE = "2024年政府工作报告目标任务分解方案\n"


def _named(plan: ParsedPlan, kind: str) -> set[str]:
    return {key for p in plan.problems if p.kind == kind for key in keys_named(p.location)}


def _items(count: int, start: int = 1, mark: str = "{n}.") -> str:
    return "".join(f"{mark.format(n=n)}推进第{n}项工作。（市发改委）\n" for n in range(start, start + count))


def test_a_part_heading_that_lost_its_numeral_names_the_items_of_every_section_under_it() -> None:
    body = (_TITLE + "一、主要目标\n" + _items(2, mark="（{n}）") + "、重点工作\n"
            + "1.坚持创新驱动\n" + _items(3, mark="（{n}）") + "2.深化改革开放\n" + _items(2, mark="（{n}）")
            + "三、民生实事\n" + _items(2, mark="（{n}）"))
    plan = parse_plan(body, registry())
    moved = [item.key for item in plan.items if item.key.startswith("一-") and item.key.count("-") == 2]
    assert moved == ["一-1-1", "一-1-2", "一-1-3", "一-2-1", "一-2-2"]
    named = _named(plan, "stray_fragment")
    assert set(moved) <= named
    assert {"二-1-1", "二-1-2", "二-1-3", "二-2-1", "二-2-2"} <= named  # the keys they have under the lost 二、
    assert not {item.key for item in plan.items if item.key.startswith("三-")} & named


def test_a_section_whose_numbers_go_on_from_the_one_before_names_them_with_their_keys_there() -> None:
    """Numbers restart in each section (keys 二-(二)-1); a heading inserted (or misplaced) inside （二） gives
    its last items new keys: the officer is told which, and the keys they had under （二）."""
    body = (_TITLE + "一、重点工作\n（一）扩大投资\n" + _items(2) + "（二）促进消费\n" + _items(2)
            + "（三）插入的标题\n" + _items(2, start=3) + "（四）建设城市\n" + _items(3)
            + "（五）保障民生\n" + _items(2))
    plan = parse_plan(body, registry())
    keys = [item.key for item in plan.items]
    assert "一-(三)-3" in keys and "一-(三)-4" in keys
    named = _named(plan, "numbering_out_of_sequence")
    assert {"一-(三)-3", "一-(三)-4", "一-(二)-3", "一-(二)-4"} <= named
    assert not {"一-(四)-1", "一-(五)-1"} & named


def test_a_lost_part_heading_in_numbering_run_through_is_seen_from_sections_after_bare_items() -> None:
    """国务院's numbering runs through the document (一、 1.–3., 二、 （一） 4.…): with "二、" gone nothing in the
    numbers shows it, but part 一 now has items right under it and then sections — the trace it leaves."""
    body = (_TITLE + "一、主要目标\n" + _items(3) + "\n（一）坚持创新驱动\n" + _items(2, start=4)
            + "（二）深化改革开放\n" + _items(3, start=6))
    plan = parse_plan(body, registry())
    assert [item.key for item in plan.items] == [f"一-{n}" for n in range(1, 9)]
    named = _named(plan, "part_heading_missing")
    assert {f"一-{n}" for n in range(4, 9)} | {f"二-{n}" for n in range(4, 9)} <= named
    assert not {"一-1", "一-2", "一-3"} - named  # named as the items before it, not as moved ones
    whole = _TITLE + "一、主要目标\n" + _items(3) + "二、重点工作\n（一）坚持创新驱动\n" + _items(2, start=4)
    clean = parse_plan(whole, registry())
    assert not [p for p in clean.problems if p.kind == "part_heading_missing"]


def test_numbering_that_restarts_at_one_boundary_and_goes_on_at_another_names_the_part_both_ways() -> None:
    """（一） 1.–3., （二） 4.–5., （三） 6.–7.: numbers run through; one stray "1." under （二） makes the
    boundaries vote 1:1 and the part is keyed by section. Every item is named with its other key too."""
    body = (_TITLE + "一、重点工作\n（一）扩大投资\n" + _items(3) + "（二）促进消费\n1.新增项目若干。\n"
            + _items(2, start=4) + "（三）建设城市\n" + _items(2, start=6))
    plan = parse_plan(body, registry())
    named = _named(plan, "numbering_out_of_sequence")
    assert {f"一-{n}" for n in range(1, 8)} <= named
    assert {item.key for item in plan.items} <= named


def test_a_cut_off_list_of_units_is_not_taken_for_a_heading(seed_path) -> None:  # noqa: ANN001 - a Path fixture
    """Regression: the 2023 seed's damaged line "位:市科技局、市人社局、市市场监管局)" (the tail of a clause) was
    reported as "像是标题", claiming every item after it (二-155 … to the end) — misleading, and in a 32,000-item
    plan it doubled the parse time."""
    plan = parse_plan(seed_path.read_text(encoding="utf-8"), registry())
    strays = [p for p in plan.problems if p.kind == "stray_fragment" and p.text.startswith("位:市科技局")]
    assert len(strays) == 1
    assert "像是标题" not in strays[0].location
