"""Excel (.xlsx) rendering of a FormLayout: A4, one page wide, header row on every page, text only.

Every user value is written as a string cell (data_type "s"), so "=SUM(A1)" typed by a user stays text and
never becomes a formula. Merged ranges are styled before merging so their borders survive in Excel and WPS.
"""

from __future__ import annotations

from functools import cache
from typing import IO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gwr_desktop.exports import fonts
from gwr_desktop.exports.fonts import FontRole
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.text_metrics import fit_size, row_height_pt
from gwr_desktop.exports.xlsx_cells import CellStyler

MM_PER_INCH = 25.4
MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LABEL_ROW, TITLE_ROW, FIELDS_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_BODY_ROW = HEADER_ROW + 1
_INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def render_xlsx(layout: FormLayout, target: str | IO[bytes]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout.label.translate(_INVALID_SHEET_CHARS)[:31] or "Sheet1"
    styler = CellStyler(sheet)
    _columns(sheet, layout)
    _heading_block(styler, layout)
    _table(styler, layout)
    _notes(styler, layout)
    _print_setup(sheet, layout)
    _properties(workbook, layout)
    workbook.save(target)


def write_text(styler: CellStyler, row: int, column: int, text: str, role: FontRole, *, align: str = "left",
               border: bool = False) -> Cell:
    """One cell of text: never a formula, whatever the text starts with."""
    return styler.text(row, column, text, _font(role), _alignment(align), BORDER if border else None)


@cache
def _font(role: FontRole) -> Font:
    return Font(name=role.family, size=role.size_pt, bold=role.bold)


@cache
def _alignment(align: str) -> Alignment:
    """One style object per kind (CellStyler registers each kind once)."""
    return Alignment(horizontal=align, vertical="center", wrap_text=True)


def _columns(sheet: Worksheet, layout: FormLayout) -> None:
    for index, column in enumerate(layout.columns, start=1):
        pixels = column.width_mm / MM_PER_INCH * 96  # Excel widths count 7-px digit cells plus 5 px padding
        sheet.column_dimensions[get_column_letter(index)].width = round(max(pixels - 5, 7) / 7, 2)


def _merge_styled(styler: CellStyler, first_row: int, first_col: int, last_row: int, last_col: int,
                  border: bool) -> None:
    """Border every cell of the range first, then merge: the saved file keeps all four edges."""
    if border:
        for row in range(first_row, last_row + 1):
            for col in range(first_col, last_col + 1):
                styler.border(row, col, BORDER)
    if (first_row, first_col) != (last_row, last_col):
        styler.merge(first_row, first_col, last_row, last_col)


def _heading_block(styler: CellStyler, layout: FormLayout) -> None:
    sheet = styler.sheet
    width = len(layout.columns)
    total_mm = sum(c.width_mm for c in layout.columns)
    write_text(styler, LABEL_ROW, 1, layout.label, fonts.LABEL)
    _merge_styled(styler, LABEL_ROW, 1, LABEL_ROW, min(2, width), border=False)
    sheet.row_dimensions[LABEL_ROW].height = 24
    write_text(styler, TITLE_ROW, 1, layout.title, fonts.TITLE, align="center")
    _merge_styled(styler, TITLE_ROW, 1, TITLE_ROW, width, border=False)
    sheet.row_dimensions[TITLE_ROW].height = row_height_pt([(layout.title, total_mm)], fonts.TITLE.size_pt, 36)
    fields = layout.header_fields
    if fields:
        split = _first_field_columns(layout)
        spans = [(1, split), (split + 1, width)] if len(fields) > 1 and width > 1 else [(1, width)]
        for (label, value), (first, last) in zip(fields, spans, strict=False):
            write_text(styler, FIELDS_ROW, first, label + value, fonts.FIELDS)
            _merge_styled(styler, FIELDS_ROW, first, FIELDS_ROW, last, border=False)
    sheet.row_dimensions[FIELDS_ROW].height = 24


def _first_field_columns(layout: FormLayout) -> int:
    """How many columns "单位：…" spans: enough for a third of the table's width, so the name never clips."""
    total, running = sum(c.width_mm for c in layout.columns), 0.0
    for count, column in enumerate(layout.columns[:-1], start=1):
        running += column.width_mm
        if running >= total / 3:
            return count
    return max(1, len(layout.columns) - 1)


def _table(styler: CellStyler, layout: FormLayout) -> None:
    sheet = styler.sheet
    width = len(layout.columns)
    for index, header in enumerate(layout.headers, start=1):
        write_text(styler, HEADER_ROW, index, header, fonts.TABLE_HEAD, align="center", border=True)
    sheet.row_dimensions[HEADER_ROW].height = row_height_pt(
        [(h, c.width_mm) for h, c in zip(layout.headers, layout.columns, strict=True)], fonts.TABLE_HEAD.size_pt)
    continuation = {(s.column, r) for s in layout.merges for r in range(s.first + 1, s.last + 1)}
    for offset, row in enumerate(layout.rows):
        excel_row = FIRST_BODY_ROW + offset
        if row.heading:
            write_text(styler, excel_row, 1, row.cells[0], fonts.PART_HEADING, border=True)
            _merge_styled(styler, excel_row, 1, excel_row, width, border=True)
            continue
        for col, (spec, text) in enumerate(zip(layout.columns, row.cells, strict=True), start=1):
            if (col - 1, offset) not in continuation:
                role = fonts.TABLE_BODY.sized(fit_size(text, spec.width_mm, fonts.TABLE_BODY.size_pt))
                write_text(styler, excel_row, col, text, role, align=spec.align, border=True)
            else:
                styler.border(excel_row, col, BORDER)
    for span in layout.merges:
        _merge_styled(styler, FIRST_BODY_ROW + span.first, span.column + 1, FIRST_BODY_ROW + span.last,
                      span.column + 1, border=True)
    _row_heights(sheet, layout)


def _row_heights(sheet: Worksheet, layout: FormLayout) -> None:
    """Own cells decide a row's height; a merged cell too tall for its rows spreads the rest over them."""
    size = fonts.TABLE_BODY.size_pt
    merged_cols = {(s.column, r) for s in layout.merges for r in range(s.first, s.last + 1)}
    heights = []
    for offset, row in enumerate(layout.rows):
        own = [(text, c.width_mm) for col, (c, text) in enumerate(zip(layout.columns, row.cells, strict=True))
               if (col, offset) not in merged_cols]
        if row.heading:
            own = [(row.cells[0], sum(c.width_mm for c in layout.columns))]
        heights.append(row_height_pt(own, size, minimum=max(22.0, layout.min_row_mm / MM_PER_INCH * 72)))
    for span in layout.merges:
        text = layout.rows[span.first].cells[span.column]
        need = row_height_pt([(text, layout.columns[span.column].width_mm)], size)
        have = sum(heights[span.first:span.last + 1])
        if need > have:
            extra = (need - have) / (span.last - span.first + 1)
            for r in range(span.first, span.last + 1):
                heights[r] += extra
    for offset, height in enumerate(heights):
        sheet.row_dimensions[FIRST_BODY_ROW + offset].height = round(min(height, MAX_ROW_HEIGHT), 1)


def _notes(styler: CellStyler, layout: FormLayout) -> None:
    sheet = styler.sheet
    width = len(layout.columns)
    total_mm = sum(c.width_mm for c in layout.columns)
    row = FIRST_BODY_ROW + len(layout.rows)
    for note in layout.notes:
        write_text(styler, row, 1, note, fonts.NOTE)
        _merge_styled(styler, row, 1, row, width, border=False)
        sheet.row_dimensions[row].height = row_height_pt([(note, total_mm)], fonts.NOTE.size_pt, 22)
        row += 1


def _print_setup(sheet: Worksheet, layout: FormLayout) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_LANDSCAPE if layout.page.landscape else sheet.ORIENTATION_PORTRAIT
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # without it Excel ignores fitToWidth/fitToHeight
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    margins = layout.page.margins
    sheet.page_margins.top, sheet.page_margins.bottom = margins.top / MM_PER_INCH, margins.bottom / MM_PER_INCH
    sheet.page_margins.left, sheet.page_margins.right = margins.left / MM_PER_INCH, margins.right / MM_PER_INCH
    sheet.page_margins.footer = max(margins.bottom - 12, 8) / MM_PER_INCH
    sheet.HeaderFooter.differentOddEven = True
    number = f'&"{fonts.PAGE_NUMBER.family}"&{int(fonts.PAGE_NUMBER.size_pt)}— &P —'
    sheet.oddFooter.right.text = number
    sheet.evenFooter.left.text = number
    last_row = FIRST_BODY_ROW + len(layout.rows) + len(layout.notes) - 1
    sheet.print_area = f"A1:{get_column_letter(len(layout.columns))}{last_row}"


def _properties(workbook: Workbook, layout: FormLayout) -> None:
    workbook.properties.title = layout.title
    workbook.properties.subject = layout.label
    workbook.properties.creator = ""
    workbook.properties.language = "zh-CN"
    for name, value in layout.manifest.properties().items():
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))
