"""A plan's own form definitions: read by every form service, seeded at import, changed by set-form.

A definition is stored on the plan's `plan_forms` row: label and title pattern in their columns (catalogue
listings read them), the rest as JSON. A form the plan does not have has no row: no tab, no deadline, no
export. Labels are unique within a plan (and so is the row's (plan, label) in the database).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.domain.form_adjust import adjust_to_notice, definition_problems, fit_to_page
from gwr_desktop.domain.form_defs import FormDefinition, default_definition, definition_body, definition_from_row
from gwr_desktop.domain.plan import FormKind, FormSetting, ParsedPlan, Problem
from gwr_desktop.storage import models as m

PROBLEM_KIND = "form_settings"


class FormNotInPlanError(LookupError):
    """The plan has no such form (its notice appends none). The message is for the user."""


def label_order(label: str) -> tuple[int, str]:
    """附表1 < 附表2 < … < 附表10, whatever else the label says."""
    digits = "".join(c for c in label if c.isdigit())
    return (int(digits) if digits.isascii() and digits else 10**6, label)


def plan_definitions(session: Session, plan: m.Plan) -> dict[FormKind, FormDefinition]:
    """The plan's forms, in the order of their labels."""
    rows = session.scalars(select(m.PlanForm).where(m.PlanForm.plan_id == plan.id)).all()
    found = [definition_from_row(r.kind, r.label, r.title_pattern, r.definition) for r in rows]
    return {d.kind: d for d in sorted(found, key=lambda d: label_order(d.label))}


def definition_for(session: Session, plan: m.Plan, kind: FormKind) -> FormDefinition:
    found = plan_definitions(session, plan).get(FormKind(kind))
    if found is None:
        name = default_definition(FormKind(kind)).name
        raise FormNotInPlanError(f"方案 {plan.key} 没有{name}表（该方案的通知未附此表）。")
    return found


def store_definition(session: Session, plan: m.Plan, definition: FormDefinition) -> None:
    """Add or replace one of the plan's forms; ValueError (Chinese) when the label is taken by another form."""
    rows = {r.kind: r for r in session.scalars(select(m.PlanForm).where(m.PlanForm.plan_id == plan.id))}
    clash = next((r for r in rows.values() if r.label == definition.label and r.kind != definition.kind.value), None)
    if clash is not None:
        other = definition_from_row(clash.kind, clash.label, clash.title_pattern, clash.definition)
        raise ValueError(f"表号“{definition.label}”已用于{other.name}；同一方案中的表号不能重复。")
    row = rows.get(definition.kind.value)
    if row is None:
        session.add(m.PlanForm(plan_id=plan.id, kind=definition.kind.value, label=definition.label,
                               title_pattern=definition.title_pattern, definition=definition_body(definition)))
        return
    row.label, row.title_pattern = definition.label, definition.title_pattern
    row.definition = definition_body(definition)


# ---- seeding at import --------------------------------------------------------------------------------------

def seed_definitions(session: Session, plan: m.Plan, parsed: ParsedPlan) -> list[Problem]:
    """Store the new plan's forms as its notice prints them; the problems say what was adjusted or inherited.

    A notice that appends no blank forms at all takes the previous plan's definitions (or the bundled ones
    when there is none), and a problem says so.
    """
    if parsed.forms:
        definitions, notes = from_notice(parsed.forms)
    else:
        definitions, notes = _inherited(session, plan)
    definitions, more = unique_labels(definitions)
    for definition in definitions:
        store_definition(session, plan, definition)
    session.flush()
    return [Problem(kind=PROBLEM_KIND, text=note, location="附表", line=0) for note in notes + more]


def from_notice(settings: Sequence[FormSetting]) -> tuple[list[FormDefinition], list[str]]:
    """The bundled definitions adjusted to the forms the notice prints (the first of each kind)."""
    definitions: dict[FormKind, FormDefinition] = {}
    notes: list[str] = []
    for setting in settings:
        if setting.kind in definitions:
            notes.append(f"通知中有不止一张{definitions[setting.kind].name}表（{definitions[setting.kind].label}、"
                         f"{setting.label}），只采用第一张。")
            continue
        definition, changes = adjust_to_notice(default_definition(setting.kind), setting)
        problems = definition_problems(definition)
        if problems:
            notes.append(f"通知中{setting.label} 的表格无法按原样使用（{''.join(problems)}），沿用默认设置。")
            definition, changes = fit_to_page(default_definition(setting.kind))
        definitions[setting.kind] = definition
        notes += changes
    return list(definitions.values()), notes


def _inherited(session: Session, plan: m.Plan) -> tuple[list[FormDefinition], list[str]]:
    previous = session.scalars(
        select(m.Plan).where(m.Plan.id != plan.id)
        .order_by((m.Plan.year <= plan.year).desc(), m.Plan.year.desc(), m.Plan.imported_at.desc())).first()
    if previous is not None:
        definitions = list(plan_definitions(session, previous).values())
        if definitions:
            labels = "、".join(f"{d.label} {d.name}" for d in definitions)
            return definitions, [f"通知未附空白表格，沿用方案 {previous.key} 的表格设置（{labels}）；"
                                 "请核对表号和标题。"]
    definitions = [default_definition(kind) for kind in FormKind]
    return definitions, ["通知未附空白表格，也没有可沿用的上一方案，暂用默认的附表1～3 设置；请核对表号和标题。"]


def unique_labels(definitions: list[FormDefinition]) -> tuple[list[FormDefinition], list[str]]:
    """Definitions whose labels are all different: a repeated label moves to the next free 附表N."""
    from dataclasses import replace

    taken = {d.label for d in definitions}
    seen: set[str] = set()
    result, notes = [], []
    for definition in definitions:
        if definition.label in seen:
            free = next(f"附表{n}" for n in range(1, 100) if f"附表{n}" not in taken)
            taken.add(free)
            notes.append(f"{definition.name}与另一张表同为“{definition.label}”，已改为“{free}”；请用 set-form 核对。")
            definition = replace(definition, label=free)
        seen.add(definition.label)
        result.append(definition)
    return result, notes
