"""Applying one edit inside an open transaction: validate the value, write it, return the edit that undoes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.domain import validation as v
from gwr_desktop.domain.form_defs import load_definition
from gwr_desktop.domain.forms import ContactPerson, ContactRole, PeriodKind, WorkPeriod
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_edits as e
from gwr_desktop.storage import form_models as fm
from gwr_desktop.storage import models as m


class FormInputError(ValueError):
    """An edit or a whole form was refused; nothing was written. `problems` lists every reason, in Chinese."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("；".join(self.problems))


@dataclass
class Scope:
    """The plan and unit an edit is about, with the items the unit leads (key → item id)."""

    session: Session
    plan: m.Plan
    unit: m.Unit
    _led: dict[str, int] | None = field(default=None)

    @property
    def led(self) -> dict[str, int]:
        if self._led is None:
            self._led = led_items(self.session, self.plan, self.unit)
        return self._led

    def item_id(self, key: str) -> int:
        if key not in self.led:
            raise FormInputError(f"事项 {key} 不是{self.unit.name}牵头的事项，不能填写。")
        return self.led[key]


def led_items(session: Session, plan: m.Plan, unit: m.Unit) -> dict[str, int]:
    """Item key → id of every item the unit leads (directly, as a group member, or as the host in 〈〉)."""
    identities = [unit.id, *session.scalars(select(m.GroupMember.group_id).where(m.GroupMember.member_id == unit.id))]
    query = (
        select(m.Item.key, m.Item.id).join(m.ItemAssignment, m.ItemAssignment.item_id == m.Item.id)
        .where(m.Item.plan_id == plan.id, m.ItemAssignment.effective_role == "lead")
        .where(m.ItemAssignment.unit_id.in_(identities) | (m.ItemAssignment.via_unit_id == unit.id))
        .order_by(m.Item.position)
    )
    return dict(session.execute(query).all())


def apply(scope: Scope, edit: e.Edit) -> e.Edit:
    handler = _HANDLERS[type(edit)]
    return handler(scope, edit)


def checked(where: str, check: Callable, value: object) -> object:  # noqa: ANN401 - passes the checked value on
    try:
        return check(value)
    except v.InvalidValue as error:
        raise FormInputError(f"{where}：{error}") from error


# ---- 附表1 -----------------------------------------------------------------------------------------------------

def _entries(scope: Scope, key: str) -> list[fm.WorkEntryRow]:
    query = (select(fm.WorkEntryRow).where(fm.WorkEntryRow.item_id == scope.item_id(key),
                                           fm.WorkEntryRow.unit_id == scope.unit.id)
             .order_by(fm.WorkEntryRow.ordinal, fm.WorkEntryRow.id))
    return list(scope.session.scalars(query))


def _renumber(rows: list) -> None:  # noqa: ANN001 - rows with an `ordinal`
    for ordinal, row in enumerate(rows):
        if row.ordinal != ordinal:
            row.ordinal = ordinal


def _entry_at(scope: Scope, key: str, index: int, *, may_append: bool) -> tuple[fm.WorkEntryRow, bool]:
    rows = _entries(scope, key)
    if 0 <= index < len(rows):
        return rows[index], False
    if may_append and index == len(rows):
        row = fm.WorkEntryRow(item_id=scope.item_id(key), unit_id=scope.unit.id, ordinal=index, content="")
        scope.session.add(row)
        return row, True
    raise FormInputError(f"事项 {key} 没有第{index + 1}条具体工作内容。")


def period_of(row: fm.WorkEntryRow) -> WorkPeriod | None:
    if row.period_kind is None:
        return None
    return WorkPeriod(PeriodKind(row.period_kind), row.period_start, row.period_end)


def _store_period(row: fm.WorkEntryRow, period: WorkPeriod | None) -> None:
    row.period_kind = period.kind.value if period else None
    row.period_start = period.start if period else None
    row.period_end = period.end if period else None


def parse_period_value(where: str, value: WorkPeriod | str | None) -> WorkPeriod | None:
    if isinstance(value, WorkPeriod):
        return checked(where, v.check_period, value)
    return checked(where, v.parse_period, value or "")


def _set_entry_text(scope: Scope, edit: e.SetEntryText) -> e.Edit:
    text = checked(f"{edit.item_key} 第{edit.index + 1}条具体工作内容", v.check_long_text, edit.text)
    row, created = _entry_at(scope, edit.item_key, edit.index, may_append=True)
    old, row.content = row.content, text
    return e.DeleteEntry(edit.item_key, edit.index) if created else e.SetEntryText(edit.item_key, edit.index, old)


def _set_entry_period(scope: Scope, edit: e.SetEntryPeriod) -> e.Edit:
    period = parse_period_value(f"{edit.item_key} 第{edit.index + 1}条完成时间", edit.period)
    row, created = _entry_at(scope, edit.item_key, edit.index, may_append=True)
    old = period_of(row)
    _store_period(row, period)
    return e.DeleteEntry(edit.item_key, edit.index) if created else e.SetEntryPeriod(edit.item_key, edit.index, old)


def _insert_entry(scope: Scope, edit: e.InsertEntry) -> e.Edit:
    where = f"{edit.item_key} 第{edit.index + 1}条"
    text = checked(f"{where}具体工作内容", v.check_long_text, edit.content)
    period = parse_period_value(f"{where}完成时间", edit.period)
    rows = _entries(scope, edit.item_key)
    if not 0 <= edit.index <= len(rows):
        raise FormInputError(f"事项 {edit.item_key} 只有 {len(rows)} 条具体工作内容，不能插入到第{edit.index + 1}条。")
    row = fm.WorkEntryRow(item_id=scope.item_id(edit.item_key), unit_id=scope.unit.id, ordinal=edit.index,
                          content=text)
    _store_period(row, period)
    scope.session.add(row)
    rows.insert(edit.index, row)
    _renumber(rows)
    return e.DeleteEntry(edit.item_key, edit.index)


def _delete_entry(scope: Scope, edit: e.DeleteEntry) -> e.Edit:
    rows = _entries(scope, edit.item_key)
    if not 0 <= edit.index < len(rows):
        raise FormInputError(f"事项 {edit.item_key} 没有第{edit.index + 1}条具体工作内容。")
    row = rows.pop(edit.index)
    undo = e.InsertEntry(edit.item_key, edit.index, row.content, period_of(row))
    scope.session.delete(row)
    scope.session.flush()
    _renumber(rows)
    return undo


def _move_entry(scope: Scope, edit: e.MoveEntry) -> e.Edit:
    rows = _entries(scope, edit.item_key)
    if not (0 <= edit.index < len(rows) and 0 <= edit.to < len(rows)):
        raise FormInputError(f"事项 {edit.item_key} 的第{edit.index + 1}条不能移到第{edit.to + 1}条。")
    rows.insert(edit.to, rows.pop(edit.index))
    _renumber(rows)
    return e.MoveEntry(edit.item_key, edit.to, edit.index)


def _set_item_field(scope: Scope, edit: e.SetItemField) -> e.Edit:
    if edit.field not in e.ITEM_FIELDS:
        raise FormInputError(f"附表1 没有“{edit.field}”这一栏。")
    value = checked(f"{edit.item_key} {e.ITEM_FIELDS[edit.field]}", v.check_short_text, edit.value)
    item_id = scope.item_id(edit.item_key)
    row = scope.session.scalars(select(fm.ItemOwner).where(
        fm.ItemOwner.item_id == item_id, fm.ItemOwner.unit_id == scope.unit.id)).first()
    if row is None:
        row = fm.ItemOwner(item_id=item_id, unit_id=scope.unit.id, leader="", department="")
        scope.session.add(row)
    old = getattr(row, edit.field)
    setattr(row, edit.field, value)
    return e.SetItemField(edit.item_key, edit.field, old)


# ---- headers ---------------------------------------------------------------------------------------------------

def header(scope: Scope, kind: FormKind, quarter: int, *, create: bool) -> fm.FormHeader | None:
    row = scope.session.scalars(select(fm.FormHeader).where(
        fm.FormHeader.plan_id == scope.plan.id, fm.FormHeader.unit_id == scope.unit.id,
        fm.FormHeader.kind == kind.value, fm.FormHeader.quarter == quarter)).first()
    if row is None and create:
        row = fm.FormHeader(plan_id=scope.plan.id, unit_id=scope.unit.id, kind=kind.value, quarter=quarter,
                            principal="", print_status=False)
        scope.session.add(row)
    return row


def _header_kind(quarter: int) -> FormKind:
    if quarter == 0:
        return FormKind.PLAN
    checked("季度", v.check_quarter, quarter)
    return FormKind.PROGRESS


def _set_principal(scope: Scope, edit: e.SetPrincipal) -> e.Edit:
    value = checked("主要负责人", v.check_short_text, edit.value)
    row = header(scope, _header_kind(edit.quarter), edit.quarter, create=True)
    old, row.principal = row.principal, value
    return e.SetPrincipal(edit.quarter, old)


def _set_print_status(scope: Scope, edit: e.SetPrintStatus) -> e.Edit:
    row = header(scope, FormKind.PROGRESS, checked("季度", v.check_quarter, edit.quarter), create=True)
    old, row.print_status = row.print_status, bool(edit.value)
    return e.SetPrintStatus(edit.quarter, old)


# ---- 附表2 -----------------------------------------------------------------------------------------------------

ROLE_NAMES = {ContactRole.LEADER: "分管领导", ContactRole.OFFICE: "办公室或者综合协调处室负责人",
              ContactRole.HANDLER: "经办人"}
CONTACT_CHECKS = {"name": v.check_short_text, "title": v.check_short_text,
                  "office_phone": v.check_office_phone, "mobile": v.check_mobile}


def max_people(role: ContactRole) -> int:
    rows = {row.key: row.max for row in load_definition(FormKind.CONTACTS).rows}
    return rows.get(role.value, 1)


def contacts(scope: Scope, role: ContactRole) -> list[fm.ContactRow]:
    query = (select(fm.ContactRow).where(fm.ContactRow.plan_id == scope.plan.id,
                                         fm.ContactRow.unit_id == scope.unit.id, fm.ContactRow.role == role.value)
             .order_by(fm.ContactRow.ordinal, fm.ContactRow.id))
    return list(scope.session.scalars(query))


def _new_contact(scope: Scope, role: ContactRole, index: int, person: ContactPerson | None) -> fm.ContactRow:
    person = person or ContactPerson(role)
    where = f"{ROLE_NAMES[role]}"
    values = {name: checked(f"{where}{e.CONTACT_FIELD_NAMES[name]}", check, getattr(person, name))
              for name, check in CONTACT_CHECKS.items()}
    return fm.ContactRow(plan_id=scope.plan.id, unit_id=scope.unit.id, role=role.value, ordinal=index, **values)


def _set_contact_field(scope: Scope, edit: e.SetContactField) -> e.Edit:
    role = ContactRole(edit.role)
    if edit.field not in CONTACT_CHECKS:
        raise FormInputError(f"附表2 没有“{edit.field}”这一栏。")
    value = checked(f"{ROLE_NAMES[role]}{e.CONTACT_FIELD_NAMES[edit.field]}", CONTACT_CHECKS[edit.field], edit.value)
    rows = contacts(scope, role)
    if edit.index == len(rows) and edit.index < max_people(role):
        row = _new_contact(scope, role, edit.index, None)
        scope.session.add(row)
        setattr(row, edit.field, value)
        return e.DeleteContact(role, edit.index)
    if not 0 <= edit.index < len(rows):
        raise FormInputError(f"{ROLE_NAMES[role]}没有第{edit.index + 1}人。")
    old = getattr(rows[edit.index], edit.field)
    setattr(rows[edit.index], edit.field, value)
    return e.SetContactField(role, edit.index, edit.field, old)


def _insert_contact(scope: Scope, edit: e.InsertContact) -> e.Edit:
    role = ContactRole(edit.role)
    rows = contacts(scope, role)
    if len(rows) >= max_people(role):
        raise FormInputError(f"{ROLE_NAMES[role]}最多填写 {max_people(role)} 人。")
    if not 0 <= edit.index < max_people(role):
        raise FormInputError(f"{ROLE_NAMES[role]}不能插入到第{edit.index + 1}人。")
    while len(rows) < edit.index:  # rows shown empty before it become real, empty rows
        rows.append(_new_contact(scope, role, len(rows), None))
        scope.session.add(rows[-1])
    row = _new_contact(scope, role, edit.index, edit.person)
    scope.session.add(row)
    rows.insert(edit.index, row)
    _renumber(rows)
    return e.DeleteContact(role, edit.index)


def _delete_contact(scope: Scope, edit: e.DeleteContact) -> e.Edit:
    role = ContactRole(edit.role)
    rows = contacts(scope, role)
    if not 0 <= edit.index < len(rows):
        raise FormInputError(f"{ROLE_NAMES[role]}没有第{edit.index + 1}人。")
    row = rows.pop(edit.index)
    person = ContactPerson(role, row.name, row.title, row.office_phone, row.mobile)
    scope.session.delete(row)
    scope.session.flush()
    _renumber(rows)
    return e.InsertContact(role, edit.index, person)


# ---- 附表3 -----------------------------------------------------------------------------------------------------

def _status_text(value: str) -> str:
    status = v.check_status(value)
    return status.value if status else ""


PROGRESS_CHECKS = {"progress": v.check_long_text, "figure": v.check_figure, "status": _status_text}


def progress_row(scope: Scope, quarter: int, key: str, *, create: bool) -> fm.ProgressRow | None:
    item_id = scope.item_id(key)
    row = scope.session.scalars(select(fm.ProgressRow).where(
        fm.ProgressRow.item_id == item_id, fm.ProgressRow.unit_id == scope.unit.id,
        fm.ProgressRow.quarter == quarter)).first()
    if row is None and create:
        row = fm.ProgressRow(item_id=item_id, unit_id=scope.unit.id, quarter=quarter, progress="", figure="")
        scope.session.add(row)
    return row


def _set_progress(scope: Scope, edit: e.SetProgress) -> e.Edit:
    quarter = checked("季度", v.check_quarter, edit.quarter)
    if edit.field not in PROGRESS_CHECKS:
        raise FormInputError(f"附表3 没有“{edit.field}”这一栏。")
    value = checked(f"{edit.item_key} {e.PROGRESS_FIELDS[edit.field]}", PROGRESS_CHECKS[edit.field], edit.value)
    row = progress_row(scope, quarter, edit.item_key, create=True)
    old = getattr(row, edit.field) or ""
    if edit.field == "status":
        value = value or None  # no status is NULL, not an empty label
    setattr(row, edit.field, value)
    return e.SetProgress(quarter, edit.item_key, edit.field, old)


_HANDLERS: dict[type, Callable[[Scope, e.Edit], e.Edit]] = {
    e.SetEntryText: _set_entry_text, e.SetEntryPeriod: _set_entry_period, e.InsertEntry: _insert_entry,
    e.DeleteEntry: _delete_entry, e.MoveEntry: _move_entry, e.SetItemField: _set_item_field,
    e.SetPrincipal: _set_principal, e.SetPrintStatus: _set_print_status, e.SetContactField: _set_contact_field,
    e.InsertContact: _insert_contact, e.DeleteContact: _delete_contact, e.SetProgress: _set_progress,
}
