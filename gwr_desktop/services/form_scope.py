"""The plan and unit a form action is about, inside one open transaction: led items, the plan's form
definitions, the form's head row (locked before any write) and its value rows."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gwr_desktop.domain import validation as v
from gwr_desktop.domain.form_defs import FormDefinition, Level
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services.form_definitions import plan_definitions
from gwr_desktop.storage import form_models as fm
from gwr_desktop.storage import models as m

FEW_ITEMS = 16  # items asked for one by one before reading all the unit's led items at once


class FormInputError(ValueError):
    """An edit or a whole form was refused; nothing was written. `problems` lists every reason, in Chinese."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("；".join(self.problems))


@dataclass
class Scope:
    """The plan and unit an action is about, with the items the unit leads (key → item id, in plan order)."""

    session: Session
    plan: m.Plan
    unit: m.Unit
    _led: dict[str, int] | None = field(default=None)
    _led_some: dict[str, int | None] = field(default_factory=dict)  # asked one by one, before `led` is read
    _definitions: dict[FormKind, FormDefinition] | None = field(default=None)
    _heads: dict[tuple[str, int], fm.FormHead] = field(default_factory=dict)

    @property
    def led(self) -> dict[str, int]:
        if self._led is None:
            self._led = led_items(self.session, self.plan, self.unit)
        return self._led

    @property
    def definitions(self) -> dict[FormKind, FormDefinition]:
        if self._definitions is None:
            self._definitions = plan_definitions(self.session, self.plan)
        return self._definitions

    def definition(self, kind: FormKind) -> FormDefinition:
        found = self.definitions.get(FormKind(kind))
        if found is None:
            from gwr_desktop.domain.form_defs import default_definition

            name = default_definition(FormKind(kind)).name
            raise FormInputError(f"方案 {self.plan.key} 没有{name}表（该方案的通知未附此表）。")
        return found

    def led_of(self, keys: Collection[str]) -> dict[str, int]:
        """key → id of those of keys the unit leads, in plan order. An edit touches a few items: asking for
        them alone keeps its cost the same however many items the unit leads (issue 15)."""
        if self._led is None and len(self._led_some) + len(keys) <= FEW_ITEMS:
            wanted = [key for key in keys if key not in self._led_some]
            if wanted:
                found = led_items(self.session, self.plan, self.unit, wanted)
                self._led_some.update({key: found.get(key) for key in wanted})
            chosen = {key: self._led_some[key] for key in keys}
            return {key: id_ for key, id_ in chosen.items() if id_ is not None}
        asked = set(keys)
        return {key: id_ for key, id_ in self.led.items() if key in asked}

    def check_item(self, key: str) -> None:
        if key not in self.led_of([key]):
            raise FormInputError(f"事项 {key} 不是{self.unit.name}牵头的事项，不能填写。")


def led_items(session: Session, plan: m.Plan, unit: m.Unit, keys: Collection[str] | None = None) -> dict[str, int]:
    """Item key → id of every item the unit leads (directly, as a group member, or as the host in 〈〉);
    with keys, of those items only."""
    identities = [unit.id, *session.scalars(select(m.GroupMember.group_id).where(m.GroupMember.member_id == unit.id))]
    query = (
        select(m.Item.key, m.Item.id).join(m.ItemAssignment, m.ItemAssignment.item_id == m.Item.id)
        .where(m.Item.plan_id == plan.id, m.ItemAssignment.effective_role == "lead")
        .where(m.ItemAssignment.unit_id.in_(identities) | (m.ItemAssignment.via_unit_id == unit.id))
        .order_by(m.Item.position)
    )
    if keys is not None:
        query = query.where(m.Item.key.in_(list(keys)))
    return dict(session.execute(query).all())


def valid_quarter(kind: FormKind, quarter: object, definition: FormDefinition) -> int:
    """The stored quarter of a form: 1..4 for 完成情况, 0 for the others."""
    if FormKind(kind) is not FormKind.PROGRESS:
        return 0
    try:
        return v.check_quarter(quarter)
    except v.InvalidValue as error:
        raise FormInputError(f"{definition.display_name}：{error}") from error


# ---- the head row: found, made, locked ------------------------------------------------------------------------

def find_head(scope: Scope, kind: FormKind, quarter: int) -> fm.FormHead | None:
    return scope.session.scalars(select(fm.FormHead).where(
        fm.FormHead.plan_id == scope.plan.id, fm.FormHead.unit_id == scope.unit.id,
        fm.FormHead.kind == kind.value, fm.FormHead.quarter == quarter)).first()


def lock_form(scope: Scope, kind: FormKind, quarter: int) -> fm.FormHead:
    """The form's head row, made if absent and locked for this transaction (SELECT … FOR UPDATE).

    Every writer of a form takes this lock first, so concurrent writers of one form (two `fill`s, a `fill`
    and the window) run one after the other on PostgreSQL; SQLite serialises writers itself. Two writers
    making the head at once: one insert wins, the other (inside a savepoint) fails and locks the winner's row.
    """
    cached = scope._heads.get((kind.value, quarter))
    if cached is not None:
        return cached
    head = _locked_head(scope, kind, quarter)  # almost always there: one round trip (each costs on a server)
    if head is None:
        try:
            with scope.session.begin_nested():
                scope.session.add(fm.FormHead(plan_id=scope.plan.id, unit_id=scope.unit.id, kind=kind.value,
                                              quarter=quarter, values_json="{}", print_optional=False))
        except IntegrityError:
            pass  # made by a concurrent writer meanwhile: lock theirs
        head = _locked_head(scope, kind, quarter)
        assert head is not None
    scope._heads[(kind.value, quarter)] = head
    return head


def _locked_head(scope: Scope, kind: FormKind, quarter: int) -> fm.FormHead | None:
    return scope.session.scalars(select(fm.FormHead).where(
        fm.FormHead.plan_id == scope.plan.id, fm.FormHead.unit_id == scope.unit.id,
        fm.FormHead.kind == kind.value, fm.FormHead.quarter == quarter)
        .with_for_update().execution_options(populate_existing=True)).first()


# ---- value rows ----------------------------------------------------------------------------------------------

def values_of(row: fm.FormHead | fm.FormRow | None) -> dict[str, str]:
    if row is None:
        return {}
    data = json.loads(row.values_json or "{}")
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def store_values(row: fm.FormHead | fm.FormRow, values: dict[str, str]) -> None:
    row.values_json = json.dumps({k: v for k, v in values.items() if v}, ensure_ascii=False, sort_keys=True)


def rows_at(scope: Scope, kind: FormKind, quarter: int, anchor: str, level: Level) -> list[fm.FormRow]:
    query = (select(fm.FormRow).where(
        fm.FormRow.plan_id == scope.plan.id, fm.FormRow.unit_id == scope.unit.id, fm.FormRow.kind == kind.value,
        fm.FormRow.quarter == quarter, fm.FormRow.anchor == anchor, fm.FormRow.level == level.value)
        .order_by(fm.FormRow.ordinal))
    return list(scope.session.scalars(query))


def new_row(scope: Scope, kind: FormKind, quarter: int, anchor: str, level: Level,
            values: dict[str, str] | None = None) -> fm.FormRow:
    """A row not yet placed: `arrange` gives it its ordinal and adds it to the session."""
    row = fm.FormRow(plan_id=scope.plan.id, unit_id=scope.unit.id, kind=kind.value, quarter=quarter, anchor=anchor,
                     level=level.value)
    store_values(row, values or {})
    return row


def arrange(session: Session, rows: list[fm.FormRow]) -> None:
    """Give rows the ordinals 0..n-1 in list order, under the unique key on (…, anchor, level, ordinal).

    Rows that move go through temporary negative ordinals first (flushed), so no UPDATE ever lands on an
    ordinal another row still holds; new rows are added last.
    """
    moving = [row for index, row in enumerate(rows) if row.id is not None and row.ordinal != index]
    for n, row in enumerate(moving):
        row.ordinal = -1 - n
    if moving:
        session.flush()
    for index, row in enumerate(rows):
        row.ordinal = index
        if row.id is None:
            session.add(row)
    session.flush()
