"""Which fonts this PC has, for the app's PDF and printing: the best installed family of each role's chain,
a clear refusal when no font can print Chinese at all, and the characters no installed font can print.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QImage

from gwr_desktop.exports.fonts import FontRole, FontSet, font_set
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf_text import lay_out, missing_glyphs


class NoChineseFontError(ValueError):
    """No installed font can print Chinese: a PDF would be empty boxes. The message is for the user."""


NO_FONT_MESSAGE = ("本机没有可用的中文字体，无法生成 PDF 或打印（只会得到方框）。"
                   "请安装仿宋_GB2312、方正小标宋简体、黑体（或 Noto CJK 等中文字体）后重试；"
                   "Word 和 Excel 文件不受影响。")


@cache
def _installed() -> frozenset[str]:
    return frozenset(QFontDatabase.families())


@cache
def _chinese() -> tuple[str, ...]:
    return tuple(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def installed_chain(role: FontRole) -> list[str]:
    """The role's families that this PC has, best first; any Chinese font last, so Chinese always prints."""
    chain = [family for family in role.families if family in _installed()]
    extra = [family for family in _chinese() if family not in chain]
    return chain + extra[:1]


def require_chinese_font() -> None:
    if not _chinese():
        raise NoChineseFontError(NO_FONT_MESSAGE)


@cache
def qfont(role: FontRole) -> QFont:
    """One QFont per role, shared (a QFont and its metrics cost far more to make than to look up)."""
    font = QFont(installed_chain(role) or role.families)
    font.setPointSizeF(role.size_pt)
    font.setBold(role.bold)
    return font


def _texts_by_role(layout: FormLayout, roles: FontSet) -> dict[FontRole, list[str]]:
    """The texts each font prints (roles of equal font share one list: 表下说明 and cells are both 仿宋 小四)."""
    body = [text for row in layout.rows if not row.heading for text in row.cells]
    pairs = [(roles.title, [layout.title]), (roles.label, [layout.label]), (roles.table_head, list(layout.headers)),
             (roles.part_heading, [row.cells[0] for row in layout.rows if row.heading]), (roles.table_body, body),
             (roles.fields, [label + value for label, value in layout.header_fields]), (roles.note, list(layout.notes))]
    texts: dict[FontRole, list[str]] = {}
    for role, some in pairs:
        texts.setdefault(role, []).extend(some)
    return texts


def unprintable(layout: FormLayout) -> list[str]:
    """Characters of the form that no font installed here can print (they would come out as boxes)."""
    device = QImage(8, 8, QImage.Format.Format_RGB32)
    missing: set[str] = set()
    for role, texts in _texts_by_role(layout, font_set(layout.fonts)).items():
        chars = _distinct(texts)
        if chars:
            missing |= missing_glyphs(lay_out(chars, qfont(role), 1e6, "left", device))
    return sorted(missing)


def _distinct(texts: Iterable[str]) -> str:
    seen = {c for text in texts for c in text}
    return "".join(sorted(c for c in seen if unicodedata.category(c)[0] not in "CZ"))


def unprintable_warning(layout: FormLayout) -> str:
    chars = unprintable(layout)
    if not chars:
        return ""
    listed = "、".join(f"{c}（U+{ord(c):04X}）" for c in chars[:20]) + ("等" if len(chars) > 20 else "")
    return (f"本机字体中没有以下 {len(chars)} 个字符的字形，PDF 和打印中会显示为方框：{listed}。"
            "请改用常用字，或安装含这些字的字体。")


def substitutions(layout: FormLayout) -> list[str]:
    """What the PDF and printing set in another font on this PC than the file names (information, not a
    warning: Word and Excel files keep the GB/T names and show them where those fonts are installed)."""
    instead: dict[str, str] = {}
    for role in font_set(layout.fonts).all():
        used = installed_chain(role)
        if used and used[0] != role.family:
            instead.setdefault(role.family, used[0])
    return [f"本机没有“{named}”，PDF 和打印用“{used}”代替。" for named, used in instead.items()]
