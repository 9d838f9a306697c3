"""Read and change what a unit typed into its forms. Every change is one committed transaction.

Editors, the command line and the exporters all go through here. Each public edit function validates first
(raising FormInputError with a Chinese reason, writing nothing), commits, and emits one Change("forms", ...).
`apply_edits` is the general form: it returns the edits that undo what it did, for an undo stack.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from sqlalchemy.orm import Session

from gwr_desktop.domain.form_defs import FormDefinition, Level, ValueKind, quarter_label
from gwr_desktop.domain.forms import FormContent
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.safety.backup import BackupError, backup_before
from gwr_desktop.services import form_edits as e
from gwr_desktop.services import form_read
from gwr_desktop.services.catalogue import find_unit, plan_row
from gwr_desktop.services.database import Database, DatabaseReadOnlyError
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_apply import FormInputError, Scope, apply
from gwr_desktop.services.form_conflicts import Conflict, FormConflictError, FormStamps, read_stamps
from gwr_desktop.services.form_write import replace_form

__all__ = ["Conflict", "FormConflictError", "FormInputError", "FormContent", "FormStamps", "load_content",
           "load_for_editing", "load_stamps", "apply_edits", "replace_content",
           "copy_previous_quarter", "definitions", "set_value", "set_header"]


def open_scope(session: Session, plan_key: str, unit: str) -> Scope:
    return Scope(session, plan_row(session, plan_key), find_unit(session, unit))


def definitions(db: Database, plan_key: str) -> dict[FormKind, FormDefinition]:
    """The plan's forms in label order: a form the plan does not have is absent."""
    from gwr_desktop.services.form_definitions import plan_definitions

    with db.reading() as session:
        return plan_definitions(session, plan_row(session, plan_key))


def load_content(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None, *,
                 items: Collection[str] | None = None) -> FormContent:
    """The form as it stands: led items in the plan's order, empty rows where nothing is typed yet.

    With `items`, only those led items (keys the unit does not lead are left out) and the header: what an
    editor re-reads after committing a change to them, instead of the whole form."""
    kind = FormKind(kind)
    with db.reading() as session:
        scope = open_scope(session, plan_key, unit)
        return _read(scope, kind, quarter, items)


def load_for_editing(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None, *,
                     items: Collection[str] | None = None) -> tuple[FormContent, FormStamps]:
    """The form and the stamps of what it shows, read together: an editor's edits carry them (with_seen), so a
    commit on something someone else changed since is refused as a FormConflictError instead of overwriting.

    With `items`, only those items and the header, and the stamps of their rows (see load_content)."""
    kind = FormKind(kind)
    with db.reading() as session:
        scope = open_scope(session, plan_key, unit)
        content = _read(scope, kind, quarter, items)
        return content, read_stamps(scope, kind, content.quarter or 0, items)


def _read(scope: Scope, kind: FormKind, quarter: int | None, items: Collection[str] | None) -> FormContent:
    if kind is FormKind.PROGRESS and quarter is None:
        raise FormInputError(f"{scope.definition(kind).display_name}需要指定季度（1～4）。")
    return form_read.load(scope, kind, quarter, items)


def load_stamps(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int = 0) -> FormStamps:
    """Only the stamps of a form (one query): enough to commit on what is stored now."""
    with db.reading() as session:
        scope = open_scope(session, plan_key, unit)
        return read_stamps(scope, FormKind(kind), quarter)


def apply_edits(db: Database, plan_key: str, unit: str, edits: Sequence[e.Edit], *,
                also: Callable[[Session], None] | None = None) -> list[e.Edit]:
    """Apply the edits in order as one transaction; return the edits that undo them (already in undo order).

    `also` runs in the same transaction after the edits: a caller's own record of them (a contribution merged
    into a cell records where it came from), committed with them or not at all."""
    if not edits:
        return []
    with db.transaction() as session:
        scope = open_scope(session, plan_key, unit)
        inverses = []
        for edit in edits:
            inverses.append(apply(scope, edit))
            session.flush()
        if also is not None:
            also(session)
        unit_name = scope.unit.name
    db.hub.emit(Change("forms", plan_key, unit_name, {"kind": FormKind(edits[0].kind).value, "edits": len(edits)}))
    return inverses[::-1]


def set_value(db: Database, plan_key: str, unit: str, kind: FormKind, row: e.RowRef, key: str, value: str,
              quarter: int = 0) -> list[e.Edit]:
    """One table value: an item's (row=e.item(key)), a work entry's (e.entry(key, n)) or a person's."""
    return apply_edits(db, plan_key, unit, [e.SetValue(FormKind(kind), quarter, row, key, value)])


def set_header(db: Database, plan_key: str, unit: str, kind: FormKind, key: str, value: str,
               quarter: int = 0) -> list[e.Edit]:
    """A value above a form's table (主要负责人 …)."""
    return apply_edits(db, plan_key, unit, [e.SetHeader(FormKind(kind), quarter, key, value)])


def copy_previous_quarter(db: Database, plan_key: str, unit: str, quarter: int, *,
                          overwrite: bool = False) -> list[e.Edit]:
    """Start this quarter's 完成情况 from last quarter's text (only where this quarter is empty, unless asked)."""
    if quarter == 1:
        raise FormInputError("前1季度之前没有可沿用的完成情况。")
    content = load_content(db, plan_key, unit, FormKind.PROGRESS, quarter)
    keys = [f.key for f in content.definition.fields_of_kind(ValueKind.LONG_TEXT, Level.ITEM)]
    edits: list[e.Edit] = [
        e.SetValue(FormKind.PROGRESS, quarter, e.item(item.key), key, item.previous[key])
        for item in content.items for key in keys
        if item.previous.get(key) and (overwrite or not item.get(key)) and item.previous[key] != item.get(key)]
    if not edits:
        raise FormInputError(f"{quarter_label(quarter - 1)}没有可沿用的文字（或本季度已填写）。")
    return apply_edits(db, plan_key, unit, edits)


# ---- a whole form at once ----------------------------------------------------------------------------------------

_backed_up: set[str] = set()


def replace_content(db: Database, content: FormContent, *, backup: bool = False) -> None:
    """Make the stored form equal to `content` (used by `fill`). Everything is checked first; all or nothing.

    With `backup`, the first replace of this session on a database takes a verified backup before writing.
    """
    if db.read_only is not None:  # say why nothing can be saved, before a backup that could not be made either
        raise DatabaseReadOnlyError(db.read_only)
    if backup and db.url not in _backed_up:
        try:
            backup_before(db.url, "fill")
        except BackupError as error:
            raise FormInputError(f"填写前无法备份当前数据，为安全起见没有填写，这次的操作没有生效：{error}") from error
        _backed_up.add(db.url)
    with db.transaction() as session:
        scope = open_scope(session, content.plan_key, content.unit)
        problems = replace_form(scope, content)
        if problems:
            raise FormInputError(problems)
        unit_name = scope.unit.name
    db.hub.emit(Change("forms", content.plan_key, unit_name, {"kind": content.kind.value, "replaced": True}))
