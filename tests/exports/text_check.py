"""Reading an exported PDF's text back (pdftotext) and checking that every typed character of every cell is there,
in order, with nothing lost — whatever the renderer (the app's PDF, LibreOffice from .docx or .xlsx)."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from gwr_desktop.exports.layout import FormLayout

_SPACE = re.compile(r"\s+")
RADICALS = re.compile("[\u2e80-\u2fdf]")  # CJK Radicals Supplement and Kangxi Radicals: look-alikes of ideographs
FIRST_WINDOW = 20_000  # a cell's text may start after the rest of its page (other columns, headings)
NEXT_WINDOW = 3_000  # a cell continued on the next page resumes after that page's header row and labels
SHORTEST_PIECE = 6  # a piece of a cell found elsewhere must be this long, so a false match cannot resync


def flat(text: str) -> str:
    return _SPACE.sub("", text)


def pdf_text(path: Path, *, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", *pages, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def columns_of(layout: FormLayout) -> list[list[str]]:
    """Each column's cell texts, top to bottom (a merged cell once; a part heading counts as column 0)."""
    inside = {(s.column, r) for s in layout.merges for r in range(s.first + 1, s.last + 1)}
    columns: list[list[str]] = [[] for _ in layout.columns]
    for index, row in enumerate(layout.rows):
        for col, text in enumerate(row.cells[:1] if row.heading else row.cells):
            if (col, index) not in inside and text:
                columns[col].append(text)
    return columns


def _match(haystack: str, needle: str, start: int, window: int) -> tuple[int, int]:
    """(position, length): the first place within window of start where needle's first characters stand (at
    least SHORTEST_PIECE of them, or all of a shorter needle), and how far the match goes on from there.
    The first place, not the longest match: a later repeat of the text (a "（续）" label) must not win."""
    head = needle[:SHORTEST_PIECE]
    at = haystack.find(head, start, start + window + len(head))
    if at < 0:
        return start, 0
    length = len(head)
    while length < len(needle) and at + length < len(haystack) and haystack[at + length] == needle[length]:
        length += 1
    return at, length


def lost_in_order(extracted: str, cells: Iterable[str]) -> list[str]:
    """Cells not found whole and in order: each may be cut into pieces (a page break), but every character must
    follow the previous one; returns a description of each cell that is not all there."""
    text, cursor, problems = flat(extracted), 0, []
    for cell in cells:
        rest, window, pieces = flat(cell), FIRST_WINDOW, []
        while rest:
            at, length = _match(text, rest, cursor, window)
            if length == 0:
                problems.append(f"lost after {len(flat(cell)) - len(rest)} of {len(flat(cell))} characters: "
                                f"{rest[:30]!r} (cell {cell[:20]!r}, pieces {pieces})")
                break
            pieces.append(length)
            cursor, rest, window = at + length, rest[length:], NEXT_WINDOW
    return problems


_PAGE = re.compile(r"<page\b")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
Word = tuple[float, float, float, float, str]


def words_by_page(path: Path) -> list[list[Word]]:
    """Every word pdftotext finds, with its box, page by page."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for chunk in _PAGE.split(out)[1:]:
        pages.append([(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in
                      _WORD.findall(chunk)])
    return pages


def column_bounds(first_page: list[Word], layout: FormLayout) -> list[float]:
    """The x of each column boundary as printed, from where the header texts stand (each centred in its column):
    a least-squares fit of offset and scale, so a renderer that scales the table (Excel's fit to width) works."""
    widths = [c.width_mm for c in layout.columns]
    starts = [sum(widths[:i]) for i in range(len(widths) + 1)]
    pairs = []
    for index, header in enumerate(layout.headers):
        first_line = header.split("\n")[0]
        found = [w for w in first_page if w[4] == first_line]
        if found:
            pairs.append((starts[index] + widths[index] / 2, (found[0][0] + found[0][2]) / 2))
    if len(pairs) < 2:
        raise AssertionError(f"header row not found on page 1: {layout.headers}")
    n = len(pairs)
    mean_r, mean_x = sum(r for r, _ in pairs) / n, sum(x for _, x in pairs) / n
    scale = sum((r - mean_r) * (x - mean_x) for r, x in pairs) / sum((r - mean_r) ** 2 for r, _ in pairs)
    return [mean_x + scale * (start - mean_r) for start in starts]


def column_streams(path: Path, layout: FormLayout) -> list[str]:
    """Each column's text through the whole document: the words starting inside it, line by line, page by page."""
    pages = words_by_page(path)
    bounds = column_bounds(pages[0], layout)
    streams = [[] for _ in layout.columns]
    for words in pages:
        for word in sorted(words, key=lambda w: (round(w[1]), w[0])):
            col = max((i for i, b in enumerate(bounds[:-1]) if word[0] >= b - 1.0), default=0)
            streams[min(col, len(streams) - 1)].append(word[4])
    return ["".join(s) for s in streams]


def every_cell_in_order(path: Path, layout: FormLayout) -> list[str]:
    """lost_in_order for each column of the layout, read column by column from the PDF."""
    streams = column_streams(path, layout)
    return [f"column {col}: {problem}" for col, cells in enumerate(columns_of(layout))
            for problem in lost_in_order(streams[col], cells)]


def typed_text(layout: FormLayout) -> str:
    rows = [text for row in layout.rows for text in row.cells]
    fields = [label + value for label, value in layout.header_fields]
    return "".join([layout.label, layout.title, *fields, *layout.headers, *rows, *layout.notes])
