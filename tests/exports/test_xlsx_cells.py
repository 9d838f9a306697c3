"""CellStyler gives every cell exactly the style the plain openpyxl API gives it, merges included."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from gwr_desktop.exports.xlsx_cells import CellStyler

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONTS = (Font(name="仿宋_GB2312", size=12), Font(name="黑体", size=12))
ALIGNS = (Alignment(horizontal="left", vertical="center", wrap_text=True),
          Alignment(horizontal="center", vertical="center", wrap_text=True))
MERGES = ((2, 1, 4, 1), (2, 2, 4, 2), (5, 1, 7, 1), (8, 1, 8, 3), (9, 1, 10, 1), (11, 2, 13, 2))


def _fill_plain(sheet: Worksheet) -> None:
    for row in range(1, 14):
        for column in range(1, 4):
            cell = sheet.cell(row=row, column=column)
            cell.value = f"={row}*{column}"
            cell.data_type = "s"
            cell.font, cell.alignment = FONTS[row % 2], ALIGNS[column % 2]
            if row > 1:
                cell.border = BORDER
    for first_row, first_col, last_row, last_col in MERGES:
        sheet.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)


def _fill_styled(sheet: Worksheet) -> None:
    styler = CellStyler(sheet)
    for row in range(1, 14):
        for column in range(1, 4):
            styler.text(row, column, f"={row}*{column}", FONTS[row % 2], ALIGNS[column % 2],
                        BORDER if row > 1 else None)
    for merge in MERGES:
        styler.merge(*merge)


def _saved(fill) -> Worksheet:  # noqa: ANN001 - a function filling a sheet
    workbook = Workbook()
    fill(workbook.active)
    buffer = BytesIO()
    workbook.save(buffer)
    return load_workbook(BytesIO(buffer.getvalue())).active


def _cells(sheet: Worksheet) -> list[tuple]:
    # repr: a style proxy compares equal only to the plain style object, not to another proxy
    return [(cell.coordinate, cell.value, cell.data_type, repr(cell.font), repr(cell.alignment), repr(cell.border))
            for row in sheet.iter_rows(min_row=1, max_row=13, max_col=3) for cell in row]


def test_styles_values_and_merges_equal_the_plain_api() -> None:
    plain, styled = _saved(_fill_plain), _saved(_fill_styled)
    assert sorted(str(r) for r in styled.merged_cells.ranges) == sorted(str(r) for r in plain.merged_cells.ranges)
    assert _cells(styled) == _cells(plain)
    assert styled["A1"].value == "=1*1" and styled["A1"].data_type == "s"  # text, never a formula


def test_restyling_a_cell_keeps_what_the_change_does_not_touch() -> None:
    sheet = Workbook().active
    styler = CellStyler(sheet)
    styler.text(1, 1, "甲", FONTS[1], ALIGNS[1])
    styler.text(1, 2, "乙", FONTS[0], ALIGNS[0])
    first, second = styler.border(1, 1, BORDER), styler.border(1, 2, BORDER)
    assert first.font.name == "黑体" and second.font.name == "仿宋_GB2312"
    assert repr(first.border) == repr(second.border) == repr(_saved_border())


def _saved_border() -> Border:
    cell = Workbook().active.cell(row=1, column=1)
    cell.border = BORDER
    return cell.border
