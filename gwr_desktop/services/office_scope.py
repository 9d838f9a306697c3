"""What a round of the 督查室 is judged against, read from the plan: the units that must report (every unit
that answers for an item as lead), the items each leads, the deadlines, the form definitions, and unit names
as files print them (a canonical name, a variant, or a name inside a title)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.domain.contribution import ItemText
from gwr_desktop.domain.form_defs import FormDefinition
from gwr_desktop.domain.plan import DeadlineKind, FormKind
from gwr_desktop.domain.returns.cells import visible
from gwr_desktop.services.contribution_scope import item_texts, lead_units
from gwr_desktop.services.form_definitions import plan_definitions
from gwr_desktop.storage import models as m


@dataclass(frozen=True)
class PlanScope:
    key: str
    year: int
    items: dict[str, ItemText]  # in the plan's order
    leads: dict[str, list[str]]  # item key → lead units
    definitions: dict[FormKind, FormDefinition]
    deadlines: dict[tuple[str, int], dt.date]  # (deadline kind, quarter or 0) → due

    @property
    def units(self) -> list[str]:
        """The units that must report, in the order their first led item comes in the plan."""
        found: dict[str, None] = {}
        for key in self.items:
            for unit in self.leads.get(key, ()):
                found.setdefault(unit, None)
        return list(found)

    def led_by(self, unit: str) -> list[str]:
        return [key for key in self.items if unit in self.leads.get(key, ())]

    def due(self, kind: FormKind, quarter: int | None) -> dt.date | None:
        if kind is FormKind.PROGRESS:
            return self.deadlines.get((DeadlineKind.PROGRESS.value, quarter or 0))
        return self.deadlines.get((DeadlineKind.PLAN_FORMS.value, 0))


def plan_scope(session: Session, plan: m.Plan) -> PlanScope:
    deadlines = {(row.kind, row.quarter or 0): row.due
                 for row in session.scalars(select(m.PlanDeadline).where(m.PlanDeadline.plan_id == plan.id))}
    return PlanScope(plan.key, plan.year, item_texts(session, plan), lead_units(session, plan),
                     plan_definitions(session, plan), deadlines)


def unit_namer(session: Session) -> Callable[[str], str | None]:
    """Text as a file prints a unit → the registry's name: the name or a variant, else the longest registered
    name (or variant) the text contains ("市商务局关于…" → 市商务局)."""
    names = {visible(name): name for name in session.scalars(select(m.Unit.name).where(m.Unit.kind != "group"))}
    for alias, unit_id in session.execute(select(m.UnitAlias.alias, m.UnitAlias.unit_id)):
        unit = session.get(m.Unit, unit_id)
        if unit is not None and unit.kind != "group":
            names.setdefault(visible(alias), unit.name)
    ordered = sorted(names, key=len, reverse=True)

    def named(text: str) -> str | None:
        flat = visible(text)
        if flat in names:
            return names[flat]
        return next((names[n] for n in ordered if len(n) >= 3 and n in flat), None)

    return named
