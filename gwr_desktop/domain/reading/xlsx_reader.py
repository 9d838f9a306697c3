"""An .xlsx list of tasks: every visible sheet's rows as cells, merged ranges filled, counted while streaming.

Read straight from the package (shared strings, inline strings, numbers) rather than through openpyxl, so the
same bounded zip reading and entity-free XML parsing apply, and a sheet claiming a million rows is stopped by
the row budget as it streams. A vertically merged cell (a 牵头单位 over several rows) gives its value to every
row it covers; a horizontal merge (a part heading across the row) stays in its first cell.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from lxml import etree

from gwr_desktop.domain.reading.clean import clean_line
from gwr_desktop.domain.reading.document import SourceDocument, SourceLine, digest_of
from gwr_desktop.domain.reading.errors import LimitExceeded, PlanSourceError
from gwr_desktop.domain.reading.limits import Budget, Limits
from gwr_desktop.domain.reading.safe_zip import SafeZip, attr, iter_xml, local

_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_MAX_SHEETS = 32


def read_xlsx(path: Path, data: bytes, limits: Limits) -> SourceDocument:
    package = SafeZip(path, data, limits, "Excel")
    if not package.has("xl/workbook.xml"):
        raise PlanSourceError(f"文件不是 Excel 工作簿（.xlsx 中找不到 xl/workbook.xml）：{path.name}")
    budget = Budget(limits, path.name)
    strings = _shared_strings(package, budget)
    document = SourceDocument(format="xlsx", lines=[], name=path.name, digest=digest_of(data))
    for sheet in _sheets(package)[:_MAX_SHEETS]:
        rows = _sheet_rows(package, sheet, strings, budget)
        start = len(document.lines)
        for number, cells in rows:
            cleaned = tuple(clean_line(cell)[0] for cell in cells)
            document.lines.append(SourceLine(number, "\t".join(c.replace("\n", " ") for c in cleaned), cleaned))
        if len(document.lines) > start:
            document.lines.append(SourceLine(rows[-1][0] + 1, ""))  # a sheet ends like a paragraph
    return document


def _shared_strings(package: SafeZip, budget: Budget) -> list[str]:
    if not package.has("xl/sharedStrings.xml"):
        return []
    strings: list[str] = []
    for _event, element in iter_xml(package.read("xl/sharedStrings.xml"), package.name, "Excel", events=("end",)):
        if local(element) == "si":
            text = "".join(t.text or "" for t in element.iter() if local(t) == "t" and not _in_phonetic(t))
            budget.paragraph(len(text))
            strings.append(text)
            element.clear()
    return strings


def _in_phonetic(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and local(parent) == "rPh"


def _sheets(package: SafeZip) -> list[str]:
    targets: dict[str, str] = {}
    if package.has("xl/_rels/workbook.xml.rels"):
        for rel in package.xml("xl/_rels/workbook.xml.rels"):
            target = attr(rel, "Target") or ""
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[attr(rel, "Id") or ""] = target
    sheets = []
    for element in package.xml("xl/workbook.xml").iter():
        if local(element) == "sheet" and attr(element, "state") not in ("hidden", "veryHidden"):
            target = targets.get(attr(element, "id") or "", "")
            if package.has(target):
                sheets.append(target)
    return sheets


def _sheet_rows(package: SafeZip, sheet: str, strings: list[str], budget: Budget) -> list[tuple[int, list[str]]]:
    rows: dict[int, dict[int, str]] = {}
    merges: list[tuple[int, int, int, int]] = []
    for _event, element in iter_xml(package.read(sheet), f"{package.name}:{sheet}", "Excel", events=("end",)):
        name = local(element)
        if name == "row":
            _take_row(element, rows, strings, budget)
            element.clear()
        elif name == "mergeCell":
            merge = _range(attr(element, "ref") or "")
            if merge:
                merges.append(merge)
    _fill_merges(rows, merges, budget)
    width = max((max(cells) for cells in rows.values() if cells), default=-1) + 1
    budget.columns(width)
    return [(number, [rows[number].get(col, "") for col in range(width)]) for number in sorted(rows)]


def _take_row(row: etree._Element, rows: dict[int, dict[int, str]], strings: list[str], budget: Budget) -> None:
    number = _int(attr(row, "r"), len(rows) + 1)
    if len(rows) >= budget.limits.rows or number > 1_048_576:
        raise LimitExceeded(f"工作表行数过多（超过{budget.limits.rows:,}行），已停止读取：{budget.name}")
    cells = rows.setdefault(number, {})
    for position, cell in enumerate(c for c in row if local(c) == "c"):
        column = _column(attr(cell, "r"), position)
        text = _cell_text(cell, strings)
        budget.cell()
        if text:
            budget.columns(column + 1)
            budget.paragraph(len(text))
            cells[column] = text


def _cell_text(cell: etree._Element, strings: list[str]) -> str:
    kind = attr(cell, "t") or "n"
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter() if local(t) == "t")
    value = next((child.text or "" for child in cell if local(child) == "v"), "")
    if kind == "s":
        index = _int(value, -1)
        return strings[index] if 0 <= index < len(strings) else ""
    if kind == "b":
        return "TRUE" if value == "1" else "FALSE"
    if kind == "n" and value.endswith(".0"):
        return value[:-2]
    return value


def _fill_merges(rows: dict[int, dict[int, str]], merges: list[tuple[int, int, int, int]], budget: Budget) -> None:
    for top, left, bottom, right in merges:
        budget.columns(right - left + 1)
        if bottom - top + 1 > budget.limits.rows:
            raise LimitExceeded(f"工作表合并单元格跨度异常（{bottom - top + 1:,}行），已停止读取：{budget.name}")
        value = rows.get(top, {}).get(left, "")
        for number in range(top + 1, bottom + 1):
            if number in rows or value:
                budget.cell()
                rows.setdefault(number, {})[left] = value


def _range(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.partition(":")
    start, end = _REF.match(first), _REF.match(last or first)
    if not start or not end:
        return None
    top, bottom = int(start.group(2)), int(end.group(2))
    left, right = _letters(start.group(1)), _letters(end.group(1))
    return (top, left, bottom, right) if top <= bottom and left <= right else None


def _column(ref: str | None, position: int) -> int:
    match = _REF.match(ref or "")
    return _letters(match.group(1)) if match else position


def _letters(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + ord(char) - ord("A") + 1
    return value - 1


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
