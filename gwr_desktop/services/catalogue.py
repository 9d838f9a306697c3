"""Read the catalogue: plans, their tree and items, problems, units, and each unit's roles."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from gwr_desktop.domain.catalogue import (
    AssignmentRow,
    ItemRow,
    PlanCatalogue,
    PlanSummary,
    TaskRow,
    TreeNode,
    UnitRow,
)
from gwr_desktop.domain.plan import (
    Deadline,
    DeadlineKind,
    FormKind,
    FormSetting,
    LeadRule,
    OfficeContact,
    Problem,
    Role,
)
from gwr_desktop.domain.units import GROUP_KIND
from gwr_desktop.paths import registry_path
from gwr_desktop.services.database import Database
from gwr_desktop.storage import models as m

# The tables read on every command and start-up, queried in SQLAlchemy Core: an ORM statement first makes
# SQLAlchemy configure every mapper (~30 ms for the 26 classes, once per process) and compiles slower, and these
# reads want plain rows anyway (issue 15: `tasks` ≈ 2× a bare `import sqlalchemy`).
_PLANS, _PARTS, _SECTIONS, _HEADINGS = (m.Plan.__table__, m.PlanPart.__table__, m.PlanSection.__table__,
                                        m.PlanHeading.__table__)
_ITEMS, _ASSIGNMENTS, _UNITS, _GROUP_MEMBERS = (m.Item.__table__, m.ItemAssignment.__table__, m.Unit.__table__,
                                                m.GroupMember.__table__)


class UnknownUnitError(LookupError):
    """No unit of that name (or variant) exists. The message is for the user."""


class UnknownPlanError(LookupError):
    """No plan of that key. The message is for the user."""


def kind_labels() -> dict[str, str]:
    return json.loads(registry_path().read_text(encoding="utf-8")).get("kinds", {})


def has_plans(db: Database) -> bool:
    """Whether any plan is imported: one row read, not the summaries (every command asks this first)."""
    with db.reading() as session:
        return session.execute(select(_PLANS.c.id).limit(1)).first() is not None


def plans(db: Database) -> list[PlanSummary]:
    with db.reading() as session:
        counts = dict(session.execute(select(m.Item.plan_id, func.count()).group_by(m.Item.plan_id)).all())
        rows = session.scalars(select(m.Plan).order_by(m.Plan.year.desc(), m.Plan.key)).all()
        return [_summary(row, counts.get(row.id, 0)) for row in rows]


def default_plan_key(db: Database) -> str | None:
    """The current plan (services/preferences.py): the command line's `--plan` default, the window's plan."""
    from gwr_desktop.services.preferences import current_plan_key

    return current_plan_key(db)


def catalogue(db: Database, plan_key: str) -> PlanCatalogue:
    with db.reading() as session:
        plan = plan_row(session, plan_key)
        outline = _outline(session, plan.id)
        items = _items(session, plan.id, outline)
        return PlanCatalogue(
            summary=_summary(plan, len(items)), tree=_tree(outline, items), items=items,
            problems=_problems(session, plan), deadlines=_deadlines(session, plan),
            forms=_forms(session, plan), office_contacts=_contacts(session, plan),
            lead_rule=LeadRule(plan.lead_rule_kind, plan.lead_rule_quote) if plan.lead_rule_kind else None,
            source_format=plan.source_format,
        )


def deadlines(db: Database, plan_key: str) -> list[Deadline]:
    """The plan's deadlines alone, soonest first (the dashboard needs nothing else of the catalogue)."""
    with db.reading() as session:
        return _deadlines(session, plan_row(session, plan_key))


def unit_roles(db: Database, plan_key: str, unit: str) -> dict[str, Role]:
    """Item key → the unit's role, for every item that reaches it (directly, via a host, or a group)."""
    with db.reading() as session:
        return _unit_roles(session, _plan_id(session, plan_key), unit)


def tasks(db: Database, plan_key: str, unit: str, role: str = "all") -> list[TaskRow]:
    """The unit's items in plan order: one read of the roles and the items, not of the whole catalogue."""
    wanted = {"lead": {Role.LEAD}, "resp": {Role.RESPONSIBLE}}.get(role, {Role.LEAD, Role.RESPONSIBLE})
    with db.reading() as session:
        plan_id = _plan_id(session, plan_key)
        roles = _unit_roles(session, plan_id, unit)
        rows = _items(session, plan_id, _outline(session, plan_id))
    return [TaskRow(item, roles[item.key]) for item in rows if roles.get(item.key) in wanted]


def _unit_roles(session: Session, plan_id: int, unit: str) -> dict[str, Role]:
    unit_id = _unit_id(session, unit)
    members, items, assigned = _GROUP_MEMBERS.c, _ITEMS.c, _ASSIGNMENTS.c
    identities = [unit_id] + list(session.scalars(select(members.group_id).where(members.member_id == unit_id)))
    query = (
        select(items.key, assigned.effective_role)
        .join_from(_ITEMS, _ASSIGNMENTS, assigned.item_id == items.id)
        .where(items.plan_id == plan_id)
        .where(or_(assigned.unit_id.in_(identities), assigned.via_unit_id == unit_id))
    )
    roles: dict[str, Role] = {}
    for key, role in session.execute(query):
        if roles.get(key) is not Role.LEAD:
            roles[key] = Role(role)
    return roles


def units(db: Database) -> list[UnitRow]:
    labels = kind_labels()
    with db.reading() as session:
        aliases: dict[int, list[str]] = {}
        for alias in session.scalars(select(m.UnitAlias).order_by(m.UnitAlias.alias)):
            aliases.setdefault(alias.unit_id, []).append(alias.alias)
        group_names = {row.id: row.name for row in session.scalars(select(m.Unit).where(m.Unit.kind == GROUP_KIND))}
        groups: dict[int, list[str]] = {}
        for group_id, member_id in session.execute(select(m.GroupMember.group_id, m.GroupMember.member_id)):
            groups.setdefault(member_id, []).append(group_names[group_id])
        rows = session.scalars(select(m.Unit).order_by(m.Unit.id)).all()
        return [
            UnitRow(name=row.name, kind=row.kind, kind_label=labels.get(row.kind, row.kind), registered=row.registered,
                    aliases=tuple(aliases.get(row.id, ())), groups=tuple(sorted(groups.get(row.id, ()))),
                    host=row.host)
            for row in rows
        ]


def find_unit(session: Session, name: str) -> m.Unit:
    """A unit by its canonical name or a variant; raises UnknownUnitError with a Chinese message."""
    name = name.strip()
    row = session.scalars(select(m.Unit).where(m.Unit.name == name)).first()
    if row is None:
        alias = session.get(m.UnitAlias, name)
        row = session.get(m.Unit, alias.unit_id) if alias else None
    if row is None:
        raise UnknownUnitError(unknown_unit_message(name))
    return row


def unknown_unit_message(name: str) -> str:
    return f"单位名录中没有“{name}”。可用 `units` 命令查看全部单位名称。"


def _unit_id(session: Session, name: str) -> int:
    """find_unit's id, read as plain rows (the read paths here stay in SQLAlchemy Core, see _PLANS)."""
    name = name.strip()
    units, aliases = _UNITS.c, m.UnitAlias.__table__.c
    unit_id = session.scalar(select(units.id).where(units.name == name))
    if unit_id is None:
        unit_id = session.scalar(select(aliases.unit_id).where(aliases.alias == name))
    if unit_id is None:
        raise UnknownUnitError(unknown_unit_message(name))
    return unit_id


def _plan_id(session: Session, key: str) -> int:
    plan_id = session.scalar(select(_PLANS.c.id).where(_PLANS.c.key == key))
    if plan_id is None:
        raise UnknownPlanError(_unknown_plan(key))
    return plan_id


def _unknown_plan(key: str) -> str:
    return f"没有标识为“{key}”的方案。请先导入方案，或用已导入方案的标识（如 2023）。"


def canonical_unit(db: Database, name: str) -> str:
    with db.reading() as session:
        return find_unit(session, name).name


def plan_row(session: Session, key: str) -> m.Plan:
    """The plan with that key, or UnknownPlanError with a Chinese message (every service looks plans up here)."""
    plan = session.scalars(select(m.Plan).where(m.Plan.key == key)).first()
    if plan is None:
        raise UnknownPlanError(_unknown_plan(key))
    return plan


def section_titles(db: Database, plan_key: str) -> dict[str, str]:
    """Where the plan numbers items afresh in each section: key prefix → the section as printed
    ({"二-(二)": "（二）着力促进消费"}); empty for a plan numbered through each part."""
    with db.reading() as session:
        return plan_section_titles(session, plan_row(session, plan_key))


def plan_section_titles(session: Session, plan: m.Plan) -> dict[str, str]:
    sections = session.execute(
        select(m.Item.key, m.PlanSection.numeral, m.PlanSection.title)
        .join(m.PlanSection, m.PlanSection.id == m.Item.section_id)
        .where(m.Item.plan_id == plan.id, m.Item.key.like("%-%-%")))
    # only part-section-number keys name a section; deeper paths print their own segments (domain.forms)
    return {key.rsplit("-", 1)[0]: f"{numeral}{title}" for key, numeral, title in sections if key.count("-") == 2}


def _summary(plan: m.Plan, count: int) -> PlanSummary:
    return PlanSummary(key=plan.key, title=plan.title, doc_number=plan.doc_number, issuer=plan.issuer,
                       issue_date=plan.issue_date, year=plan.year, item_count=count)


@dataclass
class _Outline:
    """The plan's parts, sections and headings as plain rows, read in three queries (not one per branch)."""

    parts: list[tuple[int, str, str]]  # id, numeral, title — in order
    sections: dict[int, list[tuple[int, int, str, str]]]  # part id → [(id, ordinal, numeral, title)] in order
    headings: dict[int, list[tuple[int, str]]]  # section id → [(ordinal, title)] in order
    section_titles: dict[int, str]
    heading_titles: dict[int, str]


def _outline(session: Session, plan_id: int) -> _Outline:
    parts_, sections_, headings_ = _PARTS.c, _SECTIONS.c, _HEADINGS.c
    parts = session.execute(select(parts_.id, parts_.numeral, parts_.title)
                            .where(parts_.plan_id == plan_id).order_by(parts_.ordinal)).all()
    sections: dict[int, list[tuple[int, int, str, str]]] = {}
    section_titles: dict[int, str] = {}
    for id_, part_id, ordinal, numeral, title in session.execute(
            select(sections_.id, sections_.part_id, sections_.ordinal, sections_.numeral, sections_.title)
            .join_from(_SECTIONS, _PARTS, parts_.id == sections_.part_id).where(parts_.plan_id == plan_id)
            .order_by(sections_.part_id, sections_.ordinal)):
        sections.setdefault(part_id, []).append((id_, ordinal, numeral, title))
        section_titles[id_] = title
    headings: dict[int, list[tuple[int, str]]] = {}
    heading_titles: dict[int, str] = {}
    for id_, section_id, ordinal, title in session.execute(
            select(headings_.id, headings_.section_id, headings_.ordinal, headings_.title)
            .join_from(_HEADINGS, _SECTIONS, sections_.id == headings_.section_id)
            .join(_PARTS, parts_.id == sections_.part_id).where(parts_.plan_id == plan_id)
            .order_by(headings_.section_id, headings_.ordinal)):
        headings.setdefault(section_id, []).append((ordinal, title))
        heading_titles[id_] = title
    return _Outline([(id_, numeral, title) for id_, numeral, title in parts], sections, headings, section_titles,
                    heading_titles)


def _items(session: Session, plan_id: int, outline: _Outline) -> list[ItemRow]:
    units = dict(session.execute(select(_UNITS.c.id, _UNITS.c.name)).all())
    sections, headings = outline.section_titles, outline.heading_titles
    assignments: dict[int, list[AssignmentRow]] = {}
    a, i = _ASSIGNMENTS.c, _ITEMS.c  # plain rows, not ORM objects: ~1,600 of them are read on every start-up
    query = (select(a.item_id, a.unit_id, a.role, a.effective_role, a.via_unit_id, a.scope)
             .join_from(_ASSIGNMENTS, _ITEMS, i.id == a.item_id)
             .where(i.plan_id == plan_id).order_by(a.item_id, a.ordinal))
    for item_id, unit_id, role, effective, via_id, scope in session.execute(query):
        assignments.setdefault(item_id, []).append(AssignmentRow(
            unit=units[unit_id], role=Role(role), effective_role=Role(effective),
            via=units.get(via_id) if via_id else None, scope=scope))
    rows = session.execute(
        select(i.id, _PARTS.c.numeral, i.number, i.key, i.text, i.clause, i.position, i.source_line, i.section_id,
               i.heading_id, i.leader, i.deadline, i.grammar)
        .join_from(_ITEMS, _PARTS, _PARTS.c.id == i.part_id)
        .where(i.plan_id == plan_id).order_by(i.position))
    return [
        ItemRow(key=key, part=part, number=number, text=text, clause=clause, position=position,
                source_line=line, section_title=sections.get(section_id, "") if section_id is not None else "",
                heading_title=headings.get(heading_id, "") if heading_id is not None else "",
                assignments=tuple(assignments.get(item_id, ())),
                leader=leader, deadline=deadline, grammar=grammar)
        for item_id, part, number, key, text, clause, position, line, section_id, heading_id, leader, deadline, grammar
        in rows
    ]


def _tree(outline: _Outline, items: list[ItemRow]) -> list[TreeNode]:
    by_section: dict[tuple[str, str], int] = {}
    by_heading: dict[tuple[str, str, str], int] = {}
    by_part: dict[str, int] = {}
    for item in items:
        by_part[item.part] = by_part.get(item.part, 0) + 1
        by_section[(item.part, item.section_title)] = by_section.get((item.part, item.section_title), 0) + 1
        heading_key = (item.part, item.section_title, item.heading_title)
        by_heading[heading_key] = by_heading.get(heading_key, 0) + 1
    tree = []
    for part_id, numeral, part_title in outline.parts:
        node = TreeNode("part", f"{numeral}、{part_title}", numeral, count=by_part.get(numeral, 0))
        for section_id, ordinal, section_numeral, title in outline.sections.get(part_id, ()):
            child = TreeNode("section", f"{section_numeral}{title}", numeral, section=ordinal,
                             count=by_section.get((numeral, title), 0))
            child.children = [
                TreeNode("heading", f"——{heading_title}", numeral, section=ordinal, heading=heading_ordinal,
                         count=by_heading.get((numeral, title, heading_title), 0))
                for heading_ordinal, heading_title in outline.headings.get(section_id, ())
            ]
            node.children.append(child)
        tree.append(node)
    return tree


def _problems(session: Session, plan: m.Plan) -> list[Problem]:
    rows = session.scalars(select(m.PlanProblem).where(m.PlanProblem.plan_id == plan.id).order_by(m.PlanProblem.id))
    return [Problem(kind=r.kind, text=r.text, location=r.location, line=r.line, after_item=r.after_item) for r in rows]


def _deadlines(session: Session, plan: m.Plan) -> list[Deadline]:
    rows = session.scalars(select(m.PlanDeadline).where(m.PlanDeadline.plan_id == plan.id).order_by(m.PlanDeadline.due))
    return [Deadline(kind=DeadlineKind(r.kind), due=r.due, quarter=r.quarter) for r in rows]


def _forms(session: Session, plan: m.Plan) -> list[FormSetting]:
    rows = session.scalars(select(m.PlanForm).where(m.PlanForm.plan_id == plan.id).order_by(m.PlanForm.label))
    return [FormSetting(kind=FormKind(r.kind), label=r.label, title_pattern=r.title_pattern) for r in rows]


def _contacts(session: Session, plan: m.Plan) -> list[OfficeContact]:
    rows = session.scalars(select(m.OfficeContact).where(m.OfficeContact.plan_id == plan.id)
                           .order_by(m.OfficeContact.ordinal))
    return [OfficeContact(name=r.name, office_phone=r.office_phone, mobile=r.mobile) for r in rows]
