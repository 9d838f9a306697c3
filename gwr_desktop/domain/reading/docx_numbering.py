"""Word automatic numbering (w:numPr): rebuild the number a reader sees from numbering.xml.

A paragraph's list is its w:numId (directly or through its style); the w:num names an abstract list whose
w:lvl elements give each level's start, format (decimal, chineseCounting …), text pattern ("（%1）", "%1.",
"%1、%2") and restart rule. Counters belong to the abstract list, so w:num instances that share it continue
one another unless a w:lvlOverride/w:startOverride restarts them, as Word does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from gwr_desktop.domain.reading.numbers import format_number
from gwr_desktop.domain.reading.safe_zip import attr, local

_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_LEVELS = 9


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # 1-based level after which this one restarts; None: after any higher level


@dataclass
class ListInstance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl → startOverride
    level_defs: dict[int, Level] = field(default_factory=dict)  # ilvl → a w:lvl given inside the override
    used: bool = False


@dataclass
class Numbering:
    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    instances: dict[str, ListInstance] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    _counters: dict[str, list[int | None]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number text of the next paragraph in list num_id at level ilvl ("" when not numbered)."""
        instance = self.instances.get(num_id)
        if instance is None or not 0 <= ilvl < _MAX_LEVELS:
            return ""
        levels = self.abstracts.get(instance.abstract, {})
        counters = self._counters.setdefault(instance.abstract, [None] * _MAX_LEVELS)
        if not instance.used:
            instance.used = True
            for at, start in instance.overrides.items():
                counters[at] = start - 1 if 0 <= at < _MAX_LEVELS else None
        level = self._level(instance, levels, ilvl)
        current = counters[ilvl]
        counters[ilvl] = (level.start if current is None else current + 1)
        self._restart_below(instance, levels, counters, ilvl)
        return self._render(instance, levels, counters, level)

    def _level(self, instance: ListInstance, levels: dict[int, Level], ilvl: int) -> Level:
        return instance.level_defs.get(ilvl) or levels.get(ilvl) or Level()

    def _restart_below(self, instance: ListInstance, levels: dict[int, Level], counters: list[int | None],
                       ilvl: int) -> None:
        for lower in range(ilvl + 1, _MAX_LEVELS):
            rule = self._level(instance, levels, lower).restart
            # No w:lvlRestart: restart after any higher level; 0: never; N: after level N (1-based) or higher.
            if rule is None or (rule > 0 and ilvl <= rule - 1):
                counters[lower] = None

    def _render(self, instance: ListInstance, levels: dict[int, Level], counters: list[int | None],
                level: Level) -> str:
        if level.fmt == "bullet":
            return ""

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            other = self._level(instance, levels, index)
            count = counters[index]
            return format_number(other.start if count is None else count, other.fmt)

        return _PLACEHOLDER.sub(value, level.text)


def read_numbering(root: etree._Element | None, styles: etree._Element | None) -> Numbering:
    numbering = Numbering()
    if root is not None:
        for element in root:
            name = local(element)
            if name == "abstractNum":
                numbering.abstracts[attr(element, "abstractNumId") or ""] = _levels(element)
            elif name == "num":
                numbering.instances[attr(element, "numId") or ""] = _instance(element)
    if styles is not None:
        numbering.style_numbering = _style_numbering(styles)
    return numbering


def _levels(abstract: etree._Element) -> dict[int, Level]:
    levels = {}
    for element in abstract:
        if local(element) == "lvl":
            ilvl = _int(attr(element, "ilvl"), 0)
            if 0 <= ilvl < _MAX_LEVELS:
                levels[ilvl] = _level(element)
    return levels


def _level(element: etree._Element) -> Level:
    values = {local(child): attr(child, "val") for child in element}
    restart, text = _int(values.get("lvlRestart"), -1), values.get("lvlText")
    return Level(
        start=max(0, min(_int(values.get("start"), 1), 100_000)), fmt=values.get("numFmt") or "decimal",
        text=text if text is not None else "%1.",
        restart=None if restart < 0 else restart,
    )


def _instance(num: etree._Element) -> ListInstance:
    instance = ListInstance(abstract="")
    for child in num:
        name = local(child)
        if name == "abstractNumId":
            instance.abstract = attr(child, "val") or ""
        elif name == "lvlOverride":
            ilvl = _int(attr(child, "ilvl"), 0)
            for inner in child:
                if local(inner) == "startOverride":
                    instance.overrides[ilvl] = max(0, min(_int(attr(inner, "val"), 1), 100_000))
                elif local(inner) == "lvl" and 0 <= ilvl < _MAX_LEVELS:
                    instance.level_defs[ilvl] = _level(inner)
    return instance


def _style_numbering(styles: etree._Element) -> dict[str, tuple[str, int]]:
    """Paragraph styles that carry numbering (w:style/w:pPr/w:numPr), following w:basedOn."""
    direct: dict[str, tuple[str, int]] = {}
    based: dict[str, str] = {}
    for style in styles:
        if local(style) != "style":
            continue
        style_id = attr(style, "styleId") or ""
        for child in style:
            if local(child) == "basedOn":
                based[style_id] = attr(child, "val") or ""
            elif local(child) == "pPr":
                found = num_pr(child)
                if found:
                    direct[style_id] = found
    resolved = {}
    for style_id in set(direct) | set(based):
        seen, current = set(), style_id
        while current and current not in direct and current not in seen:
            seen.add(current)
            current = based.get(current, "")
        if current in direct:
            resolved[style_id] = direct[current]
    return resolved


def num_pr(ppr: etree._Element) -> tuple[str, int] | None:
    """(numId, ilvl) of a w:pPr's w:numPr, or None."""
    for child in ppr:
        if local(child) == "numPr":
            values = {local(grand): attr(grand, "val") for grand in child}
            return values.get("numId") or "", _int(values.get("ilvl"), 0)
    return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
