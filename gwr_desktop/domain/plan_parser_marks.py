"""The numbering styles a plan's outline is written in, and the mark that opens each line of it.

Chinese official documents number their levels in a fixed order (GB/T 9704): 第一部分 > 一、 > （一） > 1. >
（1） > ①, with unnumbered "——" headings between （一） and 1. in many plans. A plan uses some of these, skips
others, and may number its items at any of them (the 2023 Wuhan plan: （一） directly under 一、 in part 一, 1.
under （一） elsewhere). The rank of a style says which styles can hold which; which entries are items and which
are headings is decided from the document (plan_parser_outline), not from the style.

Word's automatic numbers are already written into the text by the docx reader, so the same marks apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwr_desktop.domain.text import chinese_numeral_value

PART_WORD = "part_word"  # 第一部分 / 第一篇 / 第一章
CN = "cn"  # 一、
PCN = "pcn"  # （一）
DASH = "dash"  # ——（an unnumbered heading）
NUM = "num"  # 1. / 1． / 1、
PNUM = "pnum"  # （1）
RNUM = "rnum"  # 1）
CIRC = "circ"  # ①
# Styles the parser makes itself: a table's item rows and category cells, and a heading the document lost.
ROW = "row"
CATEGORY = "category"
IMPLICIT = "implicit"

RANK = {IMPLICIT: -1, PART_WORD: 0, CN: 1, PCN: 2, CATEGORY: 2.5, DASH: 3, NUM: 4, PNUM: 5, RNUM: 5, CIRC: 6,
        ROW: 7}
NUMBERED = frozenset({PART_WORD, CN, PCN, NUM, PNUM, RNUM, CIRC, ROW})

_CN_DIGITS = "一二三四五六七八九十"
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PATTERNS = (
    (PART_WORD, re.compile(r"^第\s*(?P<v>[一二三四五六七八九十]{1,3})\s*(?:部分|篇|章)\s*[、.．:：]?\s*(?P<rest>.*)$")),
    (CN, re.compile(r"^(?P<v>[一二三四五六七八九十]{1,3})\s*[、.．](?!\d)\s*(?P<rest>.*)$")),
    (PCN, re.compile(r"^[(（]\s*(?P<v>[一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*(?P<rest>.*)$")),
    (NUM, re.compile(r"^(?P<v>\d{1,5})\s*[.．、](?!\d)\s*(?P<rest>.*)$")),
    (PNUM, re.compile(r"^[(（]\s*(?P<v>\d{1,3})\s*[)）]\s*[、.．]?\s*(?P<rest>.*)$")),
    (RNUM, re.compile(r"^(?P<v>\d{1,3})\s*[)）]\s*(?P<rest>.+)$")),
    (CIRC, re.compile(rf"^(?P<v>[{_CIRCLED}])\s*[、.．]?\s*(?P<rest>.*)$")),
    (DASH, re.compile(r"^[—─－-]{2,}\s*(?P<rest>.+)$")),
)
_BY_FIRST: dict[str, tuple] = {}


@dataclass(frozen=True)
class Mark:
    style: str
    value: int  # 0 for an unnumbered heading
    label: str  # the mark as the plan prints it, normalised: "第一部分", "一、", "（一）", "1.", "（1）", "①"
    rest: str  # the line after the mark

    @property
    def rank(self) -> float:
        return RANK[self.style]


def _first_chars() -> dict[str, tuple]:
    """Only the patterns a line's first character allows (a 32,000-item plan is read in linear time)."""
    table: dict[str, list] = {}
    for style, pattern in _PATTERNS:
        firsts = {PART_WORD: "第", CN: _CN_DIGITS, PCN: "(（", NUM: "0123456789", PNUM: "(（", RNUM: "0123456789",
                  CIRC: _CIRCLED, DASH: "—─－-"}[style]
        for char in firsts:
            table.setdefault(char, []).append((style, pattern))
    return {char: tuple(found) for char, found in table.items()}


def mark_of(line: str) -> Mark | None:
    """The numbering mark a line opens with, or None for a line that continues the text before it."""
    if not _BY_FIRST:
        _BY_FIRST.update(_first_chars())
    first = line[:1]
    if first in "０１２３４５６７８９":
        line = line[:6].translate(_FULL_WIDTH_DIGITS) + line[6:]
        first = line[:1]
    for style, pattern in _BY_FIRST.get(first, ()):
        match = pattern.match(line)
        if match:
            return _mark(style, match)
    return None


def _mark(style: str, match: re.Match[str]) -> Mark | None:
    raw, rest = match.groupdict().get("v"), match.group("rest").strip()
    if style == DASH:
        return Mark(DASH, 0, "——", rest)
    value = _value(style, raw or "")
    if value <= 0:
        return None
    return Mark(style, value, label_of(style, value, raw or ""), rest)


def _value(style: str, raw: str) -> int:
    if style in (NUM, PNUM, RNUM):
        return int(raw)
    if style == CIRC:
        return _CIRCLED.index(raw) + 1
    try:
        return chinese_numeral_value(raw)
    except ValueError:
        return 0


def label_of(style: str, value: int, raw: str = "") -> str:
    """The mark as printed, normalised to one form per style ("1．" and "1、" → "1.")."""
    if style in (PART_WORD, CN, PCN):
        numeral = raw if raw and not raw.isdigit() else _numeral(value)
        return {PART_WORD: f"第{numeral}部分", CN: f"{numeral}、", PCN: f"（{numeral}）"}[style]
    if style == NUM:
        return f"{value}."
    if style == PNUM:
        return f"（{value}）"
    if style == RNUM:
        return f"{value}）"
    if style == CIRC:
        return _CIRCLED[value - 1] if 1 <= value <= 20 else str(value)
    return str(value) if style == ROW else ""


def _numeral(value: int) -> str:
    from gwr_desktop.domain.text import chinese_numeral

    return chinese_numeral(value) if 0 < value < 100 else str(value)


def segment(style: str, value: int, ordinal: int) -> str:
    """How a level appears inside an item key: "(二)" for （二）, "一" for 一、, "3" for 3., "(3)" for （3）."""
    if style in (PCN, CATEGORY) or (style in (DASH, IMPLICIT) and not value):
        return f"({_numeral(value or ordinal)})"
    if style in (CN, PART_WORD, IMPLICIT):
        return _numeral(value or ordinal)
    if style in (PNUM, RNUM):
        return f"({value})"
    if style == CIRC:
        return _CIRCLED[value - 1] if 1 <= value <= 20 else str(value)
    return str(value or ordinal)
