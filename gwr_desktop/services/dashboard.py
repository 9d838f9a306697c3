"""What is due next for a unit: each form's deadline, days left (from an injected `today`), and completeness.

`dashboard()` reads it all; `updated()` re-reads only the forms a change touched (the window keeps its board
and brings it up to date when it is shown, rather than reading the whole plan and every form after each
typed cell — issue 15).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace

from gwr_desktop.domain.completeness import Completion, completion, gaps
from gwr_desktop.domain.form_defs import FormDefinition, period_name
from gwr_desktop.domain.plan import Deadline, DeadlineKind, FormKind
from gwr_desktop.services import catalogue, form_content
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_definitions import label_order
from gwr_desktop.services.signoff import draft_state_of


@dataclass(frozen=True)
class DeadlineRow:
    kind: FormKind
    quarter: int | None
    form_label: str  # the plan's own label: "附表1"
    name: str  # "办理方案", "前2季度工作目标完成情况" (the plan's form names)
    due: dt.date
    days_left: int  # negative when overdue
    completion: Completion
    gaps: int
    signed: int | None = None  # the last signed (定稿) version, None when never signed
    changed_since_signed: bool = False

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def handed_in(self) -> bool:
        """A signed (定稿) version exists: the form has been handed in, whatever the date."""
        return self.signed is not None

    def when(self) -> str:
        if self.signed is not None:
            return f"已定稿 v{self.signed}" + ("，其后有修改" if self.changed_since_signed else "")
        if self.days_left > 0:
            return f"还有 {self.days_left} 天"
        return "今天截止" if self.days_left == 0 else f"已过期 {-self.days_left} 天"


@dataclass(frozen=True)
class Dashboard:
    plan_key: str
    unit: str
    today: dt.date
    rows: tuple[DeadlineRow, ...]
    led_items: int

    def upcoming(self) -> list[DeadlineRow]:
        """Not handed in: deadlines not yet passed, nearest first; then passed ones still incomplete."""
        ahead = [row for row in self.rows if not row.overdue and not row.handed_in]
        behind = [row for row in self.rows if row.overdue and not row.handed_in and not row.completion.complete]
        return ahead + behind

    def next_due(self) -> DeadlineRow | None:
        ahead = [row for row in self.rows if not row.overdue and not row.handed_in]
        return ahead[0] if ahead else None


def _forms_due(deadline: Deadline, forms: dict[FormKind, FormDefinition]) -> list[tuple[FormDefinition, int | None]]:
    """The plan's forms a deadline covers; a form the plan does not have has no deadline."""
    kinds = (FormKind.PLAN, FormKind.CONTACTS) if deadline.kind is DeadlineKind.PLAN_FORMS else (FormKind.PROGRESS,)
    return [(forms[kind], deadline.quarter if kind is FormKind.PROGRESS else None) for kind in kinds if kind in forms]


def dashboard(db: Database, plan_key: str, unit: str, today: dt.date) -> Dashboard:
    led = sum(1 for role in catalogue.unit_roles(db, plan_key, unit).values() if role.value == "lead")
    return Dashboard(plan_key=plan_key, unit=catalogue.canonical_unit(db, unit), today=today,
                     rows=tuple(_sorted(_rows(db, plan_key, unit, today, None))), led_items=led)


def updated(db: Database, board: Dashboard, today: dt.date, kinds: Collection[FormKind] | None) -> Dashboard:
    """`board` brought up to date after changes to the forms of `kinds` — only their rows are read again, the
    others are kept (their days left counted from `today`); None: everything may have changed (the plan, its
    deadlines or forms), read it all. Equal to a fresh `dashboard(...)` whenever `kinds` covers what changed."""
    if kinds is None:
        return dashboard(db, board.plan_key, board.unit, today)
    wanted = {FormKind(kind) for kind in kinds}
    kept = [replace(row, days_left=(row.due - today).days) for row in board.rows if row.kind not in wanted]
    fresh = _rows(db, board.plan_key, board.unit, today, wanted)
    return replace(board, today=today, rows=tuple(_sorted(kept + fresh)))


def _rows(db: Database, plan_key: str, unit: str, today: dt.date,
          kinds: set[FormKind] | None) -> list[DeadlineRow]:
    forms = form_content.definitions(db, plan_key)
    return [_row(db, plan_key, unit, definition, quarter, deadline.due, today)
            for deadline in catalogue.deadlines(db, plan_key)
            for definition, quarter in _forms_due(deadline, forms) if kinds is None or definition.kind in kinds]


def _row(db: Database, plan_key: str, unit: str, definition: FormDefinition, quarter: int | None, due: dt.date,
         today: dt.date) -> DeadlineRow:
    content = form_content.load_content(db, plan_key, unit, definition.kind, quarter)
    state = draft_state_of(db, content)
    missing = len(gaps(content))
    name = f"{period_name(quarter)}{definition.name}" if quarter else definition.name
    return DeadlineRow(kind=definition.kind, quarter=quarter, form_label=definition.label, name=name, due=due,
                       days_left=(due - today).days, completion=completion(content, missing), gaps=missing,
                       signed=state.last.version if state.last else None,
                       changed_since_signed=state.last is not None and state.changed)


def _sorted(rows: list[DeadlineRow]) -> list[DeadlineRow]:
    return sorted(rows, key=lambda row: (row.due, label_order(row.form_label)))
