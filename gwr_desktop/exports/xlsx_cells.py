"""One sheet's cells as plain data — (text, style) per cell, merged ranges, row heights — with exactly the
styles openpyxl's own API gives them; xlsx_save writes them.

Why not openpyxl Cells: building a Cell, a MergedCell, a merged range or a row dimension goes through
openpyxl's validating descriptors (tens of µs each), and `Worksheet.merge_cells` re-borders its range cell by
cell. For an 800-row 附表1 (≈4,000 cells, 600 merges) that cost several times what writing the same texts
through bare openpyxl costs. A cell's style is only a row of indices (openpyxl's StyleArray), so each distinct
change — a text in a font, alignment and border; a border; a merge of one shape — goes through the public API
once, on a scratch sheet holding the cells it touches, and every later change of that kind gets a copy of the
resulting styles. Cells are never written over a merged range (our layouts never do).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import copy
from typing import Protocol

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.worksheet import Worksheet

MAX_ROW = 1048576  # Excel's last row; openpyxl's cell() refuses rows beyond it
MAX_TEXT = 32767  # Excel's longest cell text; openpyxl cuts a longer one there
# openpyxl's ILLEGAL_CHARACTERS_RE, and what lxml refuses beyond it
_REFUSED = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[\ufffe\uffff\ud800-\udfff]")
Coord = tuple[int, int]  # (row, column), both from 1
Bounds = tuple[int, int, int, int]  # (first row, first column, last row, last column)
Entry = tuple[str | None, StyleArray]  # a cell's text (None: empty) and style
_StyleKey = tuple[int, ...] | None  # a style's indices (None: no cell there)


class CellSink(Protocol):
    """What the .xlsx renderer writes cells through: SheetCells, or openpyxl's plain API (the tests' reference)."""

    sheet: Worksheet

    def text(self, row: int, column: int, text: str, font: Font, alignment: Alignment,
             border: Border | None = None) -> None: ...

    def border(self, row: int, column: int, border: Border) -> None: ...

    def merge(self, bounds: Bounds, border: Border | None = None) -> None: ...

    def height(self, row: int, points: float) -> None: ...


class SheetCells:
    """The cells, merges and row heights of one sheet, styled as openpyxl's API would style them."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet  # the sheet saved; columns, print set-up and the rest are set on it directly
        self.cells: dict[Coord, Entry] = {}
        self.heights: dict[int, float] = {}  # row → height in points
        # a set, as openpyxl keeps merged ranges (and writes them in the set's order)
        self.merges: set[Bounds] = set()
        self._scratch = Worksheet(sheet.parent)  # never added to the workbook; its styles are the workbook's
        self._texts: dict[tuple[tuple[int, int, int], _StyleKey], StyleArray] = {}
        self._borders: dict[tuple[int, _StyleKey], StyleArray] = {}
        self._merged: dict[tuple[int, int, int, _StyleKey, _StyleKey], list[StyleArray]] = {}
        self._objects: list[object] = []  # style objects whose ids key the caches: an id is never reused

    def text(self, row: int, column: int, text: str, font: Font, alignment: Alignment,
             border: Border | None = None) -> None:
        """A string cell (never a formula, whatever it starts with) in this font, alignment and border. Reuse
        the style objects: kinds are told apart by identity, which is what makes this fast."""
        key = ((id(font), id(alignment), id(border)), _style_key(self.cells.get((row, column))))
        known = self._texts.get(key) if row <= MAX_ROW else None
        if known is not None:
            self.cells[(row, column)] = (checked(text), known)
            return
        self._objects.append((font, alignment, border))
        self._through_openpyxl([(row, column)], lambda sheet: _write(sheet, row, column, text,
                                                                     (font, alignment, border)))
        self._texts[key] = self.cells[(row, column)][1]

    def border(self, row: int, column: int, border: Border) -> None:
        """Give a cell this border, keeping the rest of its style."""
        before = self.cells.get((row, column))
        key = (id(border), _style_key(before))
        known = self._borders.get(key)
        if known is not None:
            self.cells[(row, column)] = (before[0] if before else None, known)
            return
        self._objects.append(border)
        self._through_openpyxl([(row, column)], lambda sheet: setattr(sheet.cell(row, column), "border", border))
        self._borders[key] = self.cells[(row, column)][1]

    def merge(self, bounds: Bounds, border: Border | None = None) -> None:
        """Border every cell of the range (when a border is given), then merge it as Worksheet.merge_cells does.
        What that leaves depends only on the shape, the border and the first and last cells' styles before:
        merge_cells replaces every other cell of the range."""
        first_row, first_col, last_row, last_col = bounds
        coords = [(r, c) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)]
        start = self.cells.get(coords[0])
        key = (last_row - first_row, last_col - first_col, id(border), _style_key(start),
               _style_key(self.cells.get(coords[-1])))
        known = self._merged.get(key)
        if known is None:
            self._objects.append(border)
            self._through_openpyxl(coords, lambda sheet: _merge(sheet, bounds, coords, border))
            self._merged[key] = [self.cells[coord][1] for coord in coords]
        else:
            self.cells[coords[0]] = (start[0] if start else None, known[0])
            self.cells.update((coord, (None, style)) for coord, style in zip(coords[1:], known[1:], strict=True))
        self.merges.add(bounds)

    def height(self, row: int, points: float) -> None:
        self.heights[row] = points

    def _through_openpyxl(self, coords: list[Coord], change: Callable[[Worksheet], object]) -> None:
        """Make the change through openpyxl on the scratch sheet holding these cells as they are, and keep
        what it leaves there."""
        scratch = self._scratch
        for coord in coords:
            if coord in self.cells:
                scratch._cells[coord] = _cell(scratch, coord, self.cells[coord])
        try:
            change(scratch)
            for coord in coords:
                cell = scratch._cells.get(coord)
                if cell is not None:
                    self.cells[coord] = (_text_of(cell), copy(_style_of(cell)))
        finally:  # a refused text leaves nothing behind for the next change
            scratch._cells.clear()
            scratch.merged_cells.ranges.clear()


def checked(text: str) -> str:
    """The text as openpyxl's Cell.value keeps it (cut at Excel's limit, control characters refused); refused
    too what lxml would refuse when saving it (U+FFFE, U+FFFF, a lone surrogate). text_clean takes all of
    these out of an exported layout before it gets here."""
    text = text[:MAX_TEXT]
    if _REFUSED.search(text):  # one scan for the usual, clean text
        if ILLEGAL_CHARACTERS_RE.search(text):
            raise IllegalCharacterError(f"{text} cannot be used in worksheets.")
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return text


def _write(sheet: Worksheet, row: int, column: int, text: str, style: tuple[Font, Alignment, Border | None]) -> None:
    cell = sheet.cell(row=row, column=column, value=text)  # given a value, openpyxl's cell() sets it
    cell.data_type = "s"  # "=SUM(A1)" typed by a user stays text
    font, alignment, border = style
    cell.font = font
    cell.alignment = alignment
    if border is not None:
        cell.border = border


def _merge(sheet: Worksheet, bounds: Bounds, coords: list[Coord], border: Border | None) -> None:
    for row, column in coords:
        if border is not None:
            sheet.cell(row=row, column=column).border = border
    first_row, first_col, last_row, last_col = bounds
    sheet.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)


def _style_key(entry: Entry | None) -> _StyleKey:
    return tuple(entry[1]) if entry is not None else None


def _cell(sheet: Worksheet, coord: Coord, entry: Entry) -> Cell:
    """A cell as openpyxl holds it: a text cell has data type "s" after `cell.value = text; data_type = "s"`."""
    text, style = entry
    cell = Cell(sheet, row=coord[0], column=coord[1], style_array=style)
    if text is not None:
        cell._value, cell.data_type = text, "s"  # type: ignore[attr-defined]  # private, missing from the stubs
    return cell


# openpyxl's private value and StyleArray of a cell (in its __slots__), which types-openpyxl does not declare.
def _text_of(cell: object) -> str | None:
    return cell._value  # type: ignore[attr-defined]


def _style_of(cell: object) -> StyleArray:
    return cell._style  # type: ignore[attr-defined]
