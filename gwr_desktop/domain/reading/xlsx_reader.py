"""An .xlsx list of tasks: every visible sheet's rows as cells, merged ranges filled, counted while streaming.

Read straight from the package (shared strings, inline strings, numbers) rather than through openpyxl, so the
same bounded zip reading and entity-free XML parsing apply, and a sheet claiming a million rows is stopped by
the row budget as it streams. A vertically merged cell (a 牵头单位 over several rows) gives its value to every
row it covers; a horizontal merge (a part heading across the row) stays in its first cell.
"""

from __future__ import annotations

from pathlib import Path

from gwr_desktop.domain.reading.clean import clean_line
from gwr_desktop.domain.reading.document import SourceDocument, SourceLine, digest_of
from gwr_desktop.domain.reading.errors import LimitExceeded, PlanSourceError
from gwr_desktop.domain.reading.limits import Budget, Limits
from gwr_desktop.domain.reading.safe_zip import SafeZip
from gwr_desktop.domain.reading.xlsx_parts import Range, Rows, read_sheet, shared_strings, visible_sheets

_MAX_SHEETS = 32


def read_xlsx(path: Path, data: bytes, limits: Limits) -> SourceDocument:
    package = SafeZip(path, data, limits, "Excel")
    if not package.has("xl/workbook.xml"):
        raise PlanSourceError(f"文件不是 Excel 工作簿（.xlsx 中找不到 xl/workbook.xml）：{path.name}")
    budget = Budget(limits, path.name)
    strings = shared_strings(package, budget)
    document = SourceDocument(format="xlsx", lines=[], name=path.name, digest=digest_of(data))
    for sheet in visible_sheets(package)[:_MAX_SHEETS]:
        rows = _sheet_rows(package, sheet, strings, budget)
        start = len(document.lines)
        for number, cells in rows:
            cleaned = tuple(clean_line(cell)[0] for cell in cells)
            document.lines.append(SourceLine(number, "\t".join(c.replace("\n", " ") for c in cleaned), cleaned))
        if len(document.lines) > start:
            document.lines.append(SourceLine(rows[-1][0] + 1, ""))  # a sheet ends like a paragraph
    return document


def _sheet_rows(package: SafeZip, sheet: str, strings: list[str], budget: Budget) -> list[tuple[int, list[str]]]:
    rows, merges = read_sheet(package, sheet, strings, budget)
    _fill_merges(rows, merges, budget)
    width = max((max(cells) for cells in rows.values() if cells), default=-1) + 1
    budget.columns(width)
    return [(number, [rows[number].get(col, "") for col in range(width)]) for number in sorted(rows)]


def _fill_merges(rows: Rows, merges: list[Range], budget: Budget) -> None:
    for top, left, bottom, right in merges:
        budget.columns(right - left + 1)
        if bottom - top + 1 > budget.limits.rows:
            raise LimitExceeded(f"工作表合并单元格跨度异常（{bottom - top + 1:,}行），已停止读取：{budget.name}")
        value = rows.get(top, {}).get(left, "")
        for number in range(top + 1, bottom + 1):
            if number in rows or value:
                budget.cell()
                rows.setdefault(number, {})[left] = value

