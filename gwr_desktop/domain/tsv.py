"""Clipboard text as Excel and WPS exchange it: tab-separated cells, quoted when a cell holds a line break.

Excel writes a cell containing a tab, a line break or a leading quote as "…" with inner quotes doubled, ends
every row with CR LF (the last one too), and uses a bare LF for the line breaks inside a cell.
"""

from __future__ import annotations

ROW_END = "\r\n"


def format_rows(rows: list[list[str]]) -> str:
    """A rectangular block as clipboard text Excel/WPS paste back into the same cells."""
    return "".join("\t".join(_quote(cell) for cell in row) + ROW_END for row in rows)


def _quote(cell: str) -> str:
    cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    if any(ch in cell for ch in "\t\n") or cell.startswith('"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def parse_rows(text: str) -> list[list[str]]:
    """Clipboard text → rows of cells, padded to a rectangle. Empty text gives no rows."""
    if not text:
        return []
    rows: list[list[str]] = []
    row: list[str] = []
    position = 0
    length = len(text)
    while True:
        cell, position = _read_cell(text, position)
        row.append(cell)
        if position >= length:
            rows.append(row)
            break
        separator = text[position]
        position += 1
        if separator == "\t":
            continue
        if separator == "\r" and position < length and text[position] == "\n":
            position += 1
        rows.append(row)
        row = []
        if position >= length:  # the row end after the last row is not a new empty row
            break
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _read_cell(text: str, start: int) -> tuple[str, int]:
    """One cell starting at `start`; returns its value and the index of the separator after it."""
    if start < len(text) and text[start] == '"':
        quoted = _read_quoted(text, start)
        if quoted is not None:
            return quoted
    end = start
    while end < len(text) and text[end] not in "\t\r\n":
        end += 1
    return text[start:end], end


def _read_quoted(text: str, start: int) -> tuple[str, int] | None:
    """A "…" cell; None when the quotes do not close a cell (then the quote is ordinary text, as in Excel)."""
    parts: list[str] = []
    position = start + 1
    while position < len(text):
        quote = text.find('"', position)
        if quote < 0:
            return None
        parts.append(text[position:quote])
        if quote + 1 < len(text) and text[quote + 1] == '"':
            parts.append('"')
            position = quote + 2
            continue
        after = quote + 1
        if after >= len(text) or text[after] in "\t\r\n":
            return "".join(parts).replace("\r\n", "\n"), after
        return None
    return None
