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


# (first row, first column, last row, last column, border the merge is given), in pairs of one shape and
# border: the second of a pair is served from CellStyler's cache; the first two pairs start at a written cell
BORDERED = ((2, 1, 4, 1, BORDER), (5, 1, 7, 1, BORDER), (8, 2, 8, 3, None), (9, 2, 9, 3, None),
            (10, 1, 12, 3, BORDER), (13, 1, 15, 3, BORDER), (16, 3, 18, 3, Border(left=THIN)),
            (19, 3, 21, 3, Border(left=THIN)))
WRITTEN = BORDERED[:4]


def _fill_bordered_plain(sheet: Worksheet) -> None:
    for row, column, *_ in WRITTEN:
        sheet.cell(row=row, column=column, value="甲").font = FONTS[0]
    for first_row, first_col, last_row, last_col, border in BORDERED:
        for row in range(first_row, last_row + 1):
            for column in range(first_col, last_col + 1):
                if border is not None:
                    sheet.cell(row=row, column=column).border = border
        sheet.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)


def _fill_bordered_styled(sheet: Worksheet) -> None:
    styler = CellStyler(sheet)
    for row, column, *_ in WRITTEN:
        cell = sheet.cell(row=row, column=column, value="甲")
        cell.font = FONTS[0]
    for first_row, first_col, last_row, last_col, border in BORDERED:
        styler.merge(first_row, first_col, last_row, last_col, border)


def test_bordered_merges_equal_bordering_every_cell_then_merging() -> None:
    plain, styled = _saved(_fill_bordered_plain), _saved(_fill_bordered_styled)
    assert sorted(str(r) for r in styled.merged_cells.ranges) == sorted(str(r) for r in plain.merged_cells.ranges)
    cells = [(c.coordinate, c.value, repr(c.font), repr(c.border), repr(c.protection))
             for sheet in (plain, styled) for row in sheet.iter_rows(min_row=1, max_row=21, max_col=3) for c in row]
    assert cells[:len(cells) // 2] == cells[len(cells) // 2:]
