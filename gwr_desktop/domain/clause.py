"""The responsibility clause at the end of an item: `(牵头单位:…;责任单位:…)` and its split variants."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwr_desktop.domain.plan import Assignment, Role
from gwr_desktop.domain.units import NamedUnit, UnitRegistry, _split_top_level

_LABELS = {"牵头单位": Role.LEAD, "责任单位": Role.RESPONSIBLE}
_LABELLED = re.compile(r"^(?P<label>牵头单位|责任单位)\s*[:：]\s*(?P<units>.*)$", re.S)
# A scoped sub-assignment: "其中,创新…运营机制〈牵头单位:市经信局〉" / "结对帮扶…〈责任单位:市乡村振兴局〉".
_SCOPED = re.compile(
    r"^(?:其中\s*[,，]\s*)?(?P<scope>.+?)〈(?P<label>牵头单位|责任单位)\s*[:：]\s*(?P<units>[^〈〉]+)〉$", re.S)


@dataclass(frozen=True)
class SplitItem:
    text: str  # the item without its clause
    clause: str  # the clause without its outer brackets; "" when the item has none


def split_clause(item_text: str) -> SplitItem:
    """Separate the trailing bracketed clause naming 牵头单位/责任单位 from the item's text."""
    stripped = item_text.rstrip()
    if not stripped.endswith((")", "）")):
        return SplitItem(stripped, "")
    depth = 0
    for index in range(len(stripped) - 1, -1, -1):
        ch = stripped[index]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth -= 1
            if depth == 0:
                inner = stripped[index + 1:-1]
                if "牵头单位" in inner or "责任单位" in inner:
                    return SplitItem(stripped[:index].rstrip(), inner.strip())
                return SplitItem(stripped, "")
    return SplitItem(stripped, "")


def is_clause_open(item_text: str) -> bool:
    """True when the text has started a clause whose closing bracket has not arrived yet."""
    depth = 0
    for ch in item_text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
    return depth > 0


class ClauseError(ValueError):
    """A clause segment that is neither `label:units` nor a scoped sub-assignment."""


def parse_clause(clause: str, registry: UnitRegistry) -> tuple[list[Assignment], list[NamedUnit]]:
    """Assignments named by a clause, and the printed units the registry does not know."""
    assignments: list[Assignment] = []
    unknown: list[NamedUnit] = []
    for segment in _split_top_level(clause, ";；"):
        scope, role, units_text = _parse_segment(segment)
        for named in registry.split_list(units_text):
            assignments.append(Assignment(role=role, unit=named.name, raw=named.raw, via=named.via, scope=scope))
            if not named.known:
                unknown.append(named)
    return assignments, unknown


def _parse_segment(segment: str) -> tuple[str | None, Role, str]:
    segment = segment.strip()
    labelled = _LABELLED.match(segment)
    if labelled:
        return None, _LABELS[labelled.group("label")], labelled.group("units")
    scoped = _SCOPED.match(segment)
    if scoped:
        return scoped.group("scope").strip(), _LABELS[scoped.group("label")], scoped.group("units")
    raise ClauseError(segment)
