"""Qt-free estimate of how many lines a text needs in a column, for Excel row heights.

Excel never autofits rows holding merged cells, so heights are computed here: a CJK glyph (or full-width
punctuation) is one em wide, Latin letters and digits about half an em.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache

MM_PER_PT = 25.4 / 72
CELL_PADDING_MM = 3.0  # inner cell margins, both sides together (1.5 mm each in every renderer)
LINE_FACTOR = 1.32  # line height / font size for CJK fonts in Excel and WPS
FIT_EM = 0.6  # width of a digit or letter when fitting an unbreakable text, safe for every fallback font


@cache  # a form's texts use a few thousand distinct characters, looked up tens of thousands of times
def char_width_em(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return 0.5 if char.isdigit() else 0.55


def text_lines(text: str, width_mm: float, size_pt: float) -> int:
    """Wrapped line count of text in a column width_mm wide, each "\\n" starting a new paragraph."""
    usable_em = max((width_mm - CELL_PADDING_MM) / (size_pt * MM_PER_PT), 1.0)
    lines = 0
    for paragraph in (text or "").split("\n"):
        width = sum(map(char_width_em, paragraph))
        lines += max(1, math.ceil(width / usable_em - 1e-9))
    return lines


def row_height_pt(texts: list[tuple[str, float]], size_pt: float, minimum: float = 0.0) -> float:
    """Height of a row whose cells hold (text, column width in mm) pairs."""
    lines = max((text_lines(text, width, size_pt) for text, width in texts), default=1)
    return max(minimum, lines * size_pt * LINE_FACTOR + 4)


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
