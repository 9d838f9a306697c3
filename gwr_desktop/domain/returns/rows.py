"""A returned file's table back as the printed rows the app laid out (exports.layout.FormLayout.rows).

Word keeps one table row per printed row. Excel does not: a text longer than one Excel row can hold continues
in the next rows of its item (exports/xlsx_rows.py), and there the columns left of the widest repeat their
text marked （续）. So a sheet row whose own 序号/责任事项 cell ends with the （续） line continues the row
above: its other cells are the next pieces of their texts, joined back without separator (the pieces were
cut where a line ends, and joined give the text exactly). A row merged across the whole table is a part
heading ("二、重点工作") — or, when it is not one, the notes under the table, where the body ends.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from gwr_desktop.domain.returns.cells import visible
from gwr_desktop.domain.returns.table import Cell, FileTable

CONTINUED_MARKS = ("（续）", "(续)")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
NOTE_START = re.compile(r"^(备注|注[:：]|说明[:：]|市政府督查室联系人)")


@dataclass
class TableRows:
    before: list[str] = field(default_factory=list)  # label, title, 单位：… as printed above the table
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)  # the body's printed rows, one text per column

    @property
    def found(self) -> bool:
        return bool(self.headers)


def table_rows(table: FileTable, header_words: Collection[str]) -> TableRows:
    """The table's printed rows below its header row: the first row with at least two cells whose text
    (without white space) is a known column header. No such row: an empty TableRows (found is False)."""
    start = _header_row(table.grid, header_words)
    if start is None:
        return TableRows(before=list(table.before))
    head = table.grid[start]
    width = max(i for i, cell in enumerate(head) if not cell.covered and visible(cell.text)) + 1
    above = [" ".join(c.text for c in row if c.text.strip()) for row in table.grid[:start]]
    result = TableRows(before=[*table.before, *(t for t in above if t)], headers=[c.text for c in head[:width]])
    for row in table.grid[start + 1:]:
        cells = (row + [Cell()] * width)[:width]
        if _across(cells, width):
            text = cells[0].text
            if not HEADING.match(text.strip()):
                break  # the notes under the table
            result.rows.append((text,) + ("",) * (width - 1))
        elif NOTE_START.match(cells[0].text.strip()) and not any(c.text.strip() for c in cells[1:]):
            break
        elif _continues(cells) and result.rows and not _heading(result.rows[-1]):
            result.rows[-1] = _joined(result.rows[-1], cells)
        elif any(c.text.strip() or c.covered for c in cells):
            result.rows.append(tuple("" if c.covered else c.text for c in cells))
    return result


def _header_row(grid: list[list[Cell]], words: Collection[str]) -> int | None:
    known = {visible(word) for word in words}
    for index, row in enumerate(grid):
        if sum(1 for cell in row if not cell.covered and visible(cell.text) in known) >= 2:
            return index
    return None


def _across(cells: list[Cell], width: int) -> bool:
    return width > 1 and not cells[0].covered and cells[0].across >= width


def _heading(row: tuple[str, ...]) -> bool:
    return bool(row) and bool(HEADING.match(row[0].strip())) and not any(row[1:])


def _label(cell: Cell) -> bool:
    """A repeated cell on a continuation row: its text, then （续） on a line of its own."""
    return not cell.covered and cell.text.rstrip().rsplit("\n", 1)[-1].strip() in CONTINUED_MARKS


def _continues(cells: list[Cell]) -> bool:
    return any(_label(cell) for cell in cells)


def _joined(previous: tuple[str, ...], cells: list[Cell]) -> tuple[str, ...]:
    return tuple(text if cell.covered or _label(cell) else text + cell.text
                 for text, cell in zip(previous, cells, strict=True))
