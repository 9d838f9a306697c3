"""Read and change what a unit typed into its three forms. Every change is one committed transaction.

Editors, the command line and the exporters all go through here. Each public edit function validates first
(raising FormInputError with a Chinese reason, writing nothing), commits, and emits one Change("forms", ...).
`apply_edits` is the general form: it returns the edits that undo what it did, for an undo stack.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.forms import (
    ContactPerson,
    ContactRole,
    ContactsFormContent,
    PlanFormContent,
    ProgressFormContent,
    WorkEntry,
    WorkPeriod,
)
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_edits as e
from gwr_desktop.services import form_read
from gwr_desktop.services.catalogue import find_unit, plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_apply import FormInputError, Scope, apply

__all__ = ["FormInputError", "load_content", "apply_edits", "replace_content", "copy_previous_quarter"]

FormContent = PlanFormContent | ContactsFormContent | ProgressFormContent


def open_scope(session: Session, plan_key: str, unit: str) -> Scope:
    return Scope(session, plan_row(session, plan_key), find_unit(session, unit))


def load_content(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None) -> FormContent:
    """The form as it stands: led items in the plan's order, empty rows where nothing is typed yet."""
    kind = FormKind(kind)
    if kind is FormKind.PROGRESS and quarter is None:
        raise FormInputError("完成情况（附表3）需要指定季度（1～4）。")
    with db.reading() as session:
        scope = open_scope(session, plan_key, unit)
        if kind is FormKind.PLAN:
            return form_read.plan_content(scope)
        if kind is FormKind.CONTACTS:
            return form_read.contacts_content(scope)
        return form_read.progress_content(scope, form_read.valid_quarter(quarter))


def apply_edits(db: Database, plan_key: str, unit: str, edits: Sequence[e.Edit]) -> list[e.Edit]:
    """Apply the edits in order as one transaction; return the edits that undo them (already in undo order)."""
    if not edits:
        return []
    with db.transaction() as session:
        scope = open_scope(session, plan_key, unit)
        inverses = []
        for edit in edits:
            inverses.append(apply(scope, edit))
            session.flush()
        unit_name = scope.unit.name
    db.hub.emit(Change("forms", plan_key, unit_name, {"kind": _kind_of(edits[0]), "edits": len(edits)}))
    return inverses[::-1]


def _kind_of(edit: e.Edit) -> str:
    if isinstance(edit, e.SetContactField | e.InsertContact | e.DeleteContact):
        return FormKind.CONTACTS.value
    if isinstance(edit, e.SetProgress | e.SetPrintStatus) or (isinstance(edit, e.SetPrincipal) and edit.quarter):
        return FormKind.PROGRESS.value
    return FormKind.PLAN.value


# ---- fine-grained edits (one transaction each) -----------------------------------------------------------------

def set_entry_text(db: Database, plan_key: str, unit: str, item_key: str, index: int, text: str) -> list[e.Edit]:
    return apply_edits(db, plan_key, unit, [e.SetEntryText(item_key, index, text)])


def set_entry_period(db: Database, plan_key: str, unit: str, item_key: str, index: int,
                     period: WorkPeriod | str | None) -> list[e.Edit]:
    return apply_edits(db, plan_key, unit, [e.SetEntryPeriod(item_key, index, period)])


def insert_entry(db: Database, plan_key: str, unit: str, item_key: str, index: int,
                 entry: WorkEntry | None = None) -> list[e.Edit]:
    entry = entry or WorkEntry("")
    return apply_edits(db, plan_key, unit, [e.InsertEntry(item_key, index, entry.content, entry.period)])


def delete_entry(db: Database, plan_key: str, unit: str, item_key: str, index: int) -> list[e.Edit]:
    return apply_edits(db, plan_key, unit, [e.DeleteEntry(item_key, index)])


def move_entry(db: Database, plan_key: str, unit: str, item_key: str, index: int, to: int) -> list[e.Edit]:
    return apply_edits(db, plan_key, unit, [e.MoveEntry(item_key, index, to)])


def set_item_field(db: Database, plan_key: str, unit: str, item_key: str, field: str, value: str) -> list[e.Edit]:
    """附表1 分管领导 (field "leader") or 责任部门 ("department")."""
    return apply_edits(db, plan_key, unit, [e.SetItemField(item_key, field, value)])


def set_principal(db: Database, plan_key: str, unit: str, value: str, quarter: int = 0) -> list[e.Edit]:
    """主要负责人 of 附表1 (quarter 0) or of one quarter's 附表3."""
    return apply_edits(db, plan_key, unit, [e.SetPrincipal(quarter, value)])


def set_print_status(db: Database, plan_key: str, unit: str, quarter: int, value: bool) -> list[e.Edit]:
    return apply_edits(db, plan_key, unit, [e.SetPrintStatus(quarter, value)])


def set_contact_field(db: Database, plan_key: str, unit: str, role: ContactRole, index: int, field: str,
                      value: str) -> list[e.Edit]:
    return apply_edits(db, plan_key, unit, [e.SetContactField(ContactRole(role), index, field, value)])


def add_handler(db: Database, plan_key: str, unit: str, index: int | None = None,
                person: ContactPerson | None = None) -> list[e.Edit]:
    """One more 经办人, at the end unless an index is given."""
    if index is None:
        index = len(load_content(db, plan_key, unit, FormKind.CONTACTS).of_role(ContactRole.HANDLER))
    return apply_edits(db, plan_key, unit, [e.InsertContact(ContactRole.HANDLER, index, person)])


def remove_handler(db: Database, plan_key: str, unit: str, index: int) -> list[e.Edit]:
    return apply_edits(db, plan_key, unit, [e.DeleteContact(ContactRole.HANDLER, index)])


def set_progress(db: Database, plan_key: str, unit: str, quarter: int, item_key: str, field: str,
                 value: str) -> list[e.Edit]:
    """附表3 完成情况 (field "progress"), status ("status": 已完成/序时推进/滞后/未启动 or "") or figure."""
    return apply_edits(db, plan_key, unit, [e.SetProgress(quarter, item_key, field, value)])


def copy_previous_quarter(db: Database, plan_key: str, unit: str, quarter: int, *,
                          overwrite: bool = False) -> list[e.Edit]:
    """Start this quarter's 完成情况 from last quarter's text (only where this quarter is empty, unless asked)."""
    if quarter == 1:
        raise FormInputError("前1季度之前没有可沿用的完成情况。")
    content = load_content(db, plan_key, unit, FormKind.PROGRESS, quarter)
    edits = [e.SetProgress(quarter, item.key, "progress", item.previous) for item in content.items
             if item.previous and (overwrite or not item.progress) and item.previous != item.progress]
    if not edits:
        raise FormInputError(f"{quarter_label(quarter - 1)}没有可沿用的文字（或本季度已填写）。")
    return apply_edits(db, plan_key, unit, edits)


# ---- a whole form at once ----------------------------------------------------------------------------------------

def replace_content(db: Database, content: FormContent) -> None:
    """Make the stored form equal to `content` (used by `fill`). Everything is checked first; all or nothing."""
    kind = FormKind.PLAN if isinstance(content, PlanFormContent) else (
        FormKind.CONTACTS if isinstance(content, ContactsFormContent) else FormKind.PROGRESS)
    with db.transaction() as session:
        scope = open_scope(session, content.plan_key, content.unit)
        problems = form_read.replace(scope, content)
        if problems:
            raise FormInputError(problems)
        unit_name = scope.unit.name
    db.hub.emit(Change("forms", content.plan_key, unit_name, {"kind": kind.value, "replaced": True}))

