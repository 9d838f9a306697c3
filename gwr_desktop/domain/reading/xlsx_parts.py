"""The parts of an .xlsx package both Excel readers need: shared strings, the visible sheets, a sheet's cells
and its merged ranges — read straight from the package through SafeZip (bounded, entity-free) and counted
against the reading budget as they stream.

Two readers build on it and differ only in what they make of merges: the plan reader (xlsx_reader.py) copies
a merged value into every row it covers (a 牵头单位 over several tasks), the returned-form reader
(domain/returns/table.py) keeps a merge as one cell (a person reads a merged 序号 once).
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from gwr_desktop.domain.reading.errors import LimitExceeded
from gwr_desktop.domain.reading.limits import Budget
from gwr_desktop.domain.reading.safe_zip import SafeZip, attr, iter_xml, local

_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
EXCEL_ROWS = 1_048_576  # the most rows a sheet can have

Rows = dict[int, dict[int, str]]  # row number (from 1) → column (from 0) → text; empty cells left out
Range = tuple[int, int, int, int]  # top row, left column, bottom row, right column (rows from 1, columns from 0)


def shared_strings(package: SafeZip, budget: Budget) -> list[str]:
    """The workbook's shared strings, phonetic guides (rPh) left out."""
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


def visible_sheets(package: SafeZip) -> list[str]:
    """The package paths of the sheets a person sees (hidden and veryHidden ones left out), in tab order."""
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


def read_sheet(package: SafeZip, sheet: str, strings: list[str], budget: Budget) -> tuple[Rows, list[Range]]:
    """A sheet's non-empty cells by row and column, and its merged ranges."""
    rows: Rows = {}
    merges: list[Range] = []
    for _event, element in iter_xml(package.read(sheet), f"{package.name}:{sheet}", "Excel", events=("end",)):
        name = local(element)
        if name == "row":
            _take_row(element, rows, strings, budget)
            element.clear()
        elif name == "mergeCell":
            merge = cell_range(attr(element, "ref") or "")
            if merge:
                merges.append(merge)
    return rows, merges


def _take_row(row: etree._Element, rows: Rows, strings: list[str], budget: Budget) -> None:
    number = as_int(attr(row, "r"), len(rows) + 1)
    if len(rows) >= budget.limits.rows or not 0 < number <= EXCEL_ROWS:
        raise LimitExceeded(f"工作表行数过多或行号异常（超过{budget.limits.rows:,}行），已停止读取：{budget.name}")
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
        index = as_int(value, -1)
        return strings[index] if 0 <= index < len(strings) else ""
    if kind == "b":
        return "TRUE" if value == "1" else "FALSE"
    if kind == "n" and value.endswith(".0"):
        return value[:-2]
    return value


def _in_phonetic(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and local(parent) == "rPh"


def cell_range(ref: str) -> Range | None:
    """"B3:D5" → (3, 1, 5, 3); None for anything that is not a range of real cells."""
    first, _, last = ref.partition(":")
    start, end = _REF.match(first), _REF.match(last or first)
    if not start or not end:
        return None
    top, bottom = int(start.group(2)), int(end.group(2))
    left, right = _letters(start.group(1)), _letters(end.group(1))
    return (top, left, bottom, right) if 0 < top <= bottom and left <= right else None


def _column(ref: str | None, position: int) -> int:
    match = _REF.match(ref or "")
    return _letters(match.group(1)) if match else position


def _letters(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + ord(char) - ord("A") + 1
    return value - 1


def as_int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
