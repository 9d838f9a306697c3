"""The edits a unit can make to its forms, as small values: applied in one transaction, each returns its inverse.

An editor's undo stack keeps (edits, inverses) pairs; undo applies the inverses through the same path, so an
undone edit is committed like any other. Every edit names its form (kind and quarter, 0 when the form has
none) and, for table values, its row: the anchor (an item key or a roster role), the level (the item's own
values, one of its work entries, one person) and the index. Indexes run 0..n-1 in storage; an index equal
to the count means "one more at the end". Value keys are the plan's column keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gwr_desktop.domain.form_defs import Level
from gwr_desktop.domain.plan import FormKind


@dataclass(frozen=True)
class Seen:
    """What the editor showed where an edit lands, when it was read: the stored row's id and version (None: no row
    was stored there), and the cell's text. With it an edit is refused as a conflict, rather than overwriting,
    when someone else changed that text since (services/form_conflicts.py); an edit without it writes as it is.
    A version of None compares the text only (undo and redo, which know what they wrote, not its version)."""

    row_id: int | None = None
    version: int | None = None
    value: str = ""


@dataclass(frozen=True)
class RowRef:
    anchor: str  # item key "二-5" or roster role "handler"
    level: Level = Level.ITEM
    index: int = 0


@dataclass(frozen=True)
class SetValue:
    kind: FormKind
    quarter: int
    row: RowRef
    key: str
    value: str
    seen: Seen | None = None


@dataclass(frozen=True)
class InsertRow:
    """A new work entry or person at row.index (later ones move down), with its values."""

    kind: FormKind
    quarter: int
    row: RowRef
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DeleteRow:
    kind: FormKind
    quarter: int
    row: RowRef
    seen: Seen | None = None


@dataclass(frozen=True)
class MoveRow:
    kind: FormKind
    quarter: int
    row: RowRef
    to: int
    seen: Seen | None = None


@dataclass(frozen=True)
class SetHeader:
    """A value above the table (主要负责人 …) of one form."""

    kind: FormKind
    quarter: int
    key: str
    value: str
    seen: Seen | None = None


@dataclass(frozen=True)
class SetPrintOptional:
    """Whether the optional columns (附表3 进度, 完成数) are printed."""

    kind: FormKind
    quarter: int
    value: bool


Edit = SetValue | InsertRow | DeleteRow | MoveRow | SetHeader | SetPrintOptional


def entry(key: str, index: int) -> RowRef:
    """The index-th work entry of an item."""
    return RowRef(key, Level.ENTRY, index)


def item(key: str) -> RowRef:
    """An item's own values (附表1 分管领导, 附表3 完成情况)."""
    return RowRef(key, Level.ITEM, 0)


def person(role: str, index: int) -> RowRef:
    return RowRef(role, Level.PERSON, index)
