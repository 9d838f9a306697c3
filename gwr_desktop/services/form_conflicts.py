"""No lost update: an edit made on what the editor showed is refused when someone else changed it since.

The editor reads its form together with the *stamps* of what it shows (each stored row's id, version and values,
`read_stamps`), and every edit it commits carries what it saw there (`form_edits.Seen`, attached by `with_seen`).
Inside the writing transaction — after the form's head row is locked, so no other writer of the form runs
meanwhile — the handlers of form_apply.py ask here where the edit lands now and whether it still may:

- an edit follows its row by id, not by position: an entry someone inserted above does not make it land on
  the wrong row; a row someone deleted is a conflict;
- a row whose version moved on is a conflict only where the cell's text differs from both what the editor saw
  and what was typed (someone else changed another column of the row: both changes are kept);
- a cell that had no row when read, and has someone else's text now, is a conflict too.

A conflict is raised as `FormConflictError` (a FormInputError: nothing of the edits was written), carrying the
other person's text and the officer's own for each place, so the editor can show both and offer 用我的 / 用对方的.
Version numbers are those of SQLAlchemy's version_id_col (storage/form_models.py).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.form_scope import FormInputError, Scope, find_head, values_of
from gwr_desktop.storage import form_models as fm

DELETED = "（此行已被他人删除）"
Place = tuple[str, str, int]  # (anchor, level value, index)


@dataclass(frozen=True)
class Stamp:
    row_id: int
    version: int
    values: dict[str, str]


@dataclass(frozen=True)
class FormStamps:
    """What an editor read: the head row and each stored row by place; absent places had no row."""

    head: Stamp | None = None
    rows: dict[Place, Stamp] = field(default_factory=dict)


@dataclass(frozen=True)
class Conflict:
    where: str  # "二-5 第2条具体工作内容", "主要负责人"
    mine: str  # what the officer typed (never lost: the editor keeps it)
    theirs: str  # what the other person committed
    row: e.RowRef | None = None  # None: a value above the table
    key: str = ""


class FormConflictError(FormInputError):
    """Someone else changed what these edits were made on; nothing was written."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = list(conflicts)
        super().__init__([conflict_message(c) for c in self.conflicts])


def conflict_message(conflict: Conflict) -> str:
    return (f"{conflict.where}刚被他人修改，您的修改没有保存（仍留在单元格中）。"
            f"对方的内容：“{conflict.theirs or '（空）'}”；您输入的：“{conflict.mine or '（空）'}”。"
            "请选择“用我的”或“用对方的”。")


# ---- what the editor read ---------------------------------------------------------------------------------------

def read_stamps(scope: Scope, kind: FormKind, quarter: int, anchors: Collection[str] | None = None) -> FormStamps:
    """The stamps of one form (of the rows of `anchors` only, when given), in the order form_read lays out its
    rows (by anchor, level, ordinal)."""
    from sqlalchemy import select

    head = find_head(scope, kind, quarter)
    query = (select(fm.FormRow).where(fm.FormRow.plan_id == scope.plan.id, fm.FormRow.unit_id == scope.unit.id,
                                      fm.FormRow.kind == kind.value, fm.FormRow.quarter == quarter)
             .order_by(fm.FormRow.anchor, fm.FormRow.level, fm.FormRow.ordinal))
    if anchors is not None:
        query = query.where(fm.FormRow.anchor.in_(list(anchors)))
    rows: dict[Place, Stamp] = {}
    counts: dict[tuple[str, str], int] = {}
    for row in scope.session.scalars(query):
        index = counts.get((row.anchor, row.level), 0)
        counts[(row.anchor, row.level)] = index + 1
        rows[(row.anchor, row.level, index)] = Stamp(row.id, row.version, values_of(row))
    return FormStamps(_stamp(head), rows)


def merge_stamps(shown: FormStamps, fresh: FormStamps, anchors: Collection[str]) -> FormStamps:
    """The stamps after re-reading only `anchors` and the head: theirs from `fresh`, every other row's kept."""
    rows = {place: stamp for place, stamp in shown.rows.items() if place[0] not in anchors}
    rows.update((place, stamp) for place, stamp in fresh.rows.items() if place[0] in anchors)
    return FormStamps(fresh.head, rows)


def _stamp(row: fm.FormHead | fm.FormRow | None) -> Stamp | None:
    return None if row is None else Stamp(row.id, row.version, values_of(row))


def with_seen(stamps: FormStamps, edit: e.Edit) -> e.Edit:
    """The edit carrying what the editor saw where it lands (unchanged when it already carries it)."""
    if getattr(edit, "seen", "n/a") is not None:
        return edit  # has its own (undo/redo), or is an edit that needs none (insert, print option)
    if isinstance(edit, e.SetHeader):
        head = stamps.head
        return replace(edit, seen=e.Seen(head.row_id, head.version, head.values.get(edit.key, "")) if head
                       else e.Seen())
    assert isinstance(edit, e.SetValue | e.DeleteRow | e.MoveRow)
    stamp = stamps.rows.get((edit.row.anchor, edit.row.level.value, edit.row.index))
    if stamp is None:
        return replace(edit, seen=e.Seen())
    value = stamp.values.get(edit.key, "") if isinstance(edit, e.SetValue) else ""
    return replace(edit, seen=e.Seen(stamp.row_id, stamp.version, value))


# ---- inside the writing transaction ---------------------------------------------------------------------------

def locate(rows: list[fm.FormRow], index: int, seen: e.Seen | None, *, where: str, key: str = "",
           mine: str = "", row: e.RowRef | None = None) -> int:
    """Where the edit lands now (the position of the row it saw); raises FormConflictError when it may not."""
    if seen is None:
        return index
    if seen.row_id is None:  # no row when read: someone may have made one since
        if key and index < len(rows):
            _check_text(rows[index], seen, where=where, key=key, mine=mine, ref=row)
        return index
    position = next((n for n, candidate in enumerate(rows) if candidate.id == seen.row_id), None)
    if position is None:
        raise FormConflictError([Conflict(where, mine, DELETED, row, key)])
    if key:
        _check_text(rows[position], seen, where=where, key=key, mine=mine, ref=row)
    elif seen.version is not None and rows[position].version != seen.version:
        theirs = "；".join(v for v in values_of(rows[position]).values() if v)
        raise FormConflictError([Conflict(where, mine, theirs, row, key)])
    return position


def check_head(head: fm.FormHead, seen: e.Seen | None, *, where: str, key: str, mine: str) -> None:
    if seen is not None:
        _check_text(head, seen, where=where, key=key, mine=mine, ref=None)


def _check_text(stored: fm.FormRow | fm.FormHead, seen: e.Seen, *, where: str, key: str, mine: str,
                ref: e.RowRef | None) -> None:
    if seen.version is not None and stored.version == seen.version:
        return  # unchanged since it was read
    theirs = values_of(stored).get(key, "")
    if theirs not in (seen.value, mine):
        raise FormConflictError([Conflict(where, mine, theirs, ref, key)])


def seen_after(row_id: int | None, written: str) -> e.Seen:
    """What an undo must find to apply: the text this edit wrote (its row's new version is not known yet)."""
    return e.Seen(row_id, None, written)

