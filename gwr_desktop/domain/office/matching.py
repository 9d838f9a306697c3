"""A returned file without a manifest (typed by hand, or re-saved by a program that dropped it): which unit,
which form and quarter, from what it prints — its title against the plan's title patterns, its 单位： line,
its column headers. A match is only a proposal: the 督查室 confirms it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from gwr_desktop.domain.form_defs import FormDefinition
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.returns.cells import visible

_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = r"(?P<quarter>前[1-4一二三四]季度|全年)"
_UNIT_LINE = re.compile(r"单位[:：](?P<unit>[^\s:：]{2,40})")


@dataclass(frozen=True)
class Match:
    unit: str
    kind: FormKind
    quarter: int | None
    how: str  # what it was recognised by, for the confirmation: "标题“…”"


def title_regex(definition: FormDefinition) -> re.Pattern[str]:
    """The title pattern as a regular expression over white-space-free text: {unit} and {quarter} captured."""
    pattern = visible(definition.title_pattern)
    pieces = re.split(r"(\{unit\}|\{quarter\})", pattern)
    parts = ["(?P<unit>.{2,40}?)" if p == "{unit}" else _QUARTER if p == "{quarter}" else re.escape(p)
             for p in pieces if p]
    return re.compile("".join(parts))


def match_file(before: Sequence[str], headers: Sequence[str], definitions: Mapping[FormKind, FormDefinition],
               unit_named: Callable[[str], str | None]) -> Match | str:
    """The file's unit, form and quarter, or why it cannot be told (Chinese)."""
    texts = [visible(t) for t in before if t.strip()]
    for kind, definition in definitions.items():
        regex = title_regex(definition)
        for text in texts:
            found = regex.search(text)
            if not found:
                continue
            unit = unit_named(found.group("unit")) or _unit_line(before, unit_named)
            quarter = _quarter(found.groupdict().get("quarter"))
            if unit is None:
                return f"标题“{text}”中的单位“{found.group('unit')}”不在单位名录中"
            if kind is FormKind.PROGRESS and quarter is None:
                return f"标题“{text}”中没有季度（前N季度）"
            return Match(unit, kind, quarter if kind is FormKind.PROGRESS else None, f"标题“{text}”")
    return _by_headers(before, headers, definitions, unit_named)


def _by_headers(before: Sequence[str], headers: Sequence[str], definitions: Mapping[FormKind, FormDefinition],
                unit_named: Callable[[str], str | None]) -> Match | str:
    shown = {visible(h) for h in headers}
    kinds = [kind for kind, d in definitions.items()
             if {visible(c.header) for c in d.columns if not c.optional} <= shown]
    unit = _unit_line(before, unit_named)
    if len(kinds) != 1 or unit is None:
        return "没有导出清单，标题和表头中也认不出单位和表格（请确认是本年度附表的样式）"
    if kinds[0] is FormKind.PROGRESS:
        quarter = next((_quarter(m.group()) for t in before for m in re.finditer(_QUARTER, visible(t))), None)
        if quarter is None:
            return "认出是完成情况表，但找不到季度（前N季度）"
        return Match(unit, kinds[0], quarter, "表头和“单位：”一行")
    return Match(unit, kinds[0], None, "表头和“单位：”一行")


def _unit_line(before: Sequence[str], unit_named: Callable[[str], str | None]) -> str | None:
    for text in before:
        for found in _UNIT_LINE.finditer(text):
            unit = unit_named(found.group("unit"))
            if unit is not None:
                return unit
    return None


def _quarter(text: str | None) -> int | None:
    if not text:
        return None
    if text == "全年":
        return 4
    return _QUARTERS.get(text[1])
