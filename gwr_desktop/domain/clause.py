"""The responsibility clause of an item, in each grammar the notices use (domain.md §2, §2b).

Labelled:  `（牵头单位：X；责任单位：Y）`, `（牵头单位：X；配合单位：Y）`,
           `（牵头领导：…；牵头责任单位：…；协同责任单位：…）`,
           with split sub-assignments `其中，…〈牵头单位：X〉；…` (二-49, 二-75);
           the same labels printed as lines under the item, without brackets (`责任单位：市发改委、市统计局`),
           or after the item's last sentence (`…1200个。责任单位：市发改委`).
Verbs:     `（A牵头，B、C配合）`, `（A负责）`, `（A、B分别负责）`,
           `（A牵头，B、C等按职责分工负责，年底前完成）`, `（A、B按职责分工负责）`.
Bare:      `（市发改委、市统计局）` — a list of unit-like names only (clause_units); who leads is the notice's rule.
A trailing deadline (`，2024年6月底前完成`) and a printed leader (牵头领导) are kept apart from the units. Each
reading names its grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gwr_desktop.domain.clause_units import (
    ALL_LABELS,
    DEADLINE_LABELS,
    HELP_LABELS,
    LEAD_LABELS,
    LEADER_LABELS,
    Known,
    is_unit_list,
    labelled_segments,
    trailing_labels,
    unit_tokens,
)
from gwr_desktop.domain.plan import Assignment, Role
from gwr_desktop.domain.units import NamedUnit, UnitRegistry, split_top_level

_ALL_LABELS = ALL_LABELS
_LABELLED = re.compile(rf"^[【\[]?(?P<label>{_ALL_LABELS})[】\]]?\s*[:：]\s*(?P<value>.*)$", re.S)
_UNIT_LABELS = "|".join(sorted(LEAD_LABELS + HELP_LABELS, key=len, reverse=True))
# A scoped sub-assignment: "其中,创新…运营机制〈牵头单位:市经信局〉" / "结对帮扶…〈责任单位:市乡村振兴局〉".
_SCOPED = re.compile(
    rf"^(?:其中\s*[,，:：]\s*)?(?P<scope>.+?)〈(?P<label>{_UNIT_LABELS})\s*[:：]\s*(?P<units>[^〈〉]+)〉$", re.S)
_CLAUSE_WORDS = re.compile(rf"{_ALL_LABELS}|牵头|负责|配合|参与|协同|协助")
# "A牵头" / "B、C配合" / "D、E等按职责分工负责" / "F、G分别负责" / "H负责".
_VERB = re.compile(
    r"^(?P<units>.+?)\s*(?:等)?\s*(?P<verb>牵头负责|牵头落实|牵头实施|牵头推进|牵头|分别负责|按职责分工负责|按职责分工落实|"
    r"按职责负责|分工负责|配合落实|配合实施|共同负责|共同推进|配合|参与|协同|协助|负责落实|负责实施|负责推进|具体负责|负责)$",
    re.S)
_DEADLINE = re.compile(
    r"^(?:\d{4}\s*年)?\s*(?:年底前|年底|年内|年中|上半年|下半年|全年|长期|持续|常态化|\d{1,2}\s*月(?:底|末|份|中旬|上旬|下旬)?前?"
    r"|第[一二三四1-4]季度(?:末|底)?前?|[一二三四1-4]季度(?:末|底)?前?|\d{4}\s*年(?:底|末)?前?"
    r"|\d{4}\s*[—–\-~至到]\s*\d{4}\s*年|[一二三四五六七八九十]+月(?:底|末)?前?|每年|每季度|每月|按年度|分年度|分阶段|逐年)"
    r".{0,16}?(?:完成|推进|实施|落实|坚持|见效|建成|开展|持续推进|到位|投用|开工|竣工)?$")
_HEAD_VERBS = {"牵头负责": Role.LEAD, "牵头落实": Role.LEAD, "牵头实施": Role.LEAD, "牵头推进": Role.LEAD,
               "牵头": Role.LEAD}
_EACH = ("分别负责",)
_BY_DUTY = ("按职责分工负责", "按职责分工落实", "按职责负责", "分工负责", "共同负责", "共同推进")
_SOLE = ("负责", "负责落实", "负责实施", "负责推进", "具体负责")
_MAX_CLAUSE = 400


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


def split_clause(item_text: str, known: Known | None = None) -> SplitItem:
    """Separate the trailing clause — bracketed (by label, verb or a bare list of units) or labels after the
    item's last sentence — from the item's text."""
    stripped = item_text.rstrip()
    if not stripped.endswith((")", "）")):
        trailing = trailing_labels(stripped)
        return SplitItem(trailing[0], trailing[1]) if trailing else SplitItem(stripped, "")
    depth = 0
    for index in range(len(stripped) - 1, -1, -1):
        ch = stripped[index]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth -= 1
            if depth == 0:
                inner = stripped[index + 1:-1]
                if looks_like_clause(inner, known):
                    return SplitItem(stripped[:index].rstrip(), inner.strip())
                return SplitItem(stripped, "")
    return SplitItem(stripped, "")


_ANY_LABEL = re.compile("|".join(sorted(LEAD_LABELS + HELP_LABELS + LEADER_LABELS, key=len, reverse=True)))


def looks_like_clause(inner: str, known: Known | None = None) -> bool:
    """A bracket that names who answers: a known label, a list ending in 牵头/负责/配合 …, or units only."""
    if _ANY_LABEL.search(inner):
        return True
    if len(inner) > _MAX_CLAUSE:
        return False
    segments = split_top_level(inner, ",，;；")
    if segments and _VERB.match(segments[0].strip()) is not None:
        return True
    return _bare(inner, known)


def _bare(inner: str, known: Known | None) -> bool:
    """A bare list of units, perhaps with a deadline after it: "市发改委、市财政局，2024年6月底前完成"."""
    pieces = split_top_level(inner, ",，;；")
    units = [p for p in pieces if not _DEADLINE.match(p.strip())]
    return bool(units) and is_unit_list("、".join(units), known)


def is_clause_open(item_text: str) -> bool:
    """True when the text has started a clause whose closing bracket has not arrived yet: a bracket opened
    after the last one closed, or more opened than closed (counted with the string methods: linear and fast)."""
    last_open = max(item_text.rfind("("), item_text.rfind("（"))
    if last_open < 0:
        return False
    last_close = max(item_text.rfind(")"), item_text.rfind("）"))
    if last_open > last_close:
        return True
    opens = item_text.count("(") + item_text.count("（")
    return opens > item_text.count(")") + item_text.count("）")


def read_clause(clause: str, registry: UnitRegistry) -> ClauseReading:
    """Read a clause in whichever grammar it is written; ClauseError when no grammar reads it."""
    segments = [s for s in split_top_level(clause, ";；") for s in (_labelled_pieces(s))]
    if any(_LABELLED.match(s) or _SCOPED.match(s) for s in segments):
        return _read_labelled(segments, registry)
    return _read_unlabelled(split_top_level(clause, ",，;；"), registry)


def _labelled_pieces(segment: str) -> list[str]:
    """A line may print several labels separated by spaces or commas ("牵头领导：张三  牵头单位：市发改委")."""
    pieces = labelled_segments(segment) if _LABELLED.match(segment.strip()) else []
    return pieces if len(pieces) > 1 else [segment]


def parse_clause(clause: str, registry: UnitRegistry) -> tuple[list[Assignment], list[NamedUnit]]:
    """Assignments named by a clause, and the printed units the registry does not know."""
    reading = read_clause(clause, registry)
    return reading.assignments, reading.unknown


def _read_labelled(segments: list[str], registry: UnitRegistry) -> ClauseReading:
    reading = ClauseReading(grammar="")
    labels: list[str] = []
    for segment in (s.strip() for s in segments):
        labelled = _LABELLED.match(segment)
        if labelled:
            label, value = labelled.group("label"), labelled.group("value").strip().rstrip("。")
            labels.append(label)
            _labelled_value(reading, label, value, None, registry)
            continue
        scoped = _SCOPED.match(segment)
        if scoped:
            labels.append(scoped.group("label"))
            _labelled_value(reading, scoped.group("label"), scoped.group("units"), scoped.group("scope").strip(),
                            registry)
            continue
        if _DEADLINE.match(segment) and labels:
            reading.deadline = segment
            continue
        raise ClauseError(segment)
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
        units, deadline = _units_and_deadline(value)
        _add_units(reading, units, role, scope, registry)
        reading.deadline = reading.deadline or deadline


def _units_and_deadline(value: str) -> tuple[str, str]:
    """"市发改委、市财政局，2024年6月底前完成": the list, and the deadline printed after it."""
    pieces = split_top_level(value, ",，")
    if len(pieces) > 1 and _DEADLINE.match(pieces[-1].strip()):
        return "，".join(pieces[:-1]), pieces[-1].strip()
    return value, ""


def _read_unlabelled(pieces: list[str], registry: UnitRegistry) -> ClauseReading:
    """Verbs ("A牵头，B、C配合"), bare lists ("A、B，C") and a deadline, in any order."""
    reading = ClauseReading(grammar="")
    names: list[str] = []
    for piece in (p.strip() for p in pieces):
        verb = _VERB.match(piece)
        if verb is not None:
            _verb_piece(reading, verb, names, registry)
        elif _DEADLINE.match(piece) and (reading.assignments or names):
            reading.deadline = piece
        elif is_unit_list(piece, registry.is_known):
            names.append("bare")
            _add_units(reading, piece, Role.RESPONSIBLE, None, registry)
        else:
            raise ClauseError(piece)
    if not reading.assignments:
        raise ClauseError("、".join(pieces))
    _sole_lead(reading, names)
    reading.grammar = ("verbs:" if any(n != "bare" for n in names) else "") + "/".join(dict.fromkeys(names))
    if reading.deadline:
        reading.grammar += "/时限"
    return reading


def _verb_piece(reading: ClauseReading, verb: re.Match[str], names: list[str], registry: UnitRegistry) -> None:
    name = verb.group("verb")
    names.append(name)
    role = _HEAD_VERBS.get(name, Role.RESPONSIBLE)
    _add_units(reading, verb.group("units").removesuffix("等"), role, None, registry)
    if name in _EACH:
        reading.each_leads = True


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


__all__ = ["DEADLINE_LABELS", "HELP_LABELS", "LEADER_LABELS", "LEAD_LABELS", "ClauseError", "ClauseReading",
           "SplitItem", "is_clause_open", "looks_like_clause", "mentions_units", "parse_clause", "read_clause",
           "split_clause", "unit_tokens"]
