"""Saving a workbook whose sheet's cells are kept in a SheetCells (xlsx_cells) rather than as openpyxl Cells.

openpyxl's writer serialises each cell through nested lxml context managers and looks its style up again
(≈10 µs a cell): for an 800-row 附表1 that was as long as building the cells. Here openpyxl writes the sheet
with an empty <sheetData> — sheet properties, dimension, views, columns, merged ranges, print set-up, header
and footer all by its own code — and the rows are put in between as text, row by row into the package, in
the very bytes openpyxl's lxml writer gives the same cells: ASCII with character references, the same
escapes, the same attribute order (tests/exports/test_xlsx_save.py compares every part of the package, and
every character's escape with lxml's). Styles, workbook, defined names and properties: openpyxl, unchanged.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import BytesIO
from itertools import groupby
from operator import itemgetter
from typing import IO
from zipfile import ZIP_DEFLATED, ZipFile

from lxml.etree import Element, SubElement
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import RowDimension, SheetDimension
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from gwr_desktop.exports.xlsx_cells import Coord, SheetCells

_EMPTY_ROWS = b"<sheetData></sheetData>"  # how openpyxl's xmlfile writes a sheetData holding nothing
_ROWS_PER_WRITE = 256  # rows encoded and compressed together: the sheet's text is never held whole


def save_workbook(workbook: Workbook, cells: SheetCells, target: str | IO[bytes]) -> None:
    """openpyxl's save_workbook, with the cells of `cells.sheet` written from `cells`."""
    with ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        workbook.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        _BookWriter(workbook, archive, cells).save()


class _BookWriter(ExcelWriter):
    def __init__(self, workbook: Workbook, archive: ZipFile, cells: SheetCells) -> None:
        super().__init__(workbook, archive)
        self.cells = cells

    def write_worksheet(self, ws: Worksheet) -> None:
        """ExcelWriter.write_worksheet for a workbook that is not write-only, the rows put in from SheetCells."""
        if ws is not self.cells.sheet:
            super().write_worksheet(ws)
            return
        ws._drawing = SpreadsheetDrawing()  # type: ignore[attr-defined]  # openpyxl's own attributes,
        ws._drawing.charts = ws._charts  # type: ignore[attr-defined]  # missing from the stubs
        ws._drawing.images = ws._images  # type: ignore[attr-defined]
        writer = _SheetWriter(ws, self.cells)
        writer.write()
        ws._rels = writer._rels  # type: ignore[attr-defined]
        head, tail = _around_rows(writer.read())
        with self._archive.open(ws.path[1:], "w") as part:  # type: ignore[attr-defined]
            part.write(head)
            for chunk in RowsXml(self.cells).chunks():
                part.write(chunk)
            part.write(tail)
        self.manifest.append(ws)


def _around_rows(xml: bytes) -> tuple[bytes, bytes]:
    """The sheet's XML before and after its rows (inside <sheetData>)."""
    head, found, tail = xml.partition(_EMPTY_ROWS)
    assert found and _EMPTY_ROWS not in tail, "openpyxl wrote one empty sheetData"
    return head + b"<sheetData>", b"</sheetData>" + tail


class _SheetWriter(WorksheetWriter):
    """WorksheetWriter writing into memory, with the dimension and merged ranges of a SheetCells and no rows."""

    def __init__(self, ws: Worksheet, cells: SheetCells) -> None:
        super().__init__(ws, out=BytesIO())
        self.cells = cells

    def write_dimensions(self) -> None:
        coords = self.cells.cells.keys()
        if not coords:
            self.xf.send(SheetDimension("A1:A1").to_tree())
            return
        rows, columns = {r for r, _ in coords}, {c for _, c in coords}
        self.xf.send(SheetDimension(f"{get_column_letter(min(columns))}{min(rows)}:"
                                    f"{get_column_letter(max(columns))}{max(rows)}").to_tree())

    def write_rows(self) -> None:
        """An empty sheetData, written as WorksheetWriter.write_rows writes it; write_worksheet fills it."""
        xf = self.xf.send(True)
        assert xf is not None, "WorksheetWriter's stream hands out its xmlfile when sent True"
        with xf.element("sheetData"):
            pass
        self.xf.send(None)

    def write_merged_cells(self) -> None:
        merges = self.cells.merges
        if merges:
            element = Element("mergeCells", {"count": str(len(merges))})
            for first_row, first_col, last_row, last_col in merges:
                SubElement(element, "mergeCell", {"ref": f"{get_column_letter(first_col)}{first_row}:"
                                                         f"{get_column_letter(last_col)}{last_row}"})
            self.xf.send(element)


class RowsXml:
    """The <row> elements of a SheetCells as WorksheetWriter.write_row and lxml_write_cell write them."""

    def __init__(self, cells: SheetCells) -> None:
        self.cells = cells
        workbook = cells.sheet.parent
        assert workbook is not None, "the sheet belongs to the workbook being saved"
        self._cell_styles = workbook._cell_styles  # type: ignore[attr-defined]  # openpyxl's cellXfs
        self._styles: dict[int, str] = {}  # id of a StyleArray → ' s="n"' (empty: unstyled)
        self._heights: dict[float, str] = {}
        self._letters: dict[int, str] = {}

    def chunks(self) -> Iterator[bytes]:
        cells = self.cells
        by_row = {row: list(coords) for row, coords in groupby(sorted(cells.cells), key=itemgetter(0))}
        ordered = sorted(by_row.keys() | cells.heights.keys())  # a row with a height and no cell is written too
        for start in range(0, len(ordered), _ROWS_PER_WRITE):
            text = "".join(self.row(index, by_row.get(index, [])) for index in ordered[start:start + _ROWS_PER_WRITE])
            yield text.encode("ascii", "xmlcharrefreplace")  # as lxml writes non-ASCII: &#38468;

    def row(self, index: int, coords: list[Coord]) -> str:
        entries = self.cells.cells
        parts = [f'<row r="{index}"{self._height(index)}>']
        for coord in coords:
            text, style = entries[coord]
            styled = self._style(style)
            if text is None and not styled:
                continue  # an empty cell without a style is not written
            start = f'<c r="{self._letter(coord[1])}{index}"{styled}'
            if text is None:
                parts.append(f'{start} t="n"></c>')
            elif not text:
                parts.append(f'{start} t="inlineStr"></c>')
            else:
                space = ' xml:space="preserve"' if text != text.strip() else ""
                parts.append(f'{start} t="inlineStr"><is><t{space}>{escaped(text)}</t></is></c>')
        parts.append("</row>")
        return "".join(parts)

    def _style(self, style: StyleArray) -> str:
        key = id(style)  # a SheetCells shares one StyleArray among the cells of a kind
        if key not in self._styles:  # registered in the order openpyxl registers them: as rows are written
            self._styles[key] = f' s="{self._cell_styles.add(style)}"' if any(style) else ""
        return self._styles[key]

    def _height(self, row: int) -> str:
        height = self.cells.heights.get(row)
        if height is None:
            return ""
        if height not in self._heights:
            attributes = dict(RowDimension(self.cells.sheet, index=row, ht=height))  # ht, customHeight
            self._heights[height] = "".join(f' {name}="{value}"' for name, value in attributes.items())
        return self._heights[height]

    def _letter(self, column: int) -> str:
        if column not in self._letters:
            self._letters[column] = get_column_letter(column)
        return self._letters[column]


def escaped(text: str) -> str:
    """Text content as libxml2 escapes it (checked() has refused what XML cannot carry)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text
