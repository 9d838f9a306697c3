"""Excel (.xlsx) rendering of a FormLayout: A4, one page wide, header row on every page, text only.

Every user value is written as a string cell (data_type "s"), so "=SUM(A1)" typed by a user stays text and
never becomes a formula. Merged ranges are styled before merging so their borders survive in Excel and WPS.
Body cells are top-aligned with heights from xlsx_rows, so a long cell prints from its first line; a text
beyond one row's 409 pt continues in the next rows of its item.
"""

from __future__ import annotations

from functools import cache
from typing import IO

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.worksheet import Worksheet

from gwr_desktop.exports.fonts import GB2312_CHARSET, FontRole, FontSet, font_set
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.page_parts import DRAFT_MARK, balanced_title, second_field_columns
from gwr_desktop.exports.text_metrics import fit_size, row_height_pt
from gwr_desktop.exports.xlsx_cells import CellSink, SheetCells
from gwr_desktop.exports.xlsx_rows import Box, plan_body
from gwr_desktop.exports.xlsx_save import save_workbook

MM_PER_INCH = 25.4
MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# a text continued over several rows: no rule between its pieces (first, middle, last piece)
_OPEN = {(True, False): Border(left=_THIN, right=_THIN, top=_THIN), (False, False): Border(left=_THIN, right=_THIN),
         (False, True): Border(left=_THIN, right=_THIN, bottom=_THIN), (True, True): BORDER}
LABEL_ROW, TITLE_ROW, FIELDS_ROW, HEADER_ROW = 1, 2, 3, 4
FIRST_BODY_ROW = HEADER_ROW + 1
_INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def render_xlsx(layout: FormLayout, target: str | IO[bytes]) -> None:
    workbook = new_workbook(layout)
    cells = SheetCells(_sheet(workbook))
    fill_workbook(workbook, layout, cells)
    save_workbook(workbook, cells, target)


def new_workbook(layout: FormLayout) -> Workbook:
    """A workbook of one sheet named after the form's label."""
    workbook = Workbook()
    _sheet(workbook).title = layout.label.translate(_INVALID_SHEET_CHARS)[:31] or "Sheet1"
    return workbook


def fill_workbook(workbook: Workbook, layout: FormLayout, cells: CellSink) -> None:
    """The whole printed form: its cells through `cells`, the rest on the workbook and its sheet."""
    roles = font_set(layout.fonts)
    _columns(cells.sheet, layout)
    _heading_block(cells, layout, roles)
    body_rows = _table(cells, layout, roles)
    _notes(cells, layout, roles, FIRST_BODY_ROW + body_rows)
    _print_setup(cells.sheet, layout, roles, FIRST_BODY_ROW + body_rows + len(layout.notes) - 1)
    _properties(workbook, layout)


def _sheet(workbook: Workbook) -> Worksheet:
    sheet = workbook.active
    assert isinstance(sheet, Worksheet), "a new workbook has one worksheet"
    return sheet


def write_text(cells: CellSink, row: int, column: int, text: str, role: FontRole, *, align: str = "left",
               border: bool | Border = False, top: bool = False) -> None:
    """One cell of text: never a formula, whatever the text starts with."""
    edge = border if isinstance(border, Border) else (BORDER if border else None)
    cells.text(row, column, text, _font(role), _alignment(align, top), edge)


@cache
def _font(role: FontRole) -> Font:
    """charset 134 (GB2312): Excel and WPS pick a Chinese substitute when the named font is missing."""
    return Font(name=role.family, size=role.size_pt, bold=role.bold, charset=GB2312_CHARSET)


@cache
def _alignment(align: str, top: bool = False) -> Alignment:
    """One style object per kind (SheetCells registers each kind once)."""
    return Alignment(horizontal=align, vertical="top" if top else "center", wrap_text=True)


def _columns(sheet: Worksheet, layout: FormLayout) -> None:
    for index, column in enumerate(layout.columns, start=1):
        pixels = column.width_mm / MM_PER_INCH * 96  # Excel widths count 7-px digit cells plus 5 px padding
        sheet.column_dimensions[get_column_letter(index)].width = round(max(pixels - 5, 7) / 7, 2)


def _merge_styled(cells: CellSink, first_row: int, first_col: int, last_row: int, last_col: int,
                  border: bool | Border) -> None:
    """Border every cell of the range first, then merge: the saved file keeps all four edges."""
    edge = border if isinstance(border, Border) else (BORDER if border else None)
    if (first_row, first_col) != (last_row, last_col):
        cells.merge((first_row, first_col, last_row, last_col), edge)
    elif edge is not None:
        cells.border(first_row, first_col, edge)


def _heading_block(cells: CellSink, layout: FormLayout, roles: FontSet) -> None:
    width = len(layout.columns)
    total_mm = sum(c.width_mm for c in layout.columns)
    write_text(cells, LABEL_ROW, 1, layout.label, roles.label)
    _merge_styled(cells, LABEL_ROW, 1, LABEL_ROW, min(2, width), border=False)
    cells.height(LABEL_ROW, 24)
    title, size = balanced_title(layout.title, total_mm, roles.title.size_pt)
    write_text(cells, TITLE_ROW, 1, title, roles.title.sized(size), align="center")
    _merge_styled(cells, TITLE_ROW, 1, TITLE_ROW, width, border=False)
    cells.height(TITLE_ROW, row_height_pt([(title, total_mm)], size, 36))
    fields = layout.header_fields
    if fields:
        split = second_field_columns(layout)
        spans = [(1, split), (split + 1, width)] if len(fields) > 1 and width > 1 else [(1, width)]
        for (label, value), (first, last) in zip(fields, spans, strict=False):
            write_text(cells, FIELDS_ROW, first, label + value, roles.fields)
            _merge_styled(cells, FIELDS_ROW, first, FIELDS_ROW, last, border=False)
    cells.height(FIELDS_ROW, 24)


def _table(cells: CellSink, layout: FormLayout, roles: FontSet) -> int:
    """The header row and the body; returns how many Excel rows the body took."""
    for index, header in enumerate(layout.headers, start=1):
        write_text(cells, HEADER_ROW, index, header, roles.table_head, align="center", border=True)
    cells.height(HEADER_ROW, row_height_pt(
        [(h, c.width_mm) for h, c in zip(layout.headers, layout.columns, strict=True)], roles.table_head.size_pt))
    plan = plan_body(layout, roles)
    for box in plan.boxes:
        _box(cells, layout, roles, box)
    for offset, height in enumerate(plan.heights):
        cells.height(FIRST_BODY_ROW + offset, height)
    return plan.rows


def _box(cells: CellSink, layout: FormLayout, roles: FontSet, box: Box) -> None:
    row = FIRST_BODY_ROW + box.first
    if box.heading:
        write_text(cells, row, 1, box.text, roles.part_heading, border=True)
        _merge_styled(cells, row, 1, FIRST_BODY_ROW + box.last, len(layout.columns), border=True)
        return
    spec, column, body = layout.columns[box.column], box.column + 1, roles.table_body
    size = fit_size(box.text, spec.width_mm, body.size_pt)  # a mobile number shrinks to stay on one line
    font = _font(body if size == body.size_pt else body.sized(size))
    edge = _OPEN[(box.piece == 0, box.piece == box.pieces - 1)]
    cells.text(row, column, box.text, font, _alignment(spec.align, True), edge)  # as write_text(…, top=True)
    if box.last > box.first:
        _merge_styled(cells, row, column, FIRST_BODY_ROW + box.last, column, border=edge)


def _notes(cells: CellSink, layout: FormLayout, roles: FontSet, row: int) -> None:
    width = len(layout.columns)
    total_mm = sum(c.width_mm for c in layout.columns)
    for note in layout.notes:
        write_text(cells, row, 1, note, roles.note)
        _merge_styled(cells, row, 1, row, width, border=False)
        cells.height(row, row_height_pt([(note, total_mm)], roles.note.size_pt, 22))
        row += 1


def _print_setup(sheet: Worksheet, layout: FormLayout, roles: FontSet, last_row: int) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_LANDSCAPE if layout.page.landscape else sheet.ORIENTATION_PORTRAIT
    setup.fitToWidth, setup.fitToHeight = 1, 0
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None, "openpyxl gives every new sheet its page set-up properties"
    fit.fitToPage = True  # without it Excel ignores fitToWidth/fitToHeight
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    margins = layout.page.margins
    sheet.page_margins.top, sheet.page_margins.bottom = margins.top / MM_PER_INCH, margins.bottom / MM_PER_INCH
    sheet.page_margins.left, sheet.page_margins.right = margins.left / MM_PER_INCH, margins.right / MM_PER_INCH
    sheet.page_margins.footer = max(margins.bottom - 12, 8) / MM_PER_INCH
    sheet.HeaderFooter.differentOddEven = True
    number = f'&"{roles.page_number.family}"&{int(roles.page_number.size_pt)}— &P —'
    _part(sheet.oddFooter).right.text = number
    _part(sheet.evenFooter).left.text = number
    if layout.draft:  # 草稿 at the top of every page, odd and even alike
        mark = f'&"{roles.draft_mark.family}"&{int(roles.draft_mark.size_pt)}&K6E6E6E{DRAFT_MARK}'
        _part(sheet.oddHeader).right.text = mark
        _part(sheet.evenHeader).right.text = mark
        sheet.page_margins.header = 10 / MM_PER_INCH
    sheet.print_area = f"A1:{get_column_letter(len(layout.columns))}{last_row}"


def _part(item: HeaderFooterItem | None) -> HeaderFooterItem:
    assert item is not None, "openpyxl gives a new sheet every header and footer"
    return item


def _properties(workbook: Workbook, layout: FormLayout) -> None:
    workbook.properties.title = layout.title
    workbook.properties.subject = layout.label
    workbook.properties.creator = ""
    workbook.properties.language = "zh-CN"
    for name, value in layout.manifest.properties().items():
        # openpyxl has had custom_doc_props since 3.1; types-openpyxl does not declare it.
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))  # type: ignore[attr-defined]
