"""Reading single cells of an imported table: 序号, the （续） of a continued row, the "1." of a numbered work
entry, part headings, and a combined 分管领导 / 责任部门 cell."""

from __future__ import annotations

import re
import unicodedata

from gwr_desktop.domain.form_defs import ValueKind
from gwr_desktop.domain.forms import NUMERALS, PAREN_NUMBERED_PARTS

# What the exports print on a row continued from the page before: the text (maybe shortened) and （续）.
_CONTINUED = re.compile(r"\s*[(（]续[)）]\s*$")
_SHORTENED = "…"
_NUMERAL = f"[{NUMERALS}]+"
_PART_HEADING = re.compile(rf"^\s*({_NUMERAL})\s*[、.．]\s*\S")
_SECTION_HEADING = re.compile(rf"^\s*[(（]\s*{_NUMERAL}\s*[)）]\s*\S")
_KEYED = re.compile(rf"^({_NUMERAL})\s*[-－—–]\s*(\d{{1,4}})$")
_BARE = re.compile(r"^(\d{1,4})\s*[.．、]?$")
_PAREN = re.compile(rf"^[(（]\s*({_NUMERAL})\s*[)）]$")
# "1." as the exports number work entries ("1、" by hand); never "（1）", which texts use inside an entry.
_ENTRY_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.．、](?!\d)\s*")
# Words a department's name ends with; a person's name (2–4 characters) has none of them.
_DEPARTMENT_ENDINGS = ("处", "科", "室", "部", "局", "中心", "办", "站", "所", "队", "委", "院", "组", "股", "馆")


def numeral_value(text: str) -> int | None:
    """一 … 二十 as a number."""
    if not text or any(c not in NUMERALS for c in text):
        return None
    if len(text) == 1:
        return NUMERALS.index(text) + 1
    tens, _, ones = text.partition("十")
    value = (NUMERALS.index(tens) + 1 if tens else 1) * 10
    return value + (NUMERALS.index(ones) + 1 if ones else 0) if len(text) <= 3 else None


def is_continued(text: str) -> bool:
    """A repeated cell on a row continued from the page before: "…\\n（续）"."""
    return bool(_CONTINUED.search(text))


def without_continued(text: str) -> str:
    """The cell's text without its （续） and the "…" of a shortened repeat."""
    return _CONTINUED.sub("", text).rstrip().removesuffix(_SHORTENED).rstrip()


def parse_seq(text: str) -> tuple[str, int | None]:
    """(part, number) of a 序号 as printed: "5" → ("", 5), "二-5" → ("二", 5), "(三)" → ("一", 3) as the plan
    numbers its 主要预期目标; ("", None) when it is no number."""
    flat = unicodedata.normalize("NFKC", without_continued(text)).strip().replace(" ", "")
    if match := _KEYED.match(flat):
        return match.group(1), int(match.group(2))
    if match := _BARE.match(flat):
        return "", int(match.group(1))
    if (match := _PAREN.match(flat)) and (value := numeral_value(match.group(1))):
        return next(iter(PAREN_NUMBERED_PARTS)), value
    return "", None


def part_heading(text: str) -> str | None:
    """The part's numeral of a heading row such as "二、重点工作"."""
    match = _PART_HEADING.match(text)
    return match.group(1) if match and numeral_value(match.group(1)) else None


def is_section_heading(text: str) -> bool:
    """"（一）…" standing alone on a row: a section of the plan, not an item."""
    return bool(_SECTION_HEADING.match(text)) and parse_seq(text)[1] is None


def entry_number(text: str) -> int | None:
    match = _ENTRY_NUMBER.match(text)
    return int(match.group(1)) if match else None


def without_entry_number(text: str) -> str:
    """A work entry without the "1." (or "1、") a numbered column prints before it."""
    return _ENTRY_NUMBER.sub("", text, count=1)


def looks_like_department(text: str) -> bool:
    return text.strip().endswith(_DEPARTMENT_ENDINGS)


def split_combined(text: str, kinds: tuple[ValueKind, ...]) -> list[str]:
    """A cell printing several values one per line (分管领导 / 责任部门) → one value per kind.

    The exports leave out an empty value's line, so a single line goes to the person when it looks like a name
    and to the department when it ends like one; "张三/综合处" and "张三 综合处" are split too."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]
    if len(lines) == 1 and len(kinds) > 1:
        pieces = re.split(r"\s*[/／]\s*|\s+", lines[0])
        if len(pieces) == len(kinds):
            lines = pieces
    if len(lines) >= len(kinds):
        return [*lines[:len(kinds) - 1], "、".join(lines[len(kinds) - 1:])]
    values = [""] * len(kinds)
    for line in lines:
        values[_slot(line, kinds, values)] = line
    return values


def _slot(line: str, kinds: tuple[ValueKind, ...], values: list[str]) -> int:
    person = next((n for n, k in enumerate(kinds) if k is ValueKind.PERSON and not values[n]), None)
    other = next((n for n, k in enumerate(kinds) if k is not ValueKind.PERSON and not values[n]), None)
    if person is not None and (other is None or not looks_like_department(line)):
        return person
    return other if other is not None else next(n for n, v in enumerate(values) if not v)
