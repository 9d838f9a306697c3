"""Text clean-up for the damaged plan dump: spaces, mixed-width punctuation, Chinese numerals."""

from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u201c\u201d\u3008-\u3011"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK}])")
_MULTISPACE = re.compile(r"[ \t\u00a0\u3000]+")
_ANY_SPACE = re.compile(r"[ \t\u00a0\u3000]|^\s|\s$")

# ASCII punctuation printed half-width by the text dump; in running Chinese text it is full-width.
_TO_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
_HALF_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{_CJK}\w%”])([,;:?!])|([,;:?!])(?=[{_CJK}“])")

_HALF_WIDTH_ANY = re.compile(r"[,;:?!()]")
# Parentheses are converted only in pairs, so "市域(郊)铁路" stays balanced either way.
_PAREN_PAIR = re.compile(r"\(([^()]*)\)")

_NUMERALS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def squeeze_spaces(text: str) -> str:
    """Drop the spaces a PDF dump puts beside Chinese characters; keep single spaces between Latin words."""
    if not _ANY_SPACE.search(text):
        return text
    text = _SPACE_NEAR_CJK.sub("", text)
    return _MULTISPACE.sub(" ", text).strip()


def to_full_width_punctuation(text: str) -> str:
    """Write clause punctuation the way the printed document does (，；：（）) in Chinese context."""
    if not _HALF_WIDTH_ANY.search(text):
        return text
    text = _HALF_PUNCT_NEAR_CJK.sub(lambda m: _TO_FULL_WIDTH[m.group(1) or m.group(2)], text)
    previous = None
    while previous != text:
        previous = text
        text = _PAREN_PAIR.sub(lambda m: f"（{m.group(1)}）", text)
    return text


def clean_text(text: str) -> str:
    """The display form of a line of plan text."""
    return to_full_width_punctuation(squeeze_spaces(unicodedata.normalize("NFC", text)))


def to_half_width_punctuation(text: str) -> str:
    """Fold full-width punctuation to ASCII so one set of patterns matches both printings."""
    table = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "．": ".", "、": "、"})
    return text.translate(table)


def chinese_numeral_value(numeral: str) -> int:
    """一 → 1, 十 → 10, 十五 → 15, 二十 → 20, 二十三 → 23 (enough for plan numbering)."""
    if not numeral or any(ch not in _NUMERALS and ch != "十" for ch in numeral):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    if "十" not in numeral:
        value = 0
        for ch in numeral:
            value = value * 10 + _NUMERALS[ch]
        return value
    tens, _, units = numeral.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    tens, units = divmod(value, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")
