"""Characters no plan needs are removed at the door and reported (issue 17 #3); PDF font artefacts are folded.

Removed: C0/C1 controls other than tab, zero-width and bidi controls, BOMs inside the text, non-characters and
lone surrogates — an exported form cannot carry them (openpyxl/XML refuse them at the deadline).
Folded: the CJK radical code points that fonts' ToUnicode maps give for ordinary characters (⺠ → 民, ⻓ → 长),
and compatibility forms NFKC maps to one ideograph (〈 U+2329 → 〈).
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
# Radical code points that PDF fonts map instead of the ordinary (simplified) character; ⼾ (Kangxi) would
# fold to the traditional 戶 under NFKC, but a simplified font's door glyph is 户.
_RADICALS = dict(zip(
    "⺠⻓⻋⻛⻔⻩⻘⻅⻝⻰⻢⻬⻆⻄⻨⻜⻚⻉⻥⻦⻳⻮⺟⻈⻙⻤⼾",
    "民长车风门黄青见食龙马齐角西麦飞页贝鱼鸟龟齿母讠韦鬼户", strict=True,
))
_FOLD = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\u2329\u232a\u2e3a\u2e3b]")


def fold_char(char: str) -> str:
    if char in _RADICALS:
        return _RADICALS[char]
    if char == "\u2e3a":  # two-em dash: a PDF's "——"
        return "——"
    if char == "\u2e3b":
        return "———"
    return unicodedata.normalize("NFKC", char)


def clean_line(text: str) -> tuple[str, list[str]]:
    """The line without invisible characters (and the code points removed), with font artefacts folded."""
    removed = [f"U+{ord(ch):04X}" for ch in _INVISIBLE.findall(text)]
    if removed:
        text = _INVISIBLE.sub("", text)
    if _FOLD.search(text):
        text = _FOLD.sub(lambda match: fold_char(match.group()), text)
    return text, removed
