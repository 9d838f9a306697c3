"""Applying one edit inside an open transaction: validate the value, write it, return the edit that undoes it.

Which columns exist, what kind of value each holds and what it is called in messages all come from the plan's
form definition; the form's head row is locked before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gwr_desktop.domain import validation as v
from gwr_desktop.domain.form_defs import LEVELS, Field, FormDefinition, Level
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_conflicts as conflicts
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.form_scope import (
    FormInputError,
    Scope,
    arrange,
    lock_form,
    new_row,
    rows_at,
    store_values,
    valid_quarter,
    values_of,
)
from gwr_desktop.storage import form_models as fm

__all__ = ["FormInputError", "Scope", "apply", "checked", "place_name"]


def apply(scope: Scope, edit: e.Edit) -> e.Edit:
    return _HANDLERS[type(edit)](scope, edit)


def checked(where: str, field: Field, value: object) -> str:
    try:
        return v.check_value(field.kind, value)
    except v.InvalidValue as error:
        raise FormInputError(f"{where}：{error}") from error


def place_name(definition: FormDefinition, row: e.RowRef, count: int = 1) -> str:
    """How messages name a row: "二-5 第2条", "二-5", "经办人2"."""
    if row.level is Level.ENTRY:
        return f"{row.anchor} 第{row.index + 1}条"
    if row.level is Level.PERSON:
        spec = definition.role(row.anchor)
        label = spec.label if spec else row.anchor
        return f"{label}{row.index + 1}" if count > 1 else label
    return row.anchor


def _open(scope: Scope, kind: FormKind, quarter: int, row: e.RowRef) -> tuple[FormDefinition, int]:
    """The definition and stored quarter of an edit's form, after checking the row can exist; then the lock."""
    definition = scope.definition(kind)
    quarter = valid_quarter(kind, quarter, definition)
    if row.level not in LEVELS[definition.kind]:
        raise FormInputError(f"{definition.label}没有这一层级的内容。")
    if row.level is Level.PERSON:
        if definition.role(row.anchor) is None:
            roles = "、".join(f"{r.key}（{r.label}）" for r in definition.rows)
            raise FormInputError(f"{definition.label}没有责任人“{row.anchor}”，应为 {roles}。")
    else:
        scope.check_item(row.anchor)
    lock_form(scope, definition.kind, quarter)
    return definition, quarter


def _field(definition: FormDefinition, key: str, level: Level) -> Field:
    found = definition.field(key, level)
    if found is None:
        raise FormInputError(f"{definition.label}没有“{key}”这一栏。")
    return found


def _limit(definition: FormDefinition, row: e.RowRef) -> int:
    if row.level is Level.ENTRY:
        return definition.max_entries
    spec = definition.role(row.anchor)
    return spec.max if spec else 1


def _too_many(definition: FormDefinition, row: e.RowRef) -> FormInputError:
    if row.level is Level.ENTRY:
        return FormInputError(f"事项 {row.anchor} 最多填写 {definition.max_entries} 条工作内容。")
    return FormInputError(f"{place_name(definition, row)}最多填写 {_limit(definition, row)} 人。")


def _missing(definition: FormDefinition, row: e.RowRef) -> FormInputError:
    if row.level is Level.ENTRY:
        return FormInputError(f"事项 {row.anchor} 没有第{row.index + 1}条工作内容。")
    return FormInputError(f"{place_name(definition, row)}没有第{row.index + 1}人。")


# ---- values -------------------------------------------------------------------------------------------------

def _set_value(scope: Scope, edit: e.SetValue) -> e.Edit:
    definition, quarter = _open(scope, edit.kind, edit.quarter, edit.row)
    field = _field(definition, edit.key, edit.row.level)
    rows = rows_at(scope, definition.kind, quarter, edit.row.anchor, edit.row.level)
    where = f"{place_name(definition, edit.row, len(rows))}{field.label}"
    value = checked(where, field, edit.value)
    index = 0 if edit.row.level is Level.ITEM else edit.row.index
    index = conflicts.locate(rows, index, edit.seen, where=where, key=edit.key, mine=value, row=edit.row)
    landed = replace(edit.row, index=index) if edit.row.level is not Level.ITEM else edit.row
    if index == len(rows) and (edit.row.level is Level.ITEM or index < _limit(definition, edit.row)):
        rows.append(new_row(scope, definition.kind, quarter, edit.row.anchor, edit.row.level, {edit.key: value}))
        arrange(scope.session, rows)
        if edit.row.level is Level.ITEM:
            return e.SetValue(edit.kind, quarter, edit.row, edit.key, "", conflicts.seen_after(None, value))
        return e.DeleteRow(edit.kind, quarter, landed)
    if index == len(rows) and index > 0:
        raise _too_many(definition, edit.row)
    if not 0 <= index < len(rows):
        raise _missing(definition, edit.row)
    values = values_of(rows[index])
    old = values.get(edit.key, "")
    store_values(rows[index], values | {edit.key: value})
    return e.SetValue(edit.kind, quarter, landed, edit.key, old, conflicts.seen_after(rows[index].id, value))


def _checked_values(definition: FormDefinition, row: e.RowRef, values: dict[str, str]) -> dict[str, str]:
    where = place_name(definition, row, 2 if row.level is Level.PERSON else 1)
    return {key: checked(f"{where}{_field(definition, key, row.level).label}", _field(definition, key, row.level),
                         value) for key, value in values.items()}


def _insert_row(scope: Scope, edit: e.InsertRow) -> e.Edit:
    definition, quarter = _open(scope, edit.kind, edit.quarter, edit.row)
    if edit.row.level is Level.ITEM:
        raise FormInputError(f"{definition.label}的事项行不能插入或删除。")
    values = _checked_values(definition, edit.row, edit.values)
    rows = rows_at(scope, definition.kind, quarter, edit.row.anchor, edit.row.level)
    limit = _limit(definition, edit.row)
    if len(rows) >= limit:
        raise _too_many(definition, edit.row)
    if not 0 <= edit.row.index < limit or (edit.row.level is Level.ENTRY and edit.row.index > len(rows)):
        raise FormInputError(f"{place_name(definition, edit.row)}：不能插入到第{edit.row.index + 1}行。")
    while len(rows) < edit.row.index:  # people shown empty before it become real, empty rows
        rows.append(new_row(scope, definition.kind, quarter, edit.row.anchor, edit.row.level))
    rows.insert(edit.row.index, new_row(scope, definition.kind, quarter, edit.row.anchor, edit.row.level, values))
    arrange(scope.session, rows)
    return e.DeleteRow(edit.kind, quarter, edit.row)


def _delete_row(scope: Scope, edit: e.DeleteRow) -> e.Edit:
    definition, quarter = _open(scope, edit.kind, edit.quarter, edit.row)
    rows = rows_at(scope, definition.kind, quarter, edit.row.anchor, edit.row.level)
    index = conflicts.locate(rows, edit.row.index, edit.seen, where=place_name(definition, edit.row), row=edit.row)
    if edit.row.level is Level.ITEM or not 0 <= index < len(rows):
        raise _missing(definition, edit.row)
    row = rows.pop(index)
    undo = e.InsertRow(edit.kind, quarter, replace(edit.row, index=index), values_of(row))
    scope.session.delete(row)
    scope.session.flush()
    arrange(scope.session, rows)
    return undo


def _move_row(scope: Scope, edit: e.MoveRow) -> e.Edit:
    definition, quarter = _open(scope, edit.kind, edit.quarter, edit.row)
    rows = rows_at(scope, definition.kind, quarter, edit.row.anchor, edit.row.level)
    index = conflicts.locate(rows, edit.row.index, edit.seen, where=place_name(definition, edit.row), row=edit.row)
    if not (0 <= index < len(rows) and 0 <= edit.to < len(rows)):
        raise FormInputError(f"{place_name(definition, edit.row)}不能移到第{edit.to + 1}条。")
    moved = rows.pop(index)
    rows.insert(edit.to, moved)
    arrange(scope.session, rows)
    return e.MoveRow(edit.kind, quarter, e.RowRef(edit.row.anchor, edit.row.level, edit.to), index,
                     e.Seen(moved.id) if edit.seen is not None else None)


# ---- the head: values above the table, print options ---------------------------------------------------------

def _head(scope: Scope, kind: FormKind, quarter: int) -> tuple[FormDefinition, int, fm.FormHead]:
    definition = scope.definition(kind)
    quarter = valid_quarter(kind, quarter, definition)
    return definition, quarter, lock_form(scope, definition.kind, quarter)


def _set_header(scope: Scope, edit: e.SetHeader) -> e.Edit:
    definition, quarter, head = _head(scope, edit.kind, edit.quarter)
    spec = next((f for f in definition.editable_header_fields() if f.key == edit.key), None)
    if spec is None:
        raise FormInputError(f"{definition.label}的表头没有“{edit.key}”。")
    value = checked(spec.display_name, Field(spec.key, spec.display_name, spec.kind), edit.value)
    conflicts.check_head(head, edit.seen, where=spec.display_name, key=edit.key, mine=value)
    values = values_of(head)
    old = values.get(edit.key, "")
    store_values(head, values | {edit.key: value})
    return e.SetHeader(edit.kind, quarter, edit.key, old, conflicts.seen_after(head.id, value))


def _set_print_optional(scope: Scope, edit: e.SetPrintOptional) -> e.Edit:
    _definition, quarter, head = _head(scope, edit.kind, edit.quarter)
    old, head.print_optional = head.print_optional, bool(edit.value)
    return e.SetPrintOptional(edit.kind, quarter, old)


_HANDLERS: dict[type, Callable] = {
    e.SetValue: _set_value, e.InsertRow: _insert_row, e.DeleteRow: _delete_row, e.MoveRow: _move_row,
    e.SetHeader: _set_header, e.SetPrintOptional: _set_print_optional,
}
