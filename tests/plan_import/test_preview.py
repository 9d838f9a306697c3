"""The preview: what importing would do, worked out from the parsed plan and a read-only look at the database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import Role
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database
from gwr_desktop.services.plan_import import commit_plan, import_plan
from gwr_desktop.services.plan_preview import KNOWN, NEW, UNREGISTERED, PlanImportError, preview_plan
from gwr_desktop.services.preferences import UNIT_KEY, set_setting
from tests.plan_import.conftest import database_state, next_year_text, write_text

TINY_PLAN = "2025年市《政府工作报告》目标任务责任分解方案\n一、重点工作\n{items}"


def tiny_plan(folder: Path, items: list[str], name: str = "tiny.txt") -> Path:
    lines = "".join(f"{number}. {text}\n" for number, text in enumerate(items, start=1))
    return write_text(folder, name, TINY_PLAN.format(items=lines))


def test_the_seed_previewed_into_an_empty_database(empty_db: Database, seed_path: Path) -> None:
    set_setting(empty_db, UNIT_KEY, "市商务局")
    preview = preview_plan(empty_db, seed_path)
    assert (preview.meta.doc_number, preview.meta.year, preview.source_format) == ("武政办〔2023〕1号", 2023, "txt")
    assert [(p.numeral, p.items) for p in preview.parts] == [("一", 5), ("二", 241), ("三", 7), ("四", 69)]
    assert preview.parts[1].title == "重点工作"
    assert preview.officer == "市商务局" and preview.officer_count is not None
    assert (preview.officer_count.lead, preview.officer_count.responsible) == (23, 21)
    assert [p.after_item for p in preview.problems] == ["二-154"]
    assert preview.existing_key is None and preview.conflict is None and preview.current_key is None
    assert preview.make_current_by_default  # the first plan
    assert preview.new_units == [] and {u.status for u in preview.units} == {KNOWN}
    assert preview.flags == ()


def test_counts_for_every_unit_are_what_the_window_will_show(empty_db: Database, seed_path: Path,
                                                            registry) -> None:  # noqa: ANN001
    preview = preview_plan(empty_db, seed_path)
    commit_plan(empty_db, preview)
    for unit in registry.units:
        roles = catalogue.unit_roles(empty_db, "2023", unit)
        expected = (sum(r is Role.LEAD for r in roles.values()), sum(r is Role.RESPONSIBLE for r in roles.values()))
        count = preview.counts[unit]
        assert (count.lead, count.responsible, count.undecided) == (*expected, 0), unit


def test_a_preview_writes_nothing(db: Database, seed_text: str, tmp_path: Path) -> None:
    before = database_state(db)
    preview_plan(db, write_text(tmp_path, "2024.txt", next_year_text(seed_text)))
    with pytest.raises(PlanImportError):
        preview_plan(db, write_text(tmp_path, "notes.txt", "只是一些笔记\n"))
    assert database_state(db) == before


def test_the_same_document_and_a_taken_doc_number(db: Database, seed_path: Path, seed_text: str,
                                                   tmp_path: Path) -> None:
    again = preview_plan(db, seed_path)
    assert again.existing_key == "2023" and again.conflict is None
    altered = write_text(tmp_path, "altered.txt", seed_text.replace("便利店 200 家", "便利店 300 家"))
    refused = preview_plan(db, altered)
    assert refused.existing_key is None and "武政办〔2023〕1号" in (refused.conflict or "")
    other_year = preview_plan(db, write_text(tmp_path, "2024.txt", next_year_text(seed_text)))
    assert (other_year.existing_key, other_year.conflict, other_year.current_key) == (None, None, "2023")
    assert not other_year.make_current_by_default  # another plan is current: the officer decides


def test_new_names_are_flagged_then_known_as_unregistered(empty_db: Database, tmp_path: Path) -> None:
    first = tiny_plan(tmp_path, ["建设新馆。(牵头单位:市新设局;责任单位:江夏区人民政府)"])
    preview = preview_plan(empty_db, first)
    status = {u.name: u.status for u in preview.units}
    assert status == {"市新设局": NEW, "江夏区人民政府": KNOWN} and preview.new_units == ["市新设局"]
    assert preview.counts["市新设局"].lead == 1
    import_plan(empty_db, first)
    second = tiny_plan(tmp_path, ["再建新馆。(牵头单位:市新设局)"], "second.txt")
    assert {u.name: u.status for u in preview_plan(empty_db, second).units} == {"市新设局": UNREGISTERED}


def test_loud_flags(empty_db: Database, tmp_path: Path) -> None:
    set_setting(empty_db, UNIT_KEY, "市商务局")
    items = [f"第{n}项工作任务。" for n in range(1, 12)] + ["建设新馆。(牵头单位:市文旅局)"]
    preview = preview_plan(empty_db, tiny_plan(tmp_path, items))
    kinds = {flag.kind: flag for flag in preview.flags}
    assert set(kinds) == {"many_without_units", "officer_has_none"}
    assert kinds["many_without_units"].items == tuple(f"一-{n}" for n in range(1, 12))
    assert "市商务局" in kinds["officer_has_none"].text


def test_no_named_rule_and_count_mismatch(registry, seed_path: Path) -> None:  # noqa: ANN001
    from gwr_desktop.domain.plan_parser import parse_plan_file
    from gwr_desktop.domain.plan_review import UnitCounter, review_flags

    parsed = parse_plan_file(seed_path, registry)
    undecided = {"三-1", "三-2"}  # as the parser leaves items no rule of the notice decides
    items = [replace(item, assignments=tuple(replace(a, effective_role=None) for a in item.assignments))
             if item.key in undecided else item for item in parsed.items]
    parsed = replace(parsed, items=items, expected_items={"一": 5, "二": 240})
    counter = UnitCounter(parsed.items, registry)
    flags = {flag.kind: flag for flag in review_flags(parsed, counter, "市商务局")}
    assert set(flags) == {"no_named_rule", "count_mismatch"}
    assert set(flags["no_named_rule"].items) == undecided
    assert "240" in flags["count_mismatch"].text and "241" in flags["count_mismatch"].text
    assert counter.of("市商务局").undecided == 2  # 三-1, 三-2 reach every department: neither lead nor not


def test_a_plan_imported_before_keeps_its_digest(registry, seed_path: Path) -> None:  # noqa: ANN001
    """The 0004-era importer's digest, reproduced: a database holding the seed still knows it for the same."""
    import hashlib
    import json
    from dataclasses import asdict

    from gwr_desktop.services.plan_preview import content_digest, read_plan_file

    parsed = read_plan_file(seed_path, registry)
    payload = {"meta": asdict(parsed.meta),
               "items": [[i.key, i.text, i.clause, i.section, i.heading,
                          [[a.role.value, a.unit, a.via, a.scope] for a in i.assignments]] for i in parsed.items]}
    before = hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
    assert content_digest(parsed) == before
    printed = replace(parsed, items=[replace(parsed.items[0], leader="王副市长"), *parsed.items[1:]])
    assert content_digest(printed) != before  # what a newer reader adds does count
