"""Typed and pasted text is checked when it arrives, not at export time (reliability.md §5.10)."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 control characters except tab and newlines, which multi-line cells legitimately hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

SHORT_TEXT_LIMIT = 100  # names, titles, phone numbers
LONG_TEXT_LIMIT = 5000  # 具体工作内容, 完成情况


class InputRejected(ValueError):
    """The text cannot be accepted as typed; the message says why, in Chinese."""


def clean_text_input(value: str, *, limit: int = LONG_TEXT_LIMIT, multiline: bool = True) -> str:
    """Normalise line endings and Unicode form; refuse control characters, lone surrogates, overlong text."""
    if _SURROGATE.search(value):
        raise InputRejected("文字中含有无法识别的字符（不完整的 Unicode 代理字符），请重新输入或粘贴。")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(value)
    if bad:
        raise InputRejected(f"文字中含有不可见的控制字符（U+{ord(bad.group()):04X}），请删除后再输入。")
    if not multiline and "\n" in value:
        raise InputRejected("此栏只能填写一行文字。")
    value = unicodedata.normalize("NFC", value)
    if len(value) > limit:
        raise InputRejected(f"文字过长：最多 {limit} 个字，当前 {len(value)} 个字。")
    return value
