"""Fonts and type sizes of the official forms (GB/T 9704 conventions), with fallback chains.

Word and WPS take one family per run (the first name, plus `altName` in the font table); Qt takes the whole
list and uses the first one installed. Noto CJK ends every chain so Linux/信创 machines still print Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass

# Chinese type sizes in points.
SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号
SIZE_SMALL_4 = 12.0  # 小四
SIZE_5 = 10.5  # 五号


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


_SONG_FALLBACKS = ("方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun", "Noto Serif CJK SC")
_FANG_FALLBACKS = ("仿宋", "FangSong", "方正仿宋_GBK", "方正仿宋简体", "Noto Serif CJK SC")
_HEI_FALLBACKS = ("SimHei", "方正黑体_GBK", "Noto Sans CJK SC")

TITLE = FontRole("方正小标宋简体", _SONG_FALLBACKS, SIZE_2)  # 2号小标宋
LABEL = FontRole("黑体", _HEI_FALLBACKS, SIZE_3)  # 附表N: 3号黑体, top left
FIELDS = FontRole("仿宋_GB2312", _FANG_FALLBACKS, SIZE_4)  # 单位：… 主要负责人(签字)：
TABLE_HEAD = FontRole("黑体", _HEI_FALLBACKS, SIZE_SMALL_4)
TABLE_BODY = FontRole("仿宋_GB2312", _FANG_FALLBACKS, SIZE_SMALL_4)
PART_HEADING = FontRole("黑体", _HEI_FALLBACKS, SIZE_SMALL_4)
NOTE = FontRole("仿宋_GB2312", _FANG_FALLBACKS, SIZE_SMALL_4)
PAGE_NUMBER = FontRole("宋体", ("SimSun", "Noto Serif CJK SC"), SIZE_4)  # 4号半角宋体 "— 1 —"

# What Word/WPS should substitute when the named font is missing (fontTable altName).
ALT_NAMES = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "黑体": "SimHei", "宋体": "SimSun"}
