"""The first table of a returned .docx or .xlsx as a grid of cells, with what stands above it.

Merged cells are kept as such — a cell merged down or across is read once, the cells it covers are marked
covered — because a person reads a merged 序号 once, and the manifest's digest (cells.py) counts it once.
(domain/reading's plan readers copy a merged value into every row instead: right for a task list, wrong here.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from gwr_desktop.domain.reading.docx_numbering import Numbering, read_numbering
from gwr_desktop.domain.reading.docx_reader import paragraph_text
from gwr_desktop.domain.reading.errors import PlanSourceError
from gwr_desktop.domain.reading.limits import Budget
from gwr_desktop.domain.reading.safe_zip import SafeZip, attr, iter_xml, local
from gwr_desktop.domain.reading.xlsx_parts import Range, Rows, as_int, read_sheet, shared_strings, visible_sheets
from gwr_desktop.domain.returns.package import Package, ReturnFileError, readable


@dataclass(frozen=True)
class Cell:
    text: str = ""
    covered: bool = False  # inside a merge that starts above or to the left: prints nothing of its own
    across: int = 1  # grid columns the cell spans (Word gridSpan, an Excel merge across)


@dataclass
class FileTable:
    before: list[str] = field(default_factory=list)  # texts above the table: label, title, 单位：…
    grid: list[list[Cell]] = field(default_factory=list)  # the table's rows (a sheet: all its rows)


def read_table(package: Package) -> FileTable:
    """The file's first table (Word) or first visible sheet (Excel); ReturnFileError when unreadable."""
    budget = Budget(package.zip.limits, package.name)
    try:
        return _docx(package.zip, budget) if package.format == "docx" else _xlsx(package.zip, budget)
    except PlanSourceError as error:
        raise ReturnFileError(readable(error)) from error


# ---- Word ----------------------------------------------------------------------------------------------------

def _docx(package: SafeZip, budget: Budget) -> FileTable:
    document = package.read("word/document.xml")
    # Automatic numbering needs numbering.xml and styles.xml (a third of the reading time of a small form):
    # only when a paragraph asks for it, directly or through a paragraph style.
    numbering = _numbering(package) if b"numPr" in document or b"pStyle" in document else Numbering()
    table = FileTable()
    for _event, element in iter_xml(document, f"{package.name}:document", "Word", events=("end",)):
        name, parent = local(element), element.getparent()
        if parent is None or local(parent) != "body":
            continue
        if name == "p":
            text = paragraph_text(element, numbering, budget)
            if text.strip():
                table.before.append(text)
        elif name == "tbl":
            table.grid = [_docx_row(row, numbering, budget) for row in element if local(row) == "tr"]
            return table
        element.clear()
    return table


def _numbering(package: SafeZip) -> Numbering:
    def optional(member: str) -> etree._Element | None:
        return package.xml(member) if package.has(member) else None

    return read_numbering(optional("word/numbering.xml"), optional("word/styles.xml"))


def _docx_row(row: etree._Element, numbering: Numbering, budget: Budget) -> list[Cell]:
    cells: list[Cell] = []
    for tc in (child for child in row if local(child) == "tc"):
        across, merge = 1, None
        lines = []
        for child in tc:
            if local(child) == "tcPr":
                across, merge = _cell_props(child)
            elif local(child) == "p":
                lines.append(paragraph_text(child, numbering, budget))
        budget.columns(len(cells) + across)
        budget.cell(across)
        if merge == "continue":
            cells += [Cell(covered=True)] * across
        else:
            cells += [Cell("\n".join(lines), across=across)] + [Cell(covered=True)] * (across - 1)
    return cells


def _cell_props(tc_pr: etree._Element) -> tuple[int, str | None]:
    across, merge = 1, None
    for child in tc_pr:
        if local(child) == "gridSpan":
            across = max(1, as_int(attr(child, "val"), 1))
        elif local(child) == "vMerge":
            merge = "restart" if attr(child, "val") == "restart" else "continue"
    return across, merge


# ---- Excel ---------------------------------------------------------------------------------------------------

def _xlsx(package: SafeZip, budget: Budget) -> FileTable:
    strings = shared_strings(package, budget)
    sheets = visible_sheets(package)
    if not sheets:
        raise ReturnFileError(f"Excel 文件中没有可见的工作表：{package.name}")
    rows, merges = read_sheet(package, sheets[0], strings, budget)
    return FileTable(grid=_grid(rows, merges, budget))


def _grid(rows: Rows, merges: list[Range], budget: Budget) -> list[list[Cell]]:
    height = max(rows, default=0)
    for top, _left, bottom, right in merges:
        if bottom - top > budget.limits.rows:
            raise ReturnFileError(f"工作表合并单元格跨度异常（{bottom - top + 1:,}行），已停止读取：{budget.name}")
        budget.columns(right + 1)
        height = max(height, bottom)
    if height > budget.limits.rows:
        raise ReturnFileError(f"工作表行数过多（超过{budget.limits.rows:,}行），已停止读取：{budget.name}")
    width = max([max(c, default=-1) + 1 for c in rows.values()] + [r + 1 for _, _, _, r in merges] + [0])
    budget.cell(height * width)
    grid = [[Cell(rows.get(r, {}).get(c, "")) for c in range(width)] for r in range(1, height + 1)]
    for top, left, bottom, right in merges:
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    grid[r - 1][c] = Cell(covered=True)
        grid[top - 1][left] = Cell(grid[top - 1][left].text, across=right - left + 1)
    return grid

