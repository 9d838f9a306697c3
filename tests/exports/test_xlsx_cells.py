"""SheetCells gives every cell exactly the style openpyxl's plain API gives it, merges and restyling included:
the saved packages are the same (the sheet the same XML, every other part byte for byte)."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.worksheet import Worksheet

from gwr_desktop.exports.xlsx_cells import CellSink, SheetCells
from gwr_desktop.exports.xlsx_save import save_workbook
from tests.exports.plain_cells import PlainCells, assert_same_package, saved, saved_parts

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONTS = (Font(name="仿宋_GB2312", size=12), Font(name="黑体", size=12))
ALIGNS = (Alignment(horizontal="left", vertical="center", wrap_text=True),
          Alignment(horizontal="center", vertical="center", wrap_text=True))
MERGES = ((2, 1, 4, 1), (2, 2, 4, 2), (5, 1, 7, 1), (8, 1, 8, 3), (9, 1, 10, 1), (11, 2, 13, 2))
# (bounds, border the merge is given), in pairs of one shape and border: the second of a pair is served from
# SheetCells' cache; the first two pairs start at a written cell
BORDERED = (((2, 1, 4, 1), BORDER), ((5, 1, 7, 1), BORDER), ((8, 2, 8, 3), None), ((9, 2, 9, 3), None),
            ((10, 1, 12, 3), BORDER), ((13, 1, 15, 3), BORDER), ((16, 3, 18, 3), Border(left=THIN)),
            ((19, 3, 21, 3), Border(left=THIN)))
WRITTEN = BORDERED[:4]


def _grid(cells: CellSink) -> None:
    for row in range(1, 14):
        for column in range(1, 4):
            cells.text(row, column, f"={row}*{column}", FONTS[row % 2], ALIGNS[column % 2],
                       BORDER if row > 1 else None)
        cells.height(row, 14.5 + row % 3)
    for merge in MERGES:
        cells.merge(merge)


def _bordered(cells: CellSink) -> None:
    for (row, column, *_), _border in WRITTEN:
        cells.text(row, column, "甲", FONTS[0], ALIGNS[0])
    for bounds, border in BORDERED:
        cells.merge(bounds, border)


def _restyled(cells: CellSink) -> None:
    cells.text(1, 1, "甲", FONTS[1], ALIGNS[1])
    cells.text(1, 2, "乙", FONTS[0], ALIGNS[0])
    cells.text(2, 1, "丙", FONTS[1], ALIGNS[1])
    for row, column in ((1, 1), (1, 2), (2, 1), (3, 3)):  # (3, 3): a border on a cell never written
        cells.border(row, column, BORDER)
    cells.text(1, 2, " 改写 ", FONTS[1], ALIGNS[0], BORDER)  # a text written over a styled cell


def _both(fill: Callable[[CellSink], None]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The package saved by openpyxl after the plain API, and by xlsx_save after SheetCells."""
    plain_book, fast_book = Workbook(), Workbook()
    plain_sheet, fast_sheet = plain_book.active, fast_book.active
    assert isinstance(plain_sheet, Worksheet) and isinstance(fast_sheet, Worksheet)
    fill(PlainCells(plain_sheet))
    cells = SheetCells(fast_sheet)
    fill(cells)
    buffer = BytesIO()
    save_workbook(fast_book, cells, buffer)
    return saved(plain_book), saved_parts(buffer.getvalue())


@pytest.mark.parametrize("fill", [_grid, _bordered, _restyled])
def test_the_package_is_what_the_plain_api_and_openpyxls_writer_give(fill: Callable[[CellSink], None]) -> None:
    plain, fast = _both(fill)
    assert_same_package(fast, plain)


def test_text_stays_text_and_bad_characters_are_refused_as_openpyxl_refuses_them() -> None:
    plain, _ = _both(_grid)
    assert b"<f>" not in plain["xl/worksheets/sheet1.xml"]  # "=1*1" is text, never a formula
    cells = SheetCells(Workbook().active)  # type: ignore[arg-type]
    for _ in range(2):  # the second is a known kind of cell: no longer through openpyxl
        with pytest.raises(IllegalCharacterError):
            cells.text(1, 1, "铃\x07", FONTS[0], ALIGNS[0])
        cells.text(2, 1, "铃", FONTS[0], ALIGNS[0])
