"""Saving a workbook whose sheet's cells are kept in a SheetCells (xlsx_cells) rather than as openpyxl Cells.

openpyxl's writer serialises each cell through nested lxml context managers and looks its style up again
(≈10 µs a cell): for an 800-row 附表1 that was as long as building the cells. Here openpyxl writes the sheet
with an empty <sheetData> — sheet properties, dimension, views, columns, merged ranges, print set-up, header
and footer all by its own code — and the rows are put in between as text, row by row into the package: the
same elements, attributes (in openpyxl's order) and escapes as openpyxl writes for the same cells, in UTF-8
(XML's default encoding, as Excel writes it) where openpyxl's stream writes every non-ASCII character as a
character reference (&#38468; for 附, 8 bytes for 3): the sheet part is smaller and quicker to compress, and
parses to the very same XML (tests/exports/test_xlsx_save.py compares it in canonical form, every other part
of the package byte for byte). Styles, workbook, defined names and properties: openpyxl, unchanged.
"""

from __future__ import annotations

import datetime
import re
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
_PRESERVE = ' xml:space="preserve"'  # on a text starting or ending with white space
_ESCAPED = re.compile("[&<>\r]")  # what libxml2 escapes in text content (a CR: or a parser reads LF)
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
        self._letters = {column: get_column_letter(column) for column in {c for _, c in cells.cells}}

    def chunks(self) -> Iterator[bytes]:
        cells = self.cells
        by_row = {row: list(coords) for row, coords in groupby(sorted(cells.cells), key=itemgetter(0))}
        ordered = sorted(by_row.keys() | cells.heights.keys())  # a row with a height and no cell is written too
        for start in range(0, len(ordered), _ROWS_PER_WRITE):
            text = "".join(self.row(index, by_row.get(index, [])) for index in ordered[start:start + _ROWS_PER_WRITE])
            yield text.encode("utf-8")  # the ASCII head and tail are UTF-8 too

    def row(self, index: int, coords: list[Coord]) -> str:
        entries, styles, letters = self.cells.cells, self._styles, self._letters
        parts = [f'<row r="{index}"{self._height(index)}>']
        for coord in coords:  # one f-string a cell: this runs for every cell of the form
            text, style = entries[coord]
            styled = styles.get(id(style))
            if styled is None:
                styled = self._style(style)
            if text:
                space = _PRESERVE if text[0].isspace() or text[-1].isspace() else ""  # text != text.strip()
                parts.append(f'<c r="{letters[coord[1]]}{index}"{styled} t="inlineStr"><is><t{space}>'
                             f'{escaped(text) if _ESCAPED.search(text) else text}</t></is></c>')
            elif text is not None:
                parts.append(f'<c r="{letters[coord[1]]}{index}"{styled} t="inlineStr"></c>')
            elif styled:  # an empty cell without a style is not written
                parts.append(f'<c r="{letters[coord[1]]}{index}"{styled} t="n"></c>')
        parts.append("</row>")
        return "".join(parts)

    def _style(self, style: StyleArray) -> str:
        """Registered in the order openpyxl registers styles: as the rows are written."""
        key = id(style)  # a SheetCells shares one StyleArray among the cells of a kind
        if key not in self._styles:
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
