"""Fast styled cells and merges for openpyxl, with exactly the styles the plain API would give.

Why: openpyxl registers a style by hashing it on every assignment (`Serialisable.__hash__` walks every field
of a Font, Alignment or Border), and `merge_cells` checks the new range against every range merged before and
then re-adds borders and protection cell by cell. For a 200-item 附表1 (≈4,000 cells, 600 merges) that was
seconds. A cell's style is only a row of indices (openpyxl's StyleArray), so each distinct kind of cell goes
through the public API once, and every later cell of that kind gets a copy of the resulting array — the way
openpyxl itself copies cell styles. Merges of one shape likewise: the first goes through `merge_cells`, the
rest copy the style arrays it produced, cell for cell.
"""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

MAX_ROW = 1048576  # Excel's last row
_MergeKey = tuple[int, int, int, tuple[int, ...] | None, tuple[int, ...] | None]


class _KnownMergedRange(MergedCellRange):
    """A merged range whose cells were already styled as MergedCellRange would style them: skips the border
    bookkeeping of MergedCellRange.__init__ (its result is copied in by CellStyler.merge)."""

    def __init__(self, sheet: Worksheet, bounds: tuple[int, int, int, int], start_cell: Cell | MergedCell) -> None:
        first_row, first_col, last_row, last_col = bounds
        CellRange.__init__(self, min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row)
        self.ws, self.start_cell = sheet, start_cell


class CellStyler:
    """Writes text cells and merges into one sheet, registering each distinct style only once."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self._new_cells: dict[tuple[int, int, int], StyleArray] = {}  # ids of (font, alignment, border) → style
        self._cell_styles: dict[tuple, StyleArray] = {}  # (change, style before) → StyleArray after
        self._merge_styles: dict[_MergeKey, list[StyleArray]] = {}  # shape → StyleArrays in row-major order
        self._objects: list[object] = []  # a stored id must not be reused by another object later

    def text(self, row: int, column: int, text: str, font: Font, alignment: Alignment,
             border: Border | None = None) -> Cell:
        """A string cell (never a formula) in the given font, alignment and border (reuse the style objects:
        they are told apart by identity, which is what makes this fast)."""
        sheet, kind = self.sheet, (id(font), id(alignment), id(border))
        new = (row, column) not in sheet._cells and 0 < row <= MAX_ROW  # beyond: openpyxl's cell() says so
        known = self._new_cells.get(kind) if new else None
        if known is not None:  # a new cell of a known kind: the value bound as cell.value binds it
            cell = Cell(sheet, row=row, column=column, value=text, style_array=known)
            cell.data_type = "s"
            sheet._add_cell(cell)  # type: ignore[attr-defined]  # what cell() does; missing from the stubs
            return cell
        cell = sheet.cell(row=row, column=column, value=text)  # given a value, openpyxl's cell() sets it
        cell.data_type = "s"
        self._style(cell, (font, alignment, border), lambda: _apply(cell, font, alignment, border))
        if new:
            self._new_cells[kind] = copy(_style_of(cell))
        return cell

    def border(self, row: int, column: int, border: Border) -> Cell | MergedCell:
        """Give a cell this border, keeping the rest of its style (a merge continuation before the merge)."""
        cell = self.sheet.cell(row=row, column=column)
        self._style(cell, ("border", border), lambda: setattr(cell, "border", border))
        return cell

    def _style(self, cell: Cell | MergedCell, change: tuple, apply) -> None:  # noqa: ANN001 - a no-argument callable
        # The same change to a differently styled cell gives another result, so the cell's style is in the key.
        key = (tuple(id(part) for part in change), _array_key(cell))
        known = self._cell_styles.get(key)
        if known is None:
            self._objects.append(change)
            apply()
            self._cell_styles[key] = copy(_style_of(cell))
        else:
            _set_style(cell, copy(known))

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int, border: Border | None = None) -> None:
        """Border every cell of the range (when a border is given), then merge it as Worksheet.merge_cells does;
        ranges must not overlap (our layouts never do). What merging leaves depends only on the shape, the
        border and the first and last cells' styles before: merge_cells replaces every other cell."""
        sheet = self.sheet
        start, end = sheet._cells.get((first_row, first_col)), sheet._cells.get((last_row, last_col))
        key = (last_row - first_row, last_col - first_col, id(border), _array_key(start), _array_key(end))
        coords = [(r, c) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)]
        known = self._merge_styles.get(key)
        if known is None:
            self._objects.append(border)
            for row, column in coords:
                if border is not None:
                    self.border(row, column, border)
            sheet.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)
            self._merge_styles[key] = [copy(_style_of(sheet._cells[coord])) for coord in coords]
            return
        start = start if start is not None else sheet.cell(row=first_row, column=first_col)
        sheet.merged_cells.ranges.add(_KnownMergedRange(sheet, (first_row, first_col, last_row, last_col), start))
        _set_style(start, copy(known[0]))
        for (row, column), style in zip(coords[1:], known[1:], strict=True):
            cell = MergedCell(sheet, row=row, column=column)
            _set_style(cell, copy(style))
            sheet._cells[(row, column)] = cell


def _apply(cell: Cell, font: Font, alignment: Alignment, border: Border | None) -> None:
    cell.font = font
    cell.alignment = alignment
    if border is not None:
        cell.border = border


def _array_key(cell: Cell | MergedCell | None) -> tuple[int, ...] | None:
    """A cell's style indices as a dict key; None for a missing or never styled cell."""
    style = _style_of(cell) if cell is not None else None
    return tuple(style) if style is not None else None


# openpyxl's private StyleArray of a cell (in its __slots__), which types-openpyxl does not declare.
def _style_of(cell: Cell | MergedCell) -> StyleArray:
    return cell._style  # type: ignore[union-attr]  # private slot missing from the stubs


def _set_style(cell: Cell | MergedCell, style: StyleArray) -> None:
    cell._style = style  # type: ignore[union-attr]  # private slot missing from the stubs
