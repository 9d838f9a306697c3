"""Checks that lighten the reading of ~90 reports: what to look at first, never a verdict.

- 与上季度相同: the 完成情况 is, but for white space, last quarter's — a report copied forward unchanged;
- 未报数字: the item promises a figure (domain/targets.py finds `新增…200家`) and the report names none;
- 完成比例: for each figure promised, the share reached where the report names one in the same unit
  (its 完成数 column, else a number in the text that stands with that unit and shares words with the target
  just before it — "完成阶段任务50%" says nothing about "地区生产总值增长6.5%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gwr_desktop.domain.returns.cells import visible
from gwr_desktop.domain.targets import Target, find_targets

SAME_AS_BEFORE, NO_FIGURE, REACHED = "same_as_before", "no_figure", "reached"
_NUMBER = r"(\d+(?:\.\d+)?)"
_CONTEXT = 16  # characters before a number that must share words with the target ("新增…便利店136家")


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    share: Decimal | None = None  # percentage reached (REACHED)
    target: str = ""  # the target's clause, "新增品牌连锁便利店200家"


def check_progress(item_text: str, text: str, previous: str = "", figure: str = "") -> list[Finding]:
    """Findings for one item's 完成情况 (text), given last quarter's (previous) and its 完成数 (figure)."""
    found: list[Finding] = []
    if text.strip() and previous.strip() and visible(text) == visible(previous):
        found.append(Finding(SAME_AS_BEFORE, "完成情况与上季度相同"))
    targets = find_targets(item_text)
    if not targets or not text.strip():
        return found
    shares = [_reached(target, text, figure) for target in targets]
    if all(share is None for share in shares) and not re.search(r"\d", text + figure):
        found.append(Finding(NO_FIGURE, f"有量化目标（{targets[0].clause}），完成情况中没有数字",
                             target=targets[0].clause))
    for target, share in zip(targets, shares, strict=True):
        if share is not None:
            found.append(Finding(REACHED, f"{target.clause}：完成 {share}%", share, target.clause))
    return found


def _reached(target: Target, text: str, figure: str) -> Decimal | None:
    value = _value_in(figure, target, context=False) if figure.strip() else None
    if value is None:
        value = _value_in(text, target)
    if value is None or target.value == 0:
        return None
    return (value * 100 / target.value).quantize(Decimal("0.1"))


def _value_in(text: str, target: Target, *, context: bool = True) -> Decimal | None:
    """The number in text that stands with the target's unit, nearest the target's own words. In running text a
    number with no word of the target before it is about something else; the 完成数 column (context=False)
    holds nothing but figures, so there any number in the unit counts."""
    candidates = [(m.start(), m.group(1)) for m in re.finditer(_NUMBER + r"\s*" + re.escape(target.unit), text)]
    words = set(_bigrams(target.clause))
    scored = [(len(words & set(_bigrams(text[max(0, start - _CONTEXT):start]))), number)
              for start, number in candidates if not _part_of_larger(text, start)]
    scored = [(score, number) for score, number in scored if score > 0 or not context]  # else: about another thing
    if not scored:
        return None
    _score, number = max(scored, key=lambda c: c[0])
    try:
        return Decimal(number)
    except InvalidOperation:  # pragma: no cover - the pattern only matches decimals
        return None


def _part_of_larger(text: str, start: int) -> bool:
    """"2023年…" is not "23…": a match must not begin inside a longer number."""
    return start > 0 and (text[start - 1].isdigit() or text[start - 1] == ".")


def _bigrams(text: str) -> list[str]:
    flat = visible(text)
    return [flat[i:i + 2] for i in range(len(flat) - 1)]
