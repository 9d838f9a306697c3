"""The responsibility clause at the end of an item, in each grammar the notices use (domain.md §2, §2b).

Labelled:  `（牵头单位：X；责任单位：Y）`, `（牵头单位：X；配合单位：Y）`,
           `（牵头领导：…；牵头责任单位：…；协同责任单位：…）`,
           with split sub-assignments `其中，…〈牵头单位：X〉；…` (二-49, 二-75).
Verbs:     `（A牵头，B、C配合）`, `（A负责）`, `（A、B分别负责）`,
           `（A牵头，B、C等按职责分工负责，年底前完成）`, `（A、B按职责分工负责）`.
Each reading names its grammar; a printed leader (牵头领导) and deadline (年底前完成) are kept apart from the units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gwr_desktop.domain.plan import Assignment, Role
from gwr_desktop.domain.units import NamedUnit, UnitRegistry, _split_top_level

LEAD_LABELS = ("牵头责任单位", "牵头单位", "牵头部门", "主责单位", "主办单位")
HELP_LABELS = ("协同责任单位", "配合责任单位", "责任单位", "配合单位", "参与单位", "协办单位", "协同单位", "配合部门",
               "责任部门", "参与部门")
LEADER_LABELS = ("牵头领导", "分管领导", "责任领导", "牵头市领导", "责任市领导", "包保领导")
DEADLINE_LABELS = ("完成时限", "完成时间", "时间节点", "时限")
_ALL_LABELS = "|".join(sorted(LEAD_LABELS + HELP_LABELS + LEADER_LABELS + DEADLINE_LABELS, key=len, reverse=True))
_LABELLED = re.compile(rf"^(?P<label>{_ALL_LABELS})\s*[:：]\s*(?P<value>.*)$", re.S)
_UNIT_LABELS = "|".join(sorted(LEAD_LABELS + HELP_LABELS, key=len, reverse=True))
# A scoped sub-assignment: "其中,创新…运营机制〈牵头单位:市经信局〉" / "结对帮扶…〈责任单位:市乡村振兴局〉".
_SCOPED = re.compile(
    rf"^(?:其中\s*[,，:：]\s*)?(?P<scope>.+?)〈(?P<label>{_UNIT_LABELS})\s*[:：]\s*(?P<units>[^〈〉]+)〉$", re.S)
_CLAUSE_WORDS = re.compile(rf"{_ALL_LABELS}|牵头|负责|配合|参与|协同|协助")
# "A牵头" / "B、C配合" / "D、E等按职责分工负责" / "F、G分别负责" / "H负责".
_VERB = re.compile(
    r"^(?P<units>.+?)\s*(?:等)?\s*(?P<verb>牵头负责|牵头落实|牵头|分别负责|按职责分工负责|按职责负责|分工负责|配合落实|"
    r"共同负责|配合|参与|协同|协助|负责落实|负责)$", re.S)
_DEADLINE = re.compile(
    r"^(?:\d{4}\s*年)?\s*(?:年底前|年内|上半年|下半年|全年|长期|持续|\d{1,2}\s*月(?:底|末|份)?前?|第[一二三四1-4]季度"
    r"(?:末|底)?前?|\d{4}\s*年(?:底|末)?前?|[一二三四五六七八九十]+月(?:底|末)?前?|每年|按年度|分年度)"
    r".{0,16}?(?:完成|推进|实施|落实|坚持|见效|建成|开展|持续推进)?$")
_HEAD_VERBS = {"牵头负责": Role.LEAD, "牵头落实": Role.LEAD, "牵头": Role.LEAD}
_EACH = ("分别负责",)
_BY_DUTY = ("按职责分工负责", "按职责负责", "分工负责", "共同负责")
_SOLE = ("负责", "负责落实")


@dataclass(frozen=True)
class SplitItem:
    text: str  # the item without its clause
    clause: str  # the clause without its outer brackets; "" when the item has none


@dataclass
class ClauseReading:
    """What a clause says: assignments with their printed roles, and how to read an unlabelled list."""

    grammar: str
    assignments: list[Assignment] = field(default_factory=list)
    unknown: list[NamedUnit] = field(default_factory=list)
    leader: str = ""
    deadline: str = ""
    each_leads: bool = False  # "A、B分别负责": every unit answers for its own part


class ClauseError(ValueError):
    """A clause segment that no grammar reads."""


def split_clause(item_text: str) -> SplitItem:
    """Separate the trailing bracketed clause (naming units, by label or by verb) from the item's text."""
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
                if looks_like_clause(inner):
                    return SplitItem(stripped[:index].rstrip(), inner.strip())
                return SplitItem(stripped, "")
    return SplitItem(stripped, "")


def looks_like_clause(inner: str) -> bool:
    """A bracket that names who answers: a known label, or a list ending in 牵头/负责/配合 …"""
    if any(label in inner for label in LEAD_LABELS + HELP_LABELS + LEADER_LABELS):
        return True
    segments = _split_top_level(inner, ",，;；")
    return bool(segments) and _VERB.match(segments[0].strip()) is not None and len(inner) <= 400


def is_clause_open(item_text: str) -> bool:
    """True when the text has started a clause whose closing bracket has not arrived yet."""
    depth = 0
    for ch in item_text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
    return depth > 0


def read_clause(clause: str, registry: UnitRegistry) -> ClauseReading:
    """Read a clause in whichever grammar it is written; ClauseError when no grammar reads it."""
    segments = _split_top_level(clause, ";；")
    if any(_LABELLED.match(s) or _SCOPED.match(s) for s in segments):
        return _read_labelled(segments, registry)
    return _read_verbs(_split_top_level(clause, ",，;；"), registry)


def parse_clause(clause: str, registry: UnitRegistry) -> tuple[list[Assignment], list[NamedUnit]]:
    """Assignments named by a clause, and the printed units the registry does not know."""
    reading = read_clause(clause, registry)
    return reading.assignments, reading.unknown


def _read_labelled(segments: list[str], registry: UnitRegistry) -> ClauseReading:
    reading = ClauseReading(grammar="")
    labels: list[str] = []
    for segment in segments:
        segment = segment.strip()
        labelled = _LABELLED.match(segment)
        if labelled:
            label, value = labelled.group("label"), labelled.group("value").strip()
            labels.append(label)
            _labelled_value(reading, label, value, None, registry)
            continue
        scoped = _SCOPED.match(segment)
        if not scoped:
            raise ClauseError(segment)
        labels.append(scoped.group("label"))
        _labelled_value(reading, scoped.group("label"), scoped.group("units"), scoped.group("scope").strip(), registry)
    reading.grammar = "labelled:" + "/".join(dict.fromkeys(labels))
    return reading


def _labelled_value(reading: ClauseReading, label: str, value: str, scope: str | None,
                    registry: UnitRegistry) -> None:
    if label in LEADER_LABELS:
        reading.leader = "、".join(filter(None, [reading.leader, value]))
    elif label in DEADLINE_LABELS:
        reading.deadline = value
    else:
        role = Role.LEAD if label in LEAD_LABELS else Role.RESPONSIBLE
        _add_units(reading, value, role, scope, registry)


def _read_verbs(segments: list[str], registry: UnitRegistry) -> ClauseReading:
    reading = ClauseReading(grammar="")
    verbs: list[str] = []
    for segment in (s.strip() for s in segments):
        verb = _VERB.match(segment)
        if verb is None:
            if _DEADLINE.match(segment) and verbs:
                reading.deadline = segment
                continue
            raise ClauseError(segment)
        name = verb.group("verb")
        verbs.append(name)
        role = _HEAD_VERBS.get(name, Role.RESPONSIBLE)
        units = verb.group("units").removesuffix("等")
        _add_units(reading, units, role, None, registry)
        if name in _EACH:
            reading.each_leads = True
    if not reading.assignments:
        raise ClauseError("、".join(segments))
    _sole_lead(reading, verbs)
    reading.grammar = "verbs:" + "/".join(dict.fromkeys(verbs))
    return reading


def _sole_lead(reading: ClauseReading, verbs: list[str]) -> None:
    """"（A负责）" names one unit that answers alone: it leads as surely as "A牵头" would."""
    if len(reading.assignments) == 1 and verbs and verbs[0] in _SOLE + _BY_DUTY + _EACH:
        only = reading.assignments[0]
        reading.assignments[0] = Assignment(role=Role.LEAD, unit=only.unit, raw=only.raw, via=only.via,
                                            scope=only.scope)


def _add_units(reading: ClauseReading, text: str, role: Role, scope: str | None, registry: UnitRegistry) -> None:
    for named in registry.split_list(text):
        reading.assignments.append(Assignment(role=role, unit=named.name, raw=named.raw, via=named.via, scope=scope))
        if not named.known:
            reading.unknown.append(named)


def mentions_units(text: str) -> bool:
    """Whether a bracket or fragment talks about responsibility at all (for loud problems, not for reading)."""
    return _CLAUSE_WORDS.search(text) is not None
