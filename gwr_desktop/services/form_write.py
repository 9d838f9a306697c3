"""Writing a whole form at once (the `fill` command's path): everything checked first, then one replace.

The form's head row is locked before its rows are deleted and written again, so concurrent fills of one form
follow each other: the form ends up equal to one of the files, never to a mix of them.
"""

from __future__ import annotations

from sqlalchemy import delete

from gwr_desktop.domain.form_defs import FormDefinition, Level
from gwr_desktop.domain.forms import FormContent
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services.form_apply import checked
from gwr_desktop.services.form_scope import Scope, lock_form, new_row, store_values, valid_quarter
from gwr_desktop.storage import form_models as fm

Placed = tuple[str, Level, dict[str, str]]  # (anchor, level, values) in order


def replace_form(scope: Scope, content: FormContent) -> list[str]:
    """Make the stored form equal to `content`; the problems when it cannot (then nothing is written)."""
    definition = scope.definition(content.kind)
    problems: list[str] = []
    try:
        quarter = valid_quarter(content.kind, content.quarter, definition)
    except ValueError as error:
        return [str(error)]
    header = _header(definition, content, problems)
    placed = _roster(definition, content, problems) if content.kind is FormKind.CONTACTS else \
        _items(scope, definition, content, problems)
    if problems:
        return problems
    head = lock_form(scope, definition.kind, quarter)
    store_values(head, header)
    head.print_optional = bool(content.print_optional)
    scope.session.execute(delete(fm.FormRow).where(
        fm.FormRow.plan_id == scope.plan.id, fm.FormRow.unit_id == scope.unit.id,
        fm.FormRow.kind == definition.kind.value, fm.FormRow.quarter == quarter))
    ordinals: dict[tuple[str, Level], int] = {}
    for anchor, level, values in placed:
        row = new_row(scope, definition.kind, quarter, anchor, level, values)
        row.ordinal = ordinals.get((anchor, level), 0)
        ordinals[(anchor, level)] = row.ordinal + 1
        scope.session.add(row)
    scope.session.flush()
    return []


def _value(problems: list[str], where: str, field, value: object) -> str:  # noqa: ANN001 - Field
    try:
        return checked(where, field, value)
    except ValueError as error:
        problems.append(str(error))
        return ""


def _header(definition: FormDefinition, content: FormContent, problems: list[str]) -> dict[str, str]:
    from gwr_desktop.domain.form_defs import Field

    return {spec.key: _value(problems, spec.display_name, Field(spec.key, spec.display_name, spec.kind),
                             content.header.get(spec.key, ""))
            for spec in definition.editable_header_fields()}


def _items(scope: Scope, definition: FormDefinition, content: FormContent, problems: list[str]) -> list[Placed]:
    seen: set[str] = set()
    placed: list[Placed] = []
    for item in content.items:
        if item.key not in scope.led:
            problems.append(f"事项 {item.key} 不是{scope.unit.name}牵头的事项，不能填写。")
            continue
        if item.key in seen:
            problems.append(f"事项 {item.key} 出现了不止一次。")
        seen.add(item.key)
        placed.append((item.key, Level.ITEM, {f.key: _value(problems, f"{item.key} {f.label}", f, item.get(f.key))
                                              for f in definition.fields_at(Level.ITEM)}))
        if definition.kind is not FormKind.PLAN:
            continue
        if len(item.entries) > definition.max_entries:
            problems.append(f"事项 {item.key} 有 {len(item.entries)} 条工作内容，最多 {definition.max_entries} 条。")
            continue
        for n, entry in enumerate(item.entries):
            placed.append((item.key, Level.ENTRY, {
                f.key: _value(problems, f"{item.key} 第{n + 1}条{f.label}", f, entry.get(f.key))
                for f in definition.fields_at(Level.ENTRY)}))
    return placed


def _roster(definition: FormDefinition, content: FormContent, problems: list[str]) -> list[Placed]:
    placed: list[Placed] = []
    known = {spec.key for spec in definition.rows}
    problems += [f"{definition.label}没有责任人“{p.role}”。" for p in content.people if p.role not in known]
    for spec in definition.rows:
        people = content.of_role(spec.key)
        if len(people) > spec.max:
            problems.append(f"{spec.label}最多填写 {spec.max} 人，收到 {len(people)} 人。")
            continue
        for n, person in enumerate(people):
            place = spec.label + (f"{n + 1}" if len(people) > 1 else "")
            placed.append((spec.key, Level.PERSON, {f.key: _value(problems, f"{place}{f.label}", f, person.get(f.key))
                                                    for f in definition.fields_at(Level.PERSON)}))
    return placed
