"""The 督查室's working spreadsheets, from plain rows: the city-wide 汇总表 and the 催报 list.

Unlike the official forms these are for sorting and filtering in Excel/WPS, so every text stands whole in
one cell (no continuation rows, no merged body cells), with a filter on the header row and the header
frozen; every value is written as a string, so a typed "=…" never becomes a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gwr_desktop.exports.fonts import GB2312_CHARSET

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY = Font(name="宋体", size=10.5, charset=GB2312_CHARSET)
_HEAD = Font(name="黑体", size=11, bold=True, charset=GB2312_CHARSET)
_TITLE = Font(name="方正小标宋简体", size=16, charset=GB2312_CHARSET)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF6")
HEADER_ROW = 3


def sheet_bytes(title: str, subtitle: str, headers: Sequence[str], widths: Sequence[float],
                rows: Sequence[Sequence[str]], sheet_name: str = "汇总") -> bytes:
    """A one-sheet workbook: title, subtitle, header row (row 3), then one row per entry, all text."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet), "a new workbook has one worksheet"
    sheet.title = sheet_name[:31]
    _heading(sheet, title, subtitle, len(headers))
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        _cell(sheet, HEADER_ROW, column, header, _HEAD, _CENTER).fill = _HEAD_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width
    for offset, row in enumerate(rows, start=HEADER_ROW + 1):
        for column, text in enumerate(row, start=1):
            _cell(sheet, offset, column, text, _BODY, _WRAP)
    last = get_column_letter(len(headers))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
    _print_setup(sheet)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _heading(sheet: Worksheet, title: str, subtitle: str, width: int) -> None:
    _cell(sheet, 1, 1, title, _TITLE, _CENTER, border=False)
    _cell(sheet, 2, 1, subtitle, _BODY, Alignment(vertical="center"), border=False)
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.row_dimensions[1].height = 30


def _cell(sheet: Worksheet, row: int, column: int, text: str, font: Font, alignment: Alignment, *,
          border: bool = True):  # noqa: ANN202 - openpyxl Cell
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"
    cell.font, cell.alignment = font, alignment
    if border:
        cell.border = _BORDER
    return cell


def _print_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None, "openpyxl gives every new sheet its page set-up properties"
    fit.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
