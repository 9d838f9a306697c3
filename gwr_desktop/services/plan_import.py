"""Store a plan document in the database: all or nothing, a verified backup first, idempotent for the same
document. What importing would do is worked out first, without writing (services/plan_preview.py):

    preview = preview_plan(db, path)                   # the review dialog and `import-plan --dry-run`
    result = commit_plan(db, preview, make_current=True)
    result = import_plan(db, path)                     # both at once (the command line, the first run)

A newly imported plan becomes the current one only when asked to (make_current=True), or when there is no
current plan yet; otherwise the plan current before stays current, even though the new one is newer.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from pathlib import Path
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from gwr_desktop.domain.catalogue import ImportResult
from gwr_desktop.domain.plan import Assignment, ParsedPlan, PlanItem
from gwr_desktop.domain.plan_review import assignment_role
from gwr_desktop.domain.units import UnitRegistry
from gwr_desktop.paths import bundled_plan, registry_path
from gwr_desktop.safety.backup import BackupError, backup_before
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_definitions import seed_definitions
from gwr_desktop.services.plan_preview import (
    PlanImportError,
    PlanPreview,
    content_digest,
    doc_number_conflict,
    read_plan_file,
    same_document,
    source_format,
)
from gwr_desktop.services.preferences import PLAN_KEY, put_setting, resolve_current_plan
from gwr_desktop.services.registry_store import add_unknown_unit, sync_registry
from gwr_desktop.storage import models as m

__all__ = ["PlanImportError", "commit_plan", "ensure_bundled_plan", "import_plan"]

log = logging.getLogger(__name__)


def import_plan(db: Database, path: Path, registry: UnitRegistry | None = None, *,
                make_current: bool | None = None) -> ImportResult:
    """Parse and store in one go. make_current: True / False as the officer says; None = only a first plan."""
    registry = registry or UnitRegistry.from_json(registry_path())
    try:
        parsed = read_plan_file(path, registry)
    except PlanImportError as error:
        log.warning("导入方案 %s 未成功：%s", path.name, error)
        raise
    return _commit(db, parsed, registry, (path.name, source_format(parsed, path), content_digest(parsed)),
                   make_current)


def commit_plan(db: Database, preview: PlanPreview, *, make_current: bool | None = None) -> ImportResult:
    """Store what the officer reviewed. The database may have changed since the preview: the document and
    文号 checks run again inside the transaction."""
    source = (preview.source_name, preview.source_format, content_digest(preview.parsed))
    return _commit(db, preview.parsed, preview.registry, source, make_current)


def _commit(db: Database, parsed: ParsedPlan, registry: UnitRegistry, source: tuple[str, str, str],
            make_current: bool | None) -> ImportResult:
    """source: the file's name, its format and the content digest of what was read from it."""
    try:
        backup_before(db.url, "import")
    except BackupError as error:
        raise PlanImportError(f"导入前无法备份当前数据，为安全起见没有导入：{error}") from error
    with db.transaction() as session:
        current_before = resolve_current_plan(session)
        sync_registry(session, registry)
        result = _store(session, parsed, *source)
        moved = _choose_current(session, result, current_before, make_current)
        current = resolve_current_plan(session) == result.plan_key
    result = replace(result, current=current)
    log.info("导入方案 %s：方案 %s，%d 项，%d 个待核对问题%s", source[0], result.plan_key, result.items,
             len(result.problems), "" if result.created else "（此前已导入，未改动）")
    if result.created or moved:
        db.hub.emit(Change("catalogue", plan_key=result.plan_key, detail={"current": current}))
    return result


def _choose_current(session: Session, result: ImportResult, before: str | None, make_current: bool | None) -> bool:
    """Record which plan is current; True when the current plan changed to another stored plan. A first plan
    is current without a setting (the newest is the fallback); a new plan not made current pins the one
    current before, which would otherwise lose to the newer plan."""
    if make_current:
        put_setting(session, PLAN_KEY, result.plan_key)
        return before is not None and before != result.plan_key
    if before is not None and result.created:
        put_setting(session, PLAN_KEY, before)
    return False


def _store(session: Session, parsed: ParsedPlan, source_name: str, source_format: str, digest: str) -> ImportResult:
    same = same_document(session, parsed, digest)
    if same is not None:
        return _result(same.key, parsed, created=False)
    conflict = doc_number_conflict(session, parsed)
    if conflict is not None:
        raise PlanImportError(conflict)
    rule = parsed.lead_rule
    plan = m.Plan(
        key=_free_key(session, parsed), title=parsed.meta.title, doc_number=parsed.meta.doc_number,
        issuer=parsed.meta.issuer, issue_date=parsed.meta.issue_date, year=parsed.meta.year,
        notice_title=parsed.meta.notice_title, source_name=source_name, source_digest=parsed.source_digest,
        content_digest=digest, imported_at=dt.datetime.now(), source_format=source_format,
        lead_rule_kind=rule.kind if rule else None, lead_rule_quote=rule.quote if rule else "",
    )
    session.add(plan)
    _store_structure(session, plan, parsed)
    _store_settings(session, plan, parsed)
    session.flush()
    return _result(plan.key, parsed, created=True)


def _free_key(session: Session, parsed: ParsedPlan) -> str:
    """The year, or year-2, year-3 … when a plan of that year is already stored (a revised plan)."""
    taken = set(session.scalars(select(m.Plan.key)))
    key, suffix = str(parsed.meta.year), 2
    while key in taken:
        key, suffix = f"{parsed.meta.year}-{suffix}", suffix + 1
    return key


def _store_structure(session: Session, plan: m.Plan, parsed: ParsedPlan) -> None:
    places: dict[tuple, object] = {}
    for part in parsed.parts:
        part_row = m.PlanPart(ordinal=part.ordinal, numeral=part.numeral, title=part.title)
        plan.parts.append(part_row)
        places[(part.numeral,)] = part_row
        for section in part.sections:
            section_row = m.PlanSection(ordinal=section.ordinal, numeral=section.numeral, title=section.title)
            part_row.sections.append(section_row)
            places[(part.numeral, section.ordinal)] = section_row
            for heading in section.headings:
                heading_row = m.PlanHeading(ordinal=heading.ordinal, title=heading.title)
                section_row.headings.append(heading_row)
                places[(part.numeral, section.ordinal, heading.ordinal)] = heading_row
    session.flush()
    unit_ids = _unit_ids(session, parsed)
    # Core executemany on the tables: the ORM unit of work costs ~3× more for 322 items and ~1,600
    # assignments, and RETURNING with sort_by_parameter_order splices every batch's rows into all before it
    # (quadratic: 6 s of a 32,200-item plan's 9 s). The new ids are read back in one query instead.
    session.execute(insert(_table(m.Item)), [_item_values(plan, item, places) for item in parsed.items])
    item_ids = dict(session.execute(select(m.Item.key, m.Item.id).where(m.Item.plan_id == plan.id)).all())
    rows = [
        _assignment_values(item_ids[item.key], ordinal, assignment, item, unit_ids)
        for item in parsed.items
        for ordinal, assignment in enumerate(item.assignments, start=1)
    ]
    if rows:
        session.execute(insert(_table(m.ItemAssignment)), rows)


def _unit_ids(session: Session, parsed: ParsedPlan) -> dict[str, int]:
    units = {unit.name: unit for unit in session.scalars(select(m.Unit))}
    named = {a.unit for item in parsed.items for a in item.assignments}
    named |= {a.via for item in parsed.items for a in item.assignments if a.via}
    for name in sorted(named - units.keys()):
        add_unknown_unit(session, name, units)
    session.flush()
    return {name: unit.id for name, unit in units.items()}


def _table(model: type[m.Base]) -> Table:
    """A mapped class's table (declarative types it as any FromClause)."""
    return cast(Table, model.__table__)


def _item_values(plan: m.Plan, item: PlanItem, places: dict) -> dict:
    section = places.get((item.part, item.section)) if item.section else None
    heading = places.get((item.part, item.section, item.heading)) if item.heading else None
    return {
        "plan_id": plan.id, "part_id": places[(item.part,)].id, "section_id": section.id if section else None,
        "heading_id": heading.id if heading else None, "key": item.key, "number": item.number,
        "text": item.text, "clause": item.clause, "position": item.position, "source_line": item.source_line,
        "leader": item.leader, "deadline": item.deadline, "grammar": item.grammar, "label": item.label[:24],
    }


def _assignment_values(item_id: int, ordinal: int, assignment: Assignment, item: PlanItem,
                       unit_ids: dict[str, int]) -> dict:
    return {
        "item_id": item_id, "ordinal": ordinal, "unit_id": unit_ids[assignment.unit],
        "via_unit_id": unit_ids[assignment.via] if assignment.via else None, "role": assignment.role.value,
        # No rule decides (a problem to review): stored as printed, so nobody is made to lead by a guess.
        "effective_role": (assignment_role(assignment, item) or assignment.role).value, "scope": assignment.scope,
        "raw": assignment.raw,
    }


def _store_settings(session: Session, plan: m.Plan, parsed: ParsedPlan) -> None:
    for problem in [*parsed.problems, *seed_definitions(session, plan, parsed)]:
        session.add(m.PlanProblem(plan_id=plan.id, kind=problem.kind, text=problem.text, location=problem.location,
                                  line=problem.line, after_item=problem.after_item))
    for deadline in parsed.deadlines:
        session.add(m.PlanDeadline(plan_id=plan.id, kind=deadline.kind.value, quarter=deadline.quarter,
                                   due=deadline.due))
    for ordinal, contact in enumerate(parsed.office_contacts, start=1):
        session.add(m.OfficeContact(plan_id=plan.id, ordinal=ordinal, name=contact.name,
                                    office_phone=contact.office_phone, mobile=contact.mobile))


def _result(key: str, parsed: ParsedPlan, *, created: bool) -> ImportResult:
    units = {a.unit for item in parsed.items for a in item.assignments}
    return ImportResult(plan_key=key, created=created, items=len(parsed.items), per_part=parsed.per_part(),
                        units=len(units), problems=list(parsed.problems))


def ensure_bundled_plan(db: Database) -> ImportResult | None:
    """First run: an empty database gets the plan shipped in resources/. Returns None when plans exist."""
    with db.reading() as session:
        if session.scalars(select(m.Plan.id).limit(1)).first() is not None:
            return None
    return import_plan(db, bundled_plan())
