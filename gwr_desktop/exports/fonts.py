"""Fonts and type sizes of the official forms (GB/T 9704 conventions), with fallback chains.

A form's fonts are plain data carried in its FormLayout (`FormLayout.fonts`: role → family chain), so a signed
version freezes them with the rest of its layout. The first family of a chain is the GB/T name written into
.docx and .xlsx (Word and WPS take one family per run, plus `altName`/charset/panose in the font table); the
app's PDF uses the first family of the chain that this PC has (pdf_fonts). Noto CJK ends every chain so
Linux/信创 machines still print Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Chinese type sizes in points.
SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号
SIZE_SMALL_4 = 12.0  # 小四
SIZE_5 = 10.5  # 五号

FontChain = tuple[str, ...]
FontTable = tuple[tuple[str, FontChain], ...]  # what FormLayout.fonts holds: ((role, (family, …)), …)


@dataclass(frozen=True)
class FontRole:
    family: str
    fallbacks: tuple[str, ...]
    size_pt: float
    bold: bool = False

    @property
    def families(self) -> list[str]:
        return [self.family, *self.fallbacks]

    def sized(self, size_pt: float) -> FontRole:
        return FontRole(self.family, self.fallbacks, size_pt, self.bold)

    def with_chain(self, chain: FontChain) -> FontRole:
        return FontRole(chain[0], tuple(chain[1:]), self.size_pt, self.bold) if chain else self


SONG = ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun", "Noto Serif CJK SC")
FANG = ("仿宋_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "方正仿宋简体", "Noto Serif CJK SC")
HEI = ("黑体", "SimHei", "方正黑体_GBK", "Noto Sans CJK SC")
PAGE_SONG = ("宋体", "SimSun", "Noto Serif CJK SC")

TITLE = FontRole(SONG[0], SONG[1:], SIZE_2)  # 2号小标宋
LABEL = FontRole(HEI[0], HEI[1:], SIZE_3)  # 附表N: 3号黑体, top left
FIELDS = FontRole(FANG[0], FANG[1:], SIZE_4)  # 单位：… 主要负责人(签字)：
TABLE_HEAD = FontRole(HEI[0], HEI[1:], SIZE_SMALL_4)
TABLE_BODY = FontRole(FANG[0], FANG[1:], SIZE_SMALL_4)
PART_HEADING = FontRole(HEI[0], HEI[1:], SIZE_SMALL_4)
NOTE = FontRole(FANG[0], FANG[1:], SIZE_SMALL_4)
PAGE_NUMBER = FontRole(PAGE_SONG[0], PAGE_SONG[1:], SIZE_4)  # 4号半角宋体 "— 1 —"
DRAFT_MARK = FontRole(HEI[0], HEI[1:], SIZE_4)

# role name → (the role's size and weight, its default chain); the names are what FormLayout.fonts uses
_DEFAULTS: dict[str, FontRole] = {
    "title": TITLE, "label": LABEL, "fields": FIELDS, "table_head": TABLE_HEAD, "table_body": TABLE_BODY,
    "part_heading": PART_HEADING, "note": NOTE, "page_number": PAGE_NUMBER, "draft_mark": DRAFT_MARK,
}

# What Word/WPS should substitute when the named font is missing (fontTable altName), and the font table's
# PANOSE of each (Word matches a substitute by it); charset 86 (hex) = GB2312.
ALT_NAMES = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "黑体": "SimHei", "宋体": "SimSun",
             "仿宋": "FangSong"}
PANOSE = {"方正小标宋简体": "02000000000000000000", "仿宋_GB2312": "02010609030101010101",
          "仿宋": "02010609060101010101", "黑体": "02010609060101010101", "宋体": "02010600030101010101"}
GB2312_CHARSET = 134  # the charset Excel/WPS read from an xlsx font (GB2312 = 134)


def default_fonts() -> FontTable:
    """The GB/T 9704 chains for every role, as plain data for FormLayout.fonts."""
    return tuple((name, tuple(role.families)) for name, role in _DEFAULTS.items())


@dataclass(frozen=True)
class FontSet:
    """The roles of one form, with the family chains its layout names."""

    title: FontRole
    label: FontRole
    fields: FontRole
    table_head: FontRole
    table_body: FontRole
    part_heading: FontRole
    note: FontRole
    page_number: FontRole
    draft_mark: FontRole

    def all(self) -> tuple[FontRole, ...]:
        return tuple(getattr(self, name) for name in _DEFAULTS)


def font_set(table: FontTable | Mapping[str, FontChain] = ()) -> FontSet:
    """The roles with the chains of `table` (a layout's fonts); a role it does not name keeps its default."""
    chains = dict(table)
    return FontSet(**{name: role.with_chain(tuple(chains.get(name, ()))) for name, role in _DEFAULTS.items()})
