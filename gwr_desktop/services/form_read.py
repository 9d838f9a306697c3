"""Building form snapshots from storage, and writing a whole form back (the `fill` command's path)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, select

from gwr_desktop.domain import validation as v
from gwr_desktop.domain.form_defs import load_definition, quarter_label
from gwr_desktop.domain.forms import (
    ContactPerson,
    ContactRole,
    ContactsFormContent,
    PlanFormContent,
    PlanFormItem,
    ProgressFormContent,
    ProgressFormItem,
    ProgressStatus,
    WorkEntry,
)
from gwr_desktop.domain.plan import FormKind, FormSetting
from gwr_desktop.domain.plan import OfficeContact as OfficeContactInfo
from gwr_desktop.domain.targets import find_targets
from gwr_desktop.services.form_apply import (
    CONTACT_CHECKS,
    PROGRESS_CHECKS,
    ROLE_NAMES,
    FormInputError,
    Scope,
    contacts,
    header,
    max_people,
    period_of,
)
from gwr_desktop.storage import form_models as fm
from gwr_desktop.storage import models as m

ROLE_ORDER = (ContactRole.LEADER, ContactRole.OFFICE, ContactRole.HANDLER)


def valid_quarter(quarter: object) -> int:
    try:
        return v.check_quarter(quarter)
    except v.InvalidValue as error:
        raise FormInputError(str(error)) from error


def _items(scope: Scope) -> list[tuple[int, str, str, int, str, str]]:
    """(id, key, part numeral, number, text, part title) of the led items, in the plan's order."""
    ids = list(scope.led.values())
    if not ids:
        return []
    query = (select(m.Item.id, m.Item.key, m.PlanPart.numeral, m.Item.number, m.Item.text, m.PlanPart.title)
             .join(m.PlanPart, m.PlanPart.id == m.Item.part_id).where(m.Item.id.in_(ids)).order_by(m.Item.position))
    return [tuple(row) for row in scope.session.execute(query)]


def _label_and_title(scope: Scope, kind: FormKind, quarter: int | None = None) -> tuple[str, str]:
    row = scope.session.scalars(select(m.PlanForm).where(m.PlanForm.plan_id == scope.plan.id,
                                                         m.PlanForm.kind == kind.value)).first()
    if row is None:
        return "", load_definition(kind).name
    setting = FormSetting(kind, row.label, row.title_pattern)
    return row.label, load_definition(kind).title(setting, scope.unit.name, quarter_label(quarter) if quarter else "")


def _entries_by_item(scope: Scope, ids: list[int]) -> dict[int, list[WorkEntry]]:
    found: dict[int, list[WorkEntry]] = {}
    query = (select(fm.WorkEntryRow).where(fm.WorkEntryRow.unit_id == scope.unit.id, fm.WorkEntryRow.item_id.in_(ids))
             .order_by(fm.WorkEntryRow.item_id, fm.WorkEntryRow.ordinal, fm.WorkEntryRow.id))
    for row in scope.session.scalars(query):
        found.setdefault(row.item_id, []).append(WorkEntry(row.content, period_of(row)))
    return found


def plan_content(scope: Scope) -> PlanFormContent:
    items = _items(scope)
    ids = [row[0] for row in items]
    entries = _entries_by_item(scope, ids)
    owners = {row.item_id: row for row in scope.session.scalars(
        select(fm.ItemOwner).where(fm.ItemOwner.unit_id == scope.unit.id, fm.ItemOwner.item_id.in_(ids)))}
    head = header(scope, FormKind.PLAN, 0, create=False)
    label, title = _label_and_title(scope, FormKind.PLAN)
    return PlanFormContent(
        plan_key=scope.plan.key, unit=scope.unit.name, principal=head.principal if head else "",
        label=label, title=title,
        items=tuple(PlanFormItem(key=key, part=part, number=number, text=text, part_title=part_title,
                                 entries=tuple(entries.get(item_id, ())),
                                 leader=owners[item_id].leader if item_id in owners else "",
                                 department=owners[item_id].department if item_id in owners else "")
                    for item_id, key, part, number, text, part_title in items),
    )


def contacts_content(scope: Scope) -> ContactsFormContent:
    people: list[ContactPerson] = []
    for role in ROLE_ORDER:
        rows = contacts(scope, role)
        people += [ContactPerson(role, r.name, r.title, r.office_phone, r.mobile) for r in rows] or [
            ContactPerson(role)]
    office = scope.session.scalars(select(m.OfficeContact).where(m.OfficeContact.plan_id == scope.plan.id)
                                   .order_by(m.OfficeContact.ordinal))
    label, title = _label_and_title(scope, FormKind.CONTACTS)
    return ContactsFormContent(
        plan_key=scope.plan.key, unit=scope.unit.name, people=tuple(people), label=label, title=title,
        office_contacts=tuple(OfficeContactInfo(r.name, r.office_phone, r.mobile) for r in office))


def _progress_rows(scope: Scope, ids: list[int], quarter: int) -> dict[int, fm.ProgressRow]:
    if quarter < 1:
        return {}
    query = select(fm.ProgressRow).where(fm.ProgressRow.unit_id == scope.unit.id, fm.ProgressRow.quarter == quarter,
                                         fm.ProgressRow.item_id.in_(ids))
    return {row.item_id: row for row in scope.session.scalars(query)}


def progress_content(scope: Scope, quarter: int) -> ProgressFormContent:
    items = _items(scope)
    ids = [row[0] for row in items]
    rows, before = _progress_rows(scope, ids, quarter), _progress_rows(scope, ids, quarter - 1)
    entries = _entries_by_item(scope, ids)
    head = header(scope, FormKind.PROGRESS, quarter, create=False)
    plan_head = header(scope, FormKind.PLAN, 0, create=False)
    # The same 主要负责人 signs every form unless the quarter's report names someone else.
    principal = (head.principal if head else "") or (plan_head.principal if plan_head else "")
    label, title = _label_and_title(scope, FormKind.PROGRESS, quarter)
    quarter_end = 3 * quarter
    built = []
    for item_id, key, part, number, text, part_title in items:
        row, work = rows.get(item_id), entries.get(item_id, [])
        dated = [w for w in work if w.period is not None]
        built.append(ProgressFormItem(
            key=key, part=part, number=number, text=text, part_title=part_title,
            progress=row.progress if row else "", figure=row.figure if row else "",
            status=ProgressStatus(row.status) if row and row.status else None,
            previous=before[item_id].progress if item_id in before else "",
            due_entries=tuple(w for w in dated if w.period.last_month() <= quarter_end),
            ongoing_entries=tuple(w for w in dated if w.period.last_month() > quarter_end
                                  and (w.period.start or 1) <= quarter_end),
            targets=find_targets(text)))
    return ProgressFormContent(plan_key=scope.plan.key, unit=scope.unit.name, quarter=quarter, principal=principal,
                               items=tuple(built), print_status=bool(head and head.print_status),
                               label=label, title=title)


# ---- writing a whole form ------------------------------------------------------------------------------------------

def _check(problems: list[str], where: str, check: Callable, value: object) -> object:  # noqa: ANN401
    try:
        return check(value)
    except v.InvalidValue as error:
        problems.append(f"{where}：{error}")
        return None


def _unknown_items(scope: Scope, keys: list[str]) -> list[str]:
    problems = [f"事项 {key} 不是{scope.unit.name}牵头的事项，不能填写。" for key in keys if key not in scope.led]
    seen: set[str] = set()
    problems += [f"事项 {key} 出现了不止一次。" for key in keys if key in seen or seen.add(key)]
    return problems


def replace(scope: Scope, content: object) -> list[str]:
    if isinstance(content, PlanFormContent):
        return _replace_plan(scope, content)
    if isinstance(content, ContactsFormContent):
        return _replace_contacts(scope, content)
    return _replace_progress(scope, content)


def _replace_plan(scope: Scope, content: PlanFormContent) -> list[str]:
    problems = _unknown_items(scope, [item.key for item in content.items])
    principal = _check(problems, "主要负责人", v.check_short_text, content.principal)
    clean = []
    for item in content.items:
        leader = _check(problems, f"{item.key} 分管领导", v.check_short_text, item.leader)
        department = _check(problems, f"{item.key} 责任部门", v.check_short_text, item.department)
        entries = [(_check(problems, f"{item.key} 第{i + 1}条具体工作内容", v.check_long_text, entry.content),
                    _check(problems, f"{item.key} 第{i + 1}条完成时间", v.check_period, entry.period))
                   for i, entry in enumerate(item.entries)]
        clean.append((item.key, leader, department, entries))
    if problems:
        return problems
    ids = list(scope.led.values())
    scope.session.execute(delete(fm.WorkEntryRow).where(fm.WorkEntryRow.unit_id == scope.unit.id,
                                                        fm.WorkEntryRow.item_id.in_(ids)))
    scope.session.execute(delete(fm.ItemOwner).where(fm.ItemOwner.unit_id == scope.unit.id,
                                                     fm.ItemOwner.item_id.in_(ids)))
    header(scope, FormKind.PLAN, 0, create=True).principal = principal
    for key, leader, department, entries in clean:
        item_id = scope.led[key]
        scope.session.add(fm.ItemOwner(item_id=item_id, unit_id=scope.unit.id, leader=leader, department=department))
        for ordinal, (text, period) in enumerate(entries):
            scope.session.add(fm.WorkEntryRow(
                item_id=item_id, unit_id=scope.unit.id, ordinal=ordinal, content=text,
                period_kind=period.kind.value if period else None, period_start=period.start if period else None,
                period_end=period.end if period else None))
    return []


def _replace_contacts(scope: Scope, content: ContactsFormContent) -> list[str]:
    problems: list[str] = []
    rows = []
    for role in ROLE_ORDER:
        people = [p for p in content.people if p.role is role]
        if len(people) > max_people(role):
            problems.append(f"{ROLE_NAMES[role]}最多填写 {max_people(role)} 人，收到 {len(people)} 人。")
        for ordinal, person in enumerate(people):
            place = ROLE_NAMES[role] + (f"{ordinal + 1}" if len(people) > 1 else "")
            values = {name: _check(problems, f"{place}{_FIELD_NAMES[name]}", check, getattr(person, name))
                      for name, check in CONTACT_CHECKS.items()}
            rows.append(fm.ContactRow(plan_id=scope.plan.id, unit_id=scope.unit.id, role=role.value,
                                      ordinal=ordinal, **values))
    if problems:
        return problems
    scope.session.execute(delete(fm.ContactRow).where(fm.ContactRow.plan_id == scope.plan.id,
                                                      fm.ContactRow.unit_id == scope.unit.id))
    scope.session.add_all(rows)
    return []


_FIELD_NAMES = {"name": "姓名", "title": "职务", "office_phone": "办公电话", "mobile": "手机"}


def _replace_progress(scope: Scope, content: ProgressFormContent) -> list[str]:
    problems = _unknown_items(scope, [item.key for item in content.items])
    quarter = _check(problems, "季度", v.check_quarter, content.quarter)
    principal = _check(problems, "主要负责人", v.check_short_text, content.principal)
    clean = []
    for item in content.items:
        status = item.status.value if item.status else ""
        values = {name: _check(problems, f"{item.key} {label}", PROGRESS_CHECKS[name], value)
                  for name, label, value in (("progress", "完成情况", item.progress), ("status", "进度", status),
                                             ("figure", "完成数", item.figure))}
        clean.append((item.key, values))
    if problems:
        return problems
    scope.session.execute(delete(fm.ProgressRow).where(
        fm.ProgressRow.unit_id == scope.unit.id, fm.ProgressRow.quarter == quarter,
        fm.ProgressRow.item_id.in_(list(scope.led.values()))))
    head = header(scope, FormKind.PROGRESS, quarter, create=True)
    head.principal, head.print_status = principal, bool(content.print_status)
    for key, values in clean:
        scope.session.add(fm.ProgressRow(item_id=scope.led[key], unit_id=scope.unit.id, quarter=quarter,
                                         progress=values["progress"], status=values["status"] or None,
                                         figure=values["figure"]))
    return []
