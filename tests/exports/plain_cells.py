"""The tests' reference for the .xlsx writer: the same cells written through openpyxl's plain public API
(`sheet.cell`, `.font`, `.border`, `merge_cells`, `row_dimensions`) and saved by `Workbook.save`."""

from __future__ import annotations

import zipfile
from io import BytesIO

from lxml import etree
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font
from openpyxl.worksheet.worksheet import Worksheet

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.xlsx_cells import Bounds
from gwr_desktop.exports.xlsx_render import fill_workbook, new_workbook, render_xlsx


class PlainCells:
    """A CellSink doing each change through openpyxl's public API, cell by cell."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet

    def text(self, row: int, column: int, text: str, font: Font, alignment: Alignment,
             border: Border | None = None) -> None:
        cell = self.sheet.cell(row=row, column=column)
        cell.value = text
        cell.data_type = "s"
        cell.font, cell.alignment = font, alignment
        if border is not None:
            cell.border = border

    def border(self, row: int, column: int, border: Border) -> None:
        self.sheet.cell(row=row, column=column).border = border

    def merge(self, bounds: Bounds, border: Border | None = None) -> None:
        first_row, first_col, last_row, last_col = bounds
        for row in range(first_row, last_row + 1):
            for column in range(first_col, last_col + 1):
                if border is not None:
                    self.sheet.cell(row=row, column=column).border = border
        self.sheet.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)

    def height(self, row: int, points: float) -> None:
        self.sheet.row_dimensions[row].height = points


def plain_xlsx(layout: FormLayout) -> bytes:
    """The layout rendered through PlainCells and saved by openpyxl's own writer."""
    workbook = new_workbook(layout)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    fill_workbook(workbook, layout, PlainCells(sheet))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fast_xlsx(layout: FormLayout) -> bytes:
    buffer = BytesIO()
    render_xlsx(layout, buffer)
    return buffer.getvalue()


def saved_parts(data: bytes) -> dict[str, bytes]:
    """Every part of the package but the time it was saved (docProps/core.xml's dcterms:modified)."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def assert_same_package(fast: dict[str, bytes], plain: dict[str, bytes]) -> None:
    """The same parts; the sheets the same XML in canonical form (ours UTF-8, openpyxl's ASCII with character
    references), every other part the same bytes."""
    assert fast.keys() == plain.keys()
    for part in plain:
        if part.startswith("xl/worksheets/"):
            assert canonical(fast[part]) == canonical(plain[part]), part
        else:
            assert fast[part] == plain[part], part


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def saved(workbook: Workbook) -> dict[str, bytes]:
    buffer = BytesIO()
    workbook.save(buffer)
    return saved_parts(buffer.getvalue())
