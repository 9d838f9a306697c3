"""A plain-text dump of the plan in UTF-8, GB18030/GBK or UTF-16 (with or without BOM).

Decoding is strict first. A file that is almost entirely valid in one encoding (a few damaged bytes, as a
copied or truncated file has) is decoded with replacement characters, and each damaged line is reported
rather than the whole file refused or silently garbled.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from gwr_desktop.domain.reading.clean import clean_line
from gwr_desktop.domain.reading.document import ReadNote, SourceDocument, SourceLine, digest_of
from gwr_desktop.domain.reading.errors import LimitExceeded, PlanSourceError
from gwr_desktop.domain.reading.limits import DEFAULT_LIMITS, Budget, Limits

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\t\n\r\u2014\u201c\u201d\u3008-\u3011]")
_MAX_DAMAGED_SHARE = 0.002  # at most 1 damaged byte in 500 is "a damaged file", beyond that "not this encoding"


def read_text_file(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    if len(data) > limits.text_file_bytes:
        raise LimitExceeded(f"文本文件过大（超过{limits.text_file_bytes // (1024 * 1024)}MB）"
            f"，不像一份责任分解方案：{path.name}")
    text, encoding, damaged = decode(data, path.name)
    document = SourceDocument(format="txt", lines=[], name=path.name, digest=digest_of(data))
    budget = Budget(limits, path.name)
    for number, raw in enumerate(text.splitlines(), start=1):
        line, removed = clean_line(raw)
        budget.paragraph(len(line))
        if "\ufffd" in raw and damaged:
            document.notes.append(ReadNote("damaged_text", number, line,
                                           f"第{number}行有无法按{encoding}识别的字节，已用“�”代替"))
        if removed:
            document.notes.append(ReadNote("invisible_characters", number, line,
                                           f"第{number}行含不可见字符（{'、'.join(removed[:5])}），已删除"))
        document.lines.append(SourceLine(number, line, tuple(line.split("\t")) if "\t" in line else None))
    return document


def decode(data: bytes, name: str) -> tuple[str, str, bool]:
    """(text, encoding name for messages, whether bytes were replaced)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _lenient(data[len(bom):], encoding, name)
    for attempt in (_strict_utf8, _bomless_utf16, _strict_gb18030):
        found = attempt(data)
        if found is not None:
            return found, _LABELS[attempt.__name__], False
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") <= max(3, len(data) * _MAX_DAMAGED_SHARE) and _looks_like_text(text):
            return text, encoding.upper(), True
    raise PlanSourceError(
        f"无法识别文件的文字编码（应为 UTF-8、GBK/GB18030 或 UTF-16），或者这不是文本文件：{name}。"
        "请在记事本或 WPS 中打开后另存为 UTF-8 文本，或直接导入 Word（.docx）文件。")


_LABELS = {"_strict_utf8": "UTF-8", "_bomless_utf16": "UTF-16", "_strict_gb18030": "GB18030"}


def _lenient(data: bytes, encoding: str, name: str) -> tuple[str, str, bool]:
    text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > max(3, len(text) * _MAX_DAMAGED_SHARE):
        raise PlanSourceError(f"文件以 {encoding.upper()} 标记开头，但内容大量损坏，无法读取：{name}")
    return text, encoding.upper(), "\ufffd" in text


def _strict_utf8(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if _looks_like_text(text) else None


def _strict_gb18030(data: bytes) -> str | None:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if _looks_like_text(text) else None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: line breaks fall on code-unit boundaries and the text reads as Chinese."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding, newline in (("utf-16-le", b"\n\x00"), ("utf-16-be", b"\x00\n")):
        breaks = sum(1 for i in range(0, min(len(data), 1 << 16), 2) if data[i:i + 2] == newline)
        if breaks == 0 and len(data) > 400:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text, share=0.97):
            return text
    return None


def _looks_like_text(text: str, share: float = 0.9) -> bool:
    """Mostly Chinese, ASCII and CJK punctuation: true of any plan, false of binary decoded by accident."""
    sample = text[:20000]
    if not sample:
        return True
    return len(_PLAUSIBLE.findall(sample)) >= share * len(sample)
