"""The commit: one transaction after a verified backup, idempotent, the 文号 rule, and the current plan."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import FIRST_LISTED_LEADS, LeadRule, Role
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.plan_import import PlanImportError, commit_plan, import_plan
from gwr_desktop.services.plan_preview import preview_plan
from gwr_desktop.services.preferences import PLAN_KEY, current_plan_key, get_setting, set_setting
from tests.plan_import.conftest import database_state, next_year_text, write_text


def listen(db: Database) -> list[Change]:
    changes: list[Change] = []
    db.hub.subscribe(changes.append)
    return changes


def test_a_new_plan_stays_beside_the_current_one_unless_asked(db: Database, seed_text: str, tmp_path: Path) -> None:
    changes = listen(db)
    preview = preview_plan(db, write_text(tmp_path, "2024.txt", next_year_text(seed_text)))
    result = commit_plan(db, preview, make_current=False)
    assert result.created and result.plan_key == "2024" and not result.current
    assert current_plan_key(db) == "2023" and get_setting(db, PLAN_KEY) == "2023"  # pinned, though 2024 is newer
    assert [(c.topic, c.plan_key, c.detail) for c in changes] == [("catalogue", "2024", {"current": False})]
    again = commit_plan(db, preview, make_current=True)  # the same document, now made current
    assert not again.created and again.current and current_plan_key(db) == "2024"
    assert [c.detail for c in changes] == [{"current": False}, {"current": True}]  # one change per action


def test_the_same_document_twice_changes_nothing(db: Database, seed_path: Path) -> None:
    before, changes = database_state(db), listen(db)
    result = commit_plan(db, preview_plan(db, seed_path), make_current=False)
    assert not result.created and result.current
    assert changes == [] and database_state(db) == before


def test_the_doc_number_is_checked_again_at_commit(empty_db: Database, seed_path: Path, seed_text: str,
                                                   tmp_path: Path) -> None:
    altered = write_text(tmp_path, "altered.txt", seed_text.replace("便利店 200 家", "便利店 300 家"))
    preview = preview_plan(empty_db, altered)  # nothing imported yet: no conflict seen
    assert preview.conflict is None
    import_plan(empty_db, seed_path)  # meanwhile, e.g. from the command line
    before = database_state(empty_db)
    with pytest.raises(PlanImportError, match="武政办〔2023〕1号"):
        commit_plan(empty_db, preview)
    assert database_state(empty_db) == before


def test_printed_leader_deadline_grammar_and_the_lead_rule_are_stored(empty_db: Database, seed_path: Path) -> None:
    preview = preview_plan(empty_db, seed_path)
    rule = LeadRule(FIRST_LISTED_LEADS, "列第一位的责任单位为牵头单位。")
    items = [replace(item, leader="王副市长", deadline="2024年6月底前", grammar="table")
             if item.key == "二-7" else item for item in preview.parsed.items]
    parsed = replace(preview.parsed, items=items, lead_rule=rule, source_format="xlsx")
    commit_plan(empty_db, replace(preview, parsed=parsed, source_format="xlsx"))
    stored = catalogue.catalogue(empty_db, "2023")
    assert stored.lead_rule == rule and stored.source_format == "xlsx"
    item = next(i for i in stored.items if i.key == "二-7")
    assert (item.leader, item.deadline, item.grammar) == ("王副市长", "2024年6月底前", "table")
    assert {i.leader for i in stored.items if i.key != "二-7"} == {""}


def test_roles_after_the_rule_come_from_the_parser(empty_db: Database, seed_path: Path) -> None:
    """三-1 names two groups and no lead. Under "列第一位的…" the parser makes the first lead and the second
    take part; an item it leaves undecided (三-2) is stored as printed: nobody is made to lead by a guess."""
    preview = preview_plan(empty_db, seed_path)

    def decide(item):  # noqa: ANN001, ANN202
        if item.key == "三-1":
            first, *rest = item.assignments
            return replace(item, assignments=(replace(first, effective_role=Role.LEAD),
                                              *(replace(a, effective_role=Role.RESPONSIBLE) for a in rest)))
        if item.key == "三-2":
            return replace(item, assignments=tuple(replace(a, effective_role=None) for a in item.assignments))
        return item

    parsed = replace(preview.parsed, items=[decide(item) for item in preview.parsed.items])
    commit_plan(empty_db, replace(preview, parsed=parsed))
    items = {i.key: i for i in catalogue.catalogue(empty_db, "2023").items}
    assert items["三-1"].lead == ["各区人民政府"] and items["三-1"].participants == ["市人民政府各部门"]
    assert items["三-2"].lead == [] and {a.effective_role for a in items["三-2"].assignments} == {Role.RESPONSIBLE}
    roles = catalogue.unit_roles(empty_db, "2023", "市商务局")
    assert roles["三-1"] is Role.RESPONSIBLE and roles["三-2"] is Role.RESPONSIBLE


def test_a_chosen_plan_that_is_gone_falls_back_to_the_newest(db: Database, seed_text: str, tmp_path: Path) -> None:
    import_plan(db, write_text(tmp_path, "2024.txt", next_year_text(seed_text)))
    set_setting(db, PLAN_KEY, "1999")
    assert current_plan_key(db) == "2024"
