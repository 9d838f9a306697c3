"""Typed, pasted and filled text is checked when it arrives, not at export time (reliability reference §5.10).

Invisible characters split two ways. Zero-width spaces, joiners, the BOM and soft hyphens come along when text
is copied out of Word or web pages and mean nothing in a form: they are removed (the door that received the
text reports how many, see `invisible_characters`). Bidirectional overrides and other format controls can make
a name display as something it is not, and non-characters are not text at all: they are refused.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 control characters except tab and newlines, which multi-line cells legitimately hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_REMOVED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_REMOVED_PATTERN = re.compile(f"[{''.join(sorted(_REMOVED))}]")

SHORT_TEXT_LIMIT = 100  # names, titles, phone numbers
LONG_TEXT_LIMIT = 5000  # 具体工作内容, 完成情况


class InputRejected(ValueError):
    """The text cannot be accepted as typed; the message says why, in Chinese."""


def clean_text_input(value: str, *, limit: int = LONG_TEXT_LIMIT, multiline: bool = True) -> str:
    """Normalise line endings and Unicode form; drop zero-width characters; refuse control and format characters,
    non-characters, lone surrogates and overlong text."""
    if _SURROGATE.search(value):
        raise InputRejected("文字中含有无法识别的字符（不完整的 Unicode 代理字符），请重新输入或粘贴。")
    value = _REMOVED_PATTERN.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    bad = _CONTROL.search(value)
    if bad:
        raise InputRejected(f"文字中含有不可见的控制字符（U+{ord(bad.group()):04X}），请删除后再输入。")
    _refuse_format_characters(value)
    if not multiline and "\n" in value:
        raise InputRejected("此栏只能填写一行文字。")
    value = unicodedata.normalize("NFC", value)
    if len(value) > limit:
        raise InputRejected(f"文字过长：最多 {limit} 个字，当前 {len(value)} 个字。")
    return value


def _refuse_format_characters(value: str) -> None:
    for char in value:
        if unicodedata.category(char) == "Cf":
            raise InputRejected(f"文字中含有改变显示方向或不可见的格式字符（U+{ord(char):04X}），请删除后再输入。")
        if is_noncharacter(char):
            raise InputRejected(f"文字中含有不能使用的非字符码位（U+{ord(char):04X}），请删除后再输入。")


def is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def invisible_characters(text: str) -> int:
    """How many zero-width characters clean_text_input would remove from text, for the door to report."""
    return sum(1 for char in text if char in _REMOVED)


def removal_note(count: int) -> str:
    """The sentence a door shows after removing invisible characters ("" when none were)."""
    return f"已删除 {count} 个不可见字符（零宽空格等，复制粘贴时常带入）。" if count else ""
