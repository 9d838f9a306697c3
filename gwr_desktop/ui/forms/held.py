"""Edits a form table holds because they could not be saved: a conflict with someone else's commit, or a database
that failed (a lost server, a busy or read-only file). The typed text stays in its cells (the model's pending
texts, marked 未保存 or 冲突), and the edits stay here until the officer decides or the server is back:

- a conflict: 用我的 (commit again, on what is stored now) or 用对方的 (drop mine; the cell shows theirs);
- a failure: 重试 (commit again as typed, still checked against what was seen then) or 放弃; after a lost server
  comes back, every held failure is retried by itself, in the order it was typed.

Cells are named by stable keys (the row's RowSpec key and the column key), not by position, so they survive a
reload that adds or removes rows (someone else's new work entry).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from gwr_desktop.services import form_edits as e
from gwr_desktop.services.form_content import Conflict

CellKey = tuple[tuple, str]  # (RowSpec.key, column key)
CONFLICT, UNSAVED = "conflict", "unsaved"


@dataclass
class Held:
    edits: list[e.Edit]
    label: str
    reason: str  # CONFLICT or UNSAVED
    message: str
    cells: list[CellKey] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    retried_when_back: bool = False  # the server was unreachable: saved by itself when it is back

    @property
    def mine(self) -> str:
        return "；".join(c.mine for c in self.conflicts if c.mine) or _typed(self.edits)

    @property
    def theirs(self) -> str:
        return "；".join(c.theirs for c in self.conflicts if c.theirs)


def _typed(edits: list[e.Edit]) -> str:
    return "；".join(edit.value for edit in edits if isinstance(edit, e.SetValue | e.SetHeader) and edit.value)


def fresh(edits: list[e.Edit]) -> list[e.Edit]:
    """The edits without what they saw: 用我的 applies them on what is stored now (the model attaches it again)."""
    return [replace(edit, seen=None) if isinstance(edit, _SEEING) and edit.seen is not None else edit
            for edit in edits]


_SEEING = (e.SetValue, e.DeleteRow, e.MoveRow, e.SetHeader)  # the edits that carry what they saw


class HeldEdits:
    def __init__(self) -> None:
        self.items: list[Held] = []

    def add(self, held: Held) -> None:
        # A new attempt at the same cells replaces the older one (typed again, or retried).
        self.items = [h for h in self.items if not set(h.cells) & set(held.cells) or not held.cells]
        self.items.append(held)

    def remove(self, held: Held) -> None:
        if held in self.items:
            self.items.remove(held)

    def latest(self) -> Held | None:
        return self.items[-1] if self.items else None

    def unsaved(self) -> list[Held]:
        return [h for h in self.items if h.reason == UNSAVED]

    def at(self, cell: CellKey) -> Held | None:
        return next((h for h in reversed(self.items) if cell in h.cells), None)

    def clear(self) -> None:
        self.items.clear()
