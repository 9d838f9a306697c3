"""Qt-free estimate of how many lines a text needs in a column, for Excel row heights and Word's cantSplit.

Excel never autofits rows holding merged cells, so heights are computed here: a CJK glyph (or full-width
punctuation) is one em wide, Latin letters and digits about half an em. The estimate must never be short:
a .xlsx is opened where 仿宋_GB2312 may be missing, and WPS/LibreOffice on 信创 Linux then set it in a fallback
such as Noto CJK, whose lines are 1.45 em tall (仿宋 itself: about 1.3 em in Excel). Heights use the taller,
and a line is filled only to 95% (line breaking keeps "，" off a line's start, so lines end short).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

MM_PER_PT = 25.4 / 72
CELL_PADDING_MM = 3.0  # inner cell margins, both sides together (1.5 mm each in every renderer)
LINE_FACTOR = 1.5  # line height / font size: Noto CJK's 1.45 em, the tallest fallback, and a little more
FILL = 0.95  # share of a line's width the estimate fills before it breaks
FIT_EM = 0.6  # width of a digit or letter when fitting an unbreakable text, safe for every fallback font


@cache  # a form's texts use a few thousand distinct characters, looked up tens of thousands of times
def char_width_em(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return 0.5 if char.isdigit() else 0.55


@lru_cache(maxsize=16384)  # a form measures the same text for its height, its pieces and its merged rows
def text_lines(text: str, width_mm: float, size_pt: float) -> int:
    """Wrapped line count of text in a column width_mm wide, each "\\n" starting a new paragraph."""
    usable = usable_ems(width_mm, size_pt)
    if len(text) <= usable and "\n" not in text:
        return 1  # no character is wider than an em
    return len(line_spans(text, usable))


def usable_ems(width_mm: float, size_pt: float) -> float:
    return max((width_mm - CELL_PADDING_MM) / (size_pt * MM_PER_PT) * FILL, 1.0)


def line_height_pt(size_pt: float) -> float:
    return size_pt * LINE_FACTOR


def line_spans(text: str, usable_em: float) -> list[tuple[int, int]]:
    """(start, end) of each estimated line, characters filled greedily as a renderer does; a "\\n" ends its
    line and belongs to it (a trailing one adds no line: an empty last line holds nothing to lose)."""
    spans, start, used = [], 0, 0.0
    for index, char in enumerate(text):
        if char == "\n":
            spans.append((start, index + 1))
            start, used = index + 1, 0.0
            continue
        width = char_width_em(char)
        if used + width > usable_em and index > start:
            spans.append((start, index))
            start, used = index, 0.0
        used += width
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def split_lines(text: str, width_mm: float, size_pt: float, max_lines: int) -> list[str]:
    """text cut into pieces of at most max_lines estimated lines each, cut where a line ends; the pieces
    joined give the text back exactly."""
    usable = usable_ems(width_mm, size_pt)
    per_line = max(1, int(usable))
    if sum(-(-len(p) // per_line) or 1 for p in text.split("\n")) <= max_lines:
        return [text]  # even with every character an em wide it takes at most max_lines lines
    spans = line_spans(text, usable)
    return [text[spans[i][0]:spans[min(i + max_lines, len(spans)) - 1][1]] for i in range(0, len(spans), max_lines)]


def row_height_pt(texts: list[tuple[str, float]], size_pt: float, minimum: float = 0.0) -> float:
    """Height of a row whose cells hold (text, column width in mm) pairs."""
    lines = max((text_lines(text, width, size_pt) for text, width in texts), default=1)
    return max(minimum, lines * line_height_pt(size_pt) + 4)


_PHONE = re.compile(r"[\d\s+\-()（）/、,，;；#*~]+")


def unbreakable(text: str) -> bool:
    """A text to keep on one line, shrinking it if need be: a run with no space and no CJK (a code, a mobile
    number), or a phone number written with spaces and separators ("027-8270 0001", "82700001/82700002")."""
    if not text or "\n" in text:
        return False
    if _PHONE.fullmatch(text) and sum(c.isdigit() for c in text) >= 5:
        return True
    return not any(c.isspace() or char_width_em(c) == 1.0 for c in text)


def fit_size(text: str, width_mm: float, size_pt: float, *, smallest: float = 8.0) -> float:
    """The font size at which an unbreakable text fits its column on one line (never above size_pt).

    A mobile number in 附表2's 24 mm column would otherwise break after ten digits.
    """
    if not unbreakable(text):
        return size_pt
    ems = len(text) * FIT_EM  # Latin-only text; wide-digit fonts (Noto, 宋体) need more than half an em
    fitting = (width_mm - CELL_PADDING_MM) / (ems * MM_PER_PT)
    return max(smallest, min(size_pt, round(fitting * 2 - 0.5) / 2))  # whole or half points, rounded down
