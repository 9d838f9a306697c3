"""Numeric targets inside an item's text (`新增品牌连锁便利店200家`, `增长10%以上`), judged in 完成情况 (硬账硬结)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Measure words a target is counted in. Longer ones first so "万平方米" wins over "平方米" and "万".
_UNIT_WORDS = """家 个 条 所 座 处 项 套 辆 艘 台 张 名 人 户 间 栋 幢 场 次 批 件
    株 棵 只 头 吨 亩 公顷 公里 千米 米 平方米
    万平方米 万人 万人次 万户 万辆 万套 万亩 万吨 万千瓦 千瓦 兆瓦 万元 亿元 元 万个 万家 万间 万张 万 亿 % 个百分点 倍
    年 天 小时 分钟"""
_UNITS = sorted(_UNIT_WORDS.split(), key=len, reverse=True)
# 年/天/小时/分钟 are in the list so "2023年" and "20分钟" are recognised and then dropped as non-targets.
_NOT_TARGETS = {"年", "天", "小时", "分钟"}
_NUMBER = r"\d+(?:\.\d+)?"
_PATTERN = re.compile(
    rf"(?P<value>{_NUMBER})\s*(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)})\s*(?P<qualifier>以上|左右|以内|以下)?"
)
_CLAUSE_BREAK = re.compile(r"[，。；、,;：:！？]")


@dataclass(frozen=True)
class Target:
    """One figure an item promises: `clause` is the phrase it sits in, e.g. "新增品牌连锁便利店200家"."""

    clause: str
    value: Decimal
    unit: str
    qualifier: str = ""  # 以上 / 左右 / 以内 / 以下

    def text(self) -> str:
        return f"{_plain(self.value)}{self.unit}{self.qualifier}"


def find_targets(text: str) -> tuple[Target, ...]:
    """Every countable figure in the text, in order; years, durations and ordinals are left out."""
    found = []
    for match in _PATTERN.finditer(text):
        unit = match["unit"]
        if unit in _NOT_TARGETS or _is_ordinal(text, match.start()) or _is_code(text, match):
            continue
        found.append(Target(clause=_clause_around(text, match.start(), match.end()), value=Decimal(match["value"]),
                            unit=unit, qualifier=match["qualifier"] or ""))
    return tuple(found)


def figure_value(figure: str) -> Decimal | None:
    """The first number in a reported figure ("150家" → 150), or None when there is none."""
    match = re.search(_NUMBER, figure)
    if match is None:
        return None
    try:
        return Decimal(match.group())
    except InvalidOperation:  # pragma: no cover - the pattern only matches valid decimals
        return None


def share_reached(figure: str, target: Target) -> Decimal | None:
    """Reached / target as a percentage (one decimal), when both are numbers and the target is not zero."""
    value = figure_value(figure)
    if value is None or target.value == 0:
        return None
    return (value * 100 / target.value).quantize(Decimal("0.1"))


def _clause_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right_match = _CLAUSE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right].strip()


def _is_ordinal(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] == "第"


def _is_code(text: str, match: re.Match[str]) -> bool:
    """"5G", "G20": letters glued to the number are names, not figures."""
    before = text[match.start() - 1] if match.start() > 0 else ""
    return before.isascii() and before.isalpha()


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
