"""Building form contents from storage (reading only; whole-form writes are in form_write.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select

from gwr_desktop.domain.form_defs import FormDefinition, Level, ValueKind
from gwr_desktop.domain.forms import FormContent, FormItem, Guidance, Person, WorkEntry
from gwr_desktop.domain.periods import PeriodError, read_period
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.plan import OfficeContact as OfficeContactInfo
from gwr_desktop.domain.targets import find_targets
from gwr_desktop.services.form_scope import Scope, find_head, valid_quarter, values_of
from gwr_desktop.storage import form_models as fm
from gwr_desktop.storage import models as m

RowValues = dict[tuple[str, str], list[dict[str, str]]]  # (anchor, level) → values of each row, in order


Keys = Collection[str] | None  # only these led items (an editor re-reading what it just changed); None: all


def load(scope: Scope, kind: FormKind, quarter: int | None = None, keys: Keys = None) -> FormContent:
    """The form; with `keys`, only those of its items (the header and the roster are always whole)."""
    definition = scope.definition(kind)
    if definition.kind is FormKind.CONTACTS:
        return contacts_content(scope, definition)
    if definition.kind is FormKind.PLAN:
        return plan_content(scope, definition, keys)
    return progress_content(scope, definition, valid_quarter(kind, quarter, definition), keys)


def _items(scope: Scope, keys: Keys = None) -> list[tuple[str, str, int, str, str, str]]:
    """(key, part numeral, number, text, part title, printed number) of the led items, in the plan's order."""
    ids = list((scope.led if keys is None else scope.led_of(keys)).values())
    if not ids:
        return []
    query = (select(m.Item.key, m.PlanPart.numeral, m.Item.number, m.Item.text, m.PlanPart.title, m.Item.label)
             .join(m.PlanPart, m.PlanPart.id == m.Item.part_id).where(m.Item.id.in_(ids)).order_by(m.Item.position))
    return [(key, numeral, number, text, title, label)
            for key, numeral, number, text, title, label in scope.session.execute(query)]


def _rows(scope: Scope, kind: FormKind, quarter: int, keys: Keys = None) -> RowValues:
    found: RowValues = defaultdict(list)
    query = (select(fm.FormRow).where(fm.FormRow.plan_id == scope.plan.id, fm.FormRow.unit_id == scope.unit.id,
                                      fm.FormRow.kind == kind.value, fm.FormRow.quarter == quarter)
             .order_by(fm.FormRow.anchor, fm.FormRow.level, fm.FormRow.ordinal))
    if keys is not None:
        query = query.where(fm.FormRow.anchor.in_(list(keys)))
    for row in scope.session.scalars(query):
        found[(row.anchor, row.level)].append(values_of(row))
    return found


def _head(scope: Scope, kind: FormKind, quarter: int) -> tuple[dict[str, str], bool]:
    """The values above the table (only the fields the definition still has) and the print option."""
    head = find_head(scope, kind, quarter)
    definition = scope.definitions.get(kind)
    keys = [spec.key for spec in definition.editable_header_fields()] if definition else []
    stored = values_of(head)
    return {key: stored.get(key, "") for key in keys}, bool(head and head.print_optional)


def _first(rows: RowValues, anchor: str, level: Level) -> dict[str, str]:
    found = rows.get((anchor, level.value))
    return found[0] if found else {}


def plan_content(scope: Scope, definition: FormDefinition, keys: Keys = None) -> FormContent:
    rows = _rows(scope, FormKind.PLAN, 0, keys)
    header, print_optional = _head(scope, FormKind.PLAN, 0)
    items = tuple(FormItem(key=key, part=part, number=number, text=text, part_title=title,
                           values=_first(rows, key, Level.ITEM),
                           entries=tuple(WorkEntry(v) for v in rows.get((key, Level.ENTRY.value), ())), label=label)
                  for key, part, number, text, title, label in _items(scope, keys))
    return FormContent(definition=definition, plan_key=scope.plan.key, unit=scope.unit.name, header=header,
                       items=items, print_optional=print_optional)


def contacts_content(scope: Scope, definition: FormDefinition) -> FormContent:
    rows = _rows(scope, FormKind.CONTACTS, 0)
    header, print_optional = _head(scope, FormKind.CONTACTS, 0)
    people: list[Person] = []
    for spec in definition.rows:
        stored = [Person(spec.key, values) for values in rows.get((spec.key, Level.PERSON.value), ())]
        people += stored + [Person(spec.key)] * (max(spec.min, 1) - len(stored))  # a role always shows its rows
    office = scope.session.scalars(select(m.OfficeContact).where(m.OfficeContact.plan_id == scope.plan.id)
                                   .order_by(m.OfficeContact.ordinal))
    return FormContent(definition=definition, plan_key=scope.plan.key, unit=scope.unit.name, header=header,
                       people=tuple(people), print_optional=print_optional,
                       office_contacts=tuple(OfficeContactInfo(r.name, r.office_phone, r.mobile) for r in office))


def progress_content(scope: Scope, definition: FormDefinition, quarter: int, keys: Keys = None) -> FormContent:
    rows, before = _rows(scope, FormKind.PROGRESS, quarter, keys), _rows(scope, FormKind.PROGRESS, quarter - 1, keys)
    header, print_optional = _head(scope, FormKind.PROGRESS, quarter)
    # The same 主要负责人 signs every form unless the quarter's report names someone else.
    plan_header, _ = _head(scope, FormKind.PLAN, 0)
    header = {spec.key: header.get(spec.key) or plan_header.get(spec.key, "")
              for spec in definition.editable_header_fields()}
    guidance = _guidance(scope, quarter, keys)
    items = []
    for key, part, number, text, title, label in _items(scope, keys):
        due, ongoing = guidance.get(key, ((), ()))
        items.append(FormItem(key=key, part=part, number=number, text=text, part_title=title,
                              values=_first(rows, key, Level.ITEM), previous=_first(before, key, Level.ITEM),
                              due_entries=due, ongoing_entries=ongoing, targets=find_targets(text), label=label))
    return FormContent(definition=definition, plan_key=scope.plan.key, unit=scope.unit.name, quarter=quarter,
                       header=header, items=tuple(items), print_optional=print_optional)


def _guidance(scope: Scope, quarter: int,
              keys: Keys = None) -> dict[str, tuple[tuple[Guidance, ...], tuple[Guidance, ...]]]:
    """Per item, the plan form's work due by the quarter's end and the work started but due later."""
    plan_form = scope.definitions.get(FormKind.PLAN)
    if plan_form is None:
        return {}
    periods = plan_form.fields_of_kind(ValueKind.PERIOD, Level.ENTRY)
    texts = [f for f in plan_form.fields_at(Level.ENTRY) if f.kind in (ValueKind.LONG_TEXT, ValueKind.TEXT)]
    if not periods:
        return {}
    end, found = 3 * quarter, {}
    for (anchor, level), entries in _rows(scope, FormKind.PLAN, 0, keys).items():
        if level != Level.ENTRY.value:
            continue
        due, ongoing = [], []
        for values in entries:
            period = _reading(values.get(periods[0].key, ""))
            if period is None:
                continue
            shown = Guidance("；".join(values[f.key] for f in texts if values.get(f.key)), values[periods[0].key])
            if period.last_month(scope.plan.year) <= end:
                due.append(shown)
            elif period.first_month(scope.plan.year) <= end:
                ongoing.append(shown)
        found[anchor] = (tuple(due), tuple(ongoing))
    return found


def _reading(text: str):  # noqa: ANN202 - WorkPeriod | None
    try:
        return read_period(text)
    except PeriodError:
        return None  # stored before a rule changed: shown in the form, left out of the guidance
