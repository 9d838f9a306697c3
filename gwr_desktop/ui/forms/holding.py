"""How a form table keeps edits it could not save (held.py) in their cells, and maps cells to stable keys.

Mixed into FormTableModel: it uses the model's rows, columns, pending texts and signals, and `execute` to commit
a held edit again (用我的 / 重试). Conflicts reload the table first, so the cell's tooltip and the editor's bar
can show the other person's text beside the officer's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from gwr_desktop.domain.form_defs import Level
from gwr_desktop.services import form_edits as e
from gwr_desktop.ui.forms.held import CONFLICT, UNSAVED, CellKey, Held, HeldEdits, fresh

if TYPE_CHECKING:
    from gwr_desktop.ui.forms.base_model import RowSpec
    from gwr_desktop.ui.forms.columns import EditorColumn


class HoldingMixin:
    rows: list[RowSpec]
    columns: list[EditorColumn]
    pending: dict[tuple[int, int], tuple[str, str]]
    held: HeldEdits
    dataChanged: Any  # noqa: N815 - the model's Qt signals
    refused: Any
    held_changed: Any

    if TYPE_CHECKING:  # provided by FormTableModel / QAbstractTableModel
        def execute(self, edits: Sequence[e.Edit], label: str, *, refuse_at: tuple[int, int] | None = None,
                    typed: str = "") -> bool: ...
        def reload_quietly(self) -> bool: ...
        def column_of(self, key: str) -> int: ...
        def row_of_key(self, key: tuple) -> int: ...
        def index(self, row: int, column: int, /, parent: QModelIndex | QPersistentModelIndex = ...) -> QModelIndex: ...
    # ---- held edits: conflicts and failures, with the typed text kept --------------------------------------
    def _hold(self, held: Held, cell: tuple[int, int] | None, typed: str) -> None:
        if held.reason == CONFLICT:
            self.reload_quietly()  # the other person's text and the new stamps
        texts = self._held_cells(held, cell, typed)
        held.cells = [self.cell_key(*c) for c in texts]
        for c, text in texts.items():
            self.pending[c] = (text, held.message)
            self.dataChanged.emit(self.index(*c), self.index(*c))
        self.held.add(held)
        self.held_changed.emit()
        self.refused.emit(QModelIndex(), held.message)

    def _held_cells(self, held: Held, cell: tuple[int, int] | None, typed: str) -> dict[tuple[int, int], str]:
        if cell is not None and self._valid(*cell):
            return {cell: typed}
        found: dict[tuple[int, int], str] = {}
        if held.conflicts:
            for conflict in held.conflicts:
                place = self.cell_of_ref(conflict.row, conflict.key) if conflict.row else None
                if place is not None:
                    found[place] = conflict.mine
            return found
        for edit in held.edits:
            if isinstance(edit, e.SetValue) and (place := self.cell_of_ref(edit.row, edit.key)) is not None:
                found[place] = edit.value
        return found

    def resolve(self, held: Held, *, keep_mine: bool) -> bool:
        """用我的 / 重试 (keep_mine) or 用对方的 / 放弃: the held edits are committed again, or dropped."""
        self.held.remove(held)
        cells = [c for key in held.cells if (c := self.cell_of(key)) is not None]
        for c in cells:
            self.pending.pop(c, None)
            self.dataChanged.emit(self.index(*c), self.index(*c))
        self.held_changed.emit()
        if not keep_mine:
            return True
        edits = fresh(held.edits) if held.reason == CONFLICT else held.edits  # a retry keeps what it saw
        first = cells[0] if cells else None
        typed = self.pending_text_of(held, first)
        return self.execute(edits, held.label, refuse_at=first, typed=typed)

    def pending_text_of(self, held: Held, cell: tuple[int, int] | None) -> str:
        if cell is None:
            return ""
        for edit in held.edits:
            if isinstance(edit, e.SetValue) and self.cell_of_ref(edit.row, edit.key) == cell:
                return edit.value
        return held.mine

    def retry_unsaved(self) -> None:
        """The server is back: commit what was typed meanwhile, in order (conflicts still show as conflicts)."""
        if not self.reload_quietly():
            return
        for held in list(self.held.unsaved()):
            if not self.resolve(held, keep_mine=True):
                latest = self.held.latest()
                if latest is not None and latest.reason == UNSAVED:
                    return  # failed again: leave the rest for the next attempt

    def _held_text(self, cell: tuple[int, int]) -> str | None:
        if cell in self.pending and self.held.at(self.cell_key(*cell)) is not None:
            return self.pending[cell][0]
        return None

    # ---- cells by stable keys ------------------------------------------------------------------------------
    def _valid(self, row: int, column: int) -> bool:
        return 0 <= row < len(self.rows) and 0 <= column < len(self.columns)

    def cell_key(self, row: int, column: int) -> CellKey:
        return self.rows[row].key, self.columns[column].key

    def cell_of(self, key: CellKey) -> tuple[int, int] | None:
        column = self.column_of(key[1])
        row = self.row_of_key(key[0])
        return (row, column) if row >= 0 and column >= 0 else None

    def cell_of_ref(self, ref: e.RowRef, key: str) -> tuple[int, int] | None:
        """The cell an edit's row and column key are shown in (None: not shown, e.g. an entry beyond the last)."""
        column = self.column_of(key)
        for n, spec in enumerate(self.rows):
            if spec.person is not None and (spec.person.role, spec.index) == (ref.anchor, ref.index):
                return (n, column) if column >= 0 else None
            if spec.item is not None and spec.item.key == ref.anchor:
                entry = ref.index if ref.level is Level.ENTRY else 0
                if spec.entry == entry:
                    return (n, column) if column >= 0 else None
        return None
