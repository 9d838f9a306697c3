"""From the entries read line by line (plan_lines) to the plan's outline: parts, sections, headings, items, keys.

Roles come from the document, not from the numbering style: an entry whose own line carries a clause, or that
has no entries under it, is an item; an entry with entries under it is a heading. Headings at the top are
parts, the next level sections, anything deeper headings of a section (a "——" line, or a numbered level).

Keys stay unique and stable whatever the numbering does. Where numbers run through a part (二-1 … 二-241
across ten sections, the 2023 Wuhan plan) an item's key is part-number; where they restart in each section
(宜昌: （一） 1. 2. （二） 1. 2.) the section is part of the key: 二-(二)-1. Which of the two a part does is read
from the part itself: at each boundary between sections, did the numbers start again at 1 or go on?
Numbers out of sequence, gaps, repeats and lost headings are reported with the keys they concern.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from gwr_desktop.domain.clause import SplitItem, mentions_units, split_clause
from gwr_desktop.domain.clause_units import Known, unit_like, unit_tokens
from gwr_desktop.domain.plan import Heading, Part, Problem, Section, item_key
from gwr_desktop.domain.plan_key_runs import listed
from gwr_desktop.domain.plan_lines import HEADING, ITEM, Entry, Note, State
from gwr_desktop.domain.plan_parser_marks import CN, DASH, IMPLICIT, NUMBERED, PART_WORD, PCN, RANK, ROW, segment
from gwr_desktop.domain.text import chinese_numeral, clean_text

_TITLE_WRAP_MAX = 40  # a heading continued on the next line is short and has no sentence in it


@dataclass(slots=True)
class OutlineItem:
    key: str
    part: str
    path: str
    number: int
    label: str  # the item's number as the plan prints it: "（一）", "1.", "3"
    section: int | None
    heading: int | None
    text: str  # as read: the first line and the lines continuing it
    split: SplitItem  # the text without and with its bracketed (or trailing) clause
    unit_lines: tuple[str, ...]
    line: int
    cells: dict[str, str] | None = None
    grammar: str = ""


@dataclass
class Outline:
    parts: list[Part]
    items: list[OutlineItem]
    problems: list[Problem]
    expected: dict[str, int]


@dataclass
class _Place:
    """Where an entry stands: its part, its heading ancestors (outermost first) and the Part/Section objects."""

    part: Part
    chain: tuple[Entry, ...]  # heading entries under the part, outermost first
    section: Section | None = None
    heading: int | None = None


@dataclass
class _Builder:
    state: State
    known: Known | None
    parts: list[Part] = field(default_factory=list)
    places: dict[int, _Place] = field(default_factory=dict)  # id(entry) → place (headings and items)
    part_of: dict[int, Part] = field(default_factory=dict)  # id(heading entry) → the Part it opened
    section_of: dict[int, Section] = field(default_factory=dict)
    heading_of: dict[int, int] = field(default_factory=dict)  # id(heading entry) → its ordinal in its section
    roles: dict[int, str] = field(default_factory=dict)
    items: list[Entry] = field(default_factory=list)
    keys: dict[int, str] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=dict)  # id(item) → its number (unnumbered rows counted)
    paths: dict[int, str] = field(default_factory=dict)  # id(item) → the headings its key names
    chains: dict[int, list[Entry]] = field(default_factory=dict)  # id(entry) → heading entries above its children
    problems: list[Problem] = field(default_factory=list)
    implicit_parts: list[Part] = field(default_factory=list)
    implicit_first: list[tuple[Part, Entry]] = field(default_factory=list)
    mixed: dict[tuple[int, str], int] = field(default_factory=dict)  # scope → the other depth its votes allow
    entry_lines: list[int] | None = None  # the entries' lines, in order, once the outline is built (notes' scans)

    def entries_after(self, line: int) -> Iterator[Entry]:
        """The entries after a line, found by bisection: a stray note's scan starts there, not at the top (133
        notes × 32,000 entries made the 32k-item parse three times slower)."""
        entries = self.state.entries
        if self.entry_lines is None:
            lines = [entry.line for entry in entries]
            in_order = all(a <= b for a, b in zip(lines, lines[1:], strict=False))
            self.entry_lines = lines if in_order else []  # out of order (never seen): scan from the top
        start = bisect_right(self.entry_lines, line) if self.entry_lines else 0
        return (entries[n] for n in range(start, len(entries)))

    def where(self, line: int) -> str:
        return self.state.where(line)

    def problem(self, kind: str, text: str, line: int, location: str, after: str | None = None) -> None:
        self.problems.append(Problem(kind=kind, text=text, location=location, line=line, after_item=after))


def build_outline(state: State) -> Outline:
    builder = _Builder(state, state.known)
    live = [e for e in state.entries if not e.dropped]
    for entry in live:
        builder.roles[id(entry)] = _role(entry, builder.known)
    _empty_headings(builder, live)
    for entry in live:
        _structure(builder, entry)
    _unheaded_parts(builder)
    scopes = _scopes(builder)
    _split_lost_parts(builder, scopes)
    _keys(builder, scopes)
    _sections_after_bare_items(builder)
    _mixed_numbering(builder, scopes)
    expected = _numbering(builder, scopes)
    _heading_sequence(builder, live)
    _render_notes(builder, scopes)
    items = [_outline_item(builder, entry) for entry in builder.items if id(entry) in builder.keys]
    return Outline(builder.parts, items, builder.problems, expected)


# -- roles and structure -------------------------------------------------------------------------------------


def _role(entry: Entry, known: Known | None) -> str:
    if entry.role is not None:
        return entry.role
    if entry.implicit:
        return HEADING
    if entry.children == 0:
        if entry.style == DASH and not entry.unit_lines and not entry.split(known).clause:
            return HEADING
        return ITEM
    return ITEM if split_clause(entry.label + entry.text, known).clause else HEADING


def _empty_headings(builder: _Builder, live: list[Entry]) -> None:
    """A leaf without a clause is an item missing its clause — unless its kind are headings (a part or
    section whose items were lost, a part heading with nothing under it): then it is an empty heading."""
    headed: set[tuple[int, str]] = set()
    for entry in live:
        if builder.roles[id(entry)] == HEADING and entry.children:
            headed.add((id(entry.parent), entry.style))
    for entry in live:
        if entry.role is not None or entry.children or builder.roles[id(entry)] != ITEM:
            continue
        top = entry.parent is None or entry.parent.style == "root"
        kin_are_headings = (id(entry.parent), entry.style) in headed
        if (kin_are_headings or (top and entry.rank <= 1)) and not _has_clause(entry, builder):
            builder.roles[id(entry)] = HEADING


def _has_clause(entry: Entry, builder: _Builder) -> bool:
    return bool(entry.unit_lines) or bool(entry.split(builder.known).clause)


def _heading_chain(builder: _Builder, entry: Entry) -> list[Entry]:
    """The heading entries above an entry, outermost first (memoised per parent: siblings share it)."""
    parent = entry.parent
    if parent is None or parent.style == "root":
        return []
    found = builder.chains.get(id(parent))
    if found is None:
        found = _heading_chain(builder, parent)
        if builder.roles.get(id(parent)) == HEADING:
            found = [*found, parent]
        builder.chains[id(parent)] = found
    return found


def _structure(builder: _Builder, entry: Entry) -> None:
    chain = _heading_chain(builder, entry)
    if builder.roles[id(entry)] == HEADING:
        _heading(builder, entry, chain)
        return
    part = builder.part_of.get(id(chain[0])) if chain else _implicit_part(builder, entry)
    if part is None:
        part = _implicit_part(builder, entry)
    place = _Place(part, tuple(chain[1:]))
    if len(chain) > 1:
        place.section = builder.section_of.get(id(chain[1]))
        if len(chain) > 2:
            place.heading = builder.heading_of.get(id(chain[-1]))
    builder.places[id(entry)] = place
    builder.items.append(entry)


def _heading(builder: _Builder, entry: Entry, chain: list[Entry]) -> None:
    title = _title(builder, entry)
    if not chain:
        numeral = chinese_numeral(entry.value) if entry.value and entry.style != DASH else ""
        last = builder.parts[-1] if builder.parts else None
        if last is not None and last in builder.implicit_parts and numeral == last.numeral:
            last.title = title  # the items before it stood above their own part's heading (reported)
            builder.part_of[id(entry)] = last
            return
        _drop_empty_twin(builder, numeral, entry)
        part = Part(len(builder.parts) + 1, _part_numeral(builder, entry), title)
        builder.parts.append(part)
        builder.part_of[id(entry)] = part
        return
    part = builder.part_of[id(chain[0])]
    if len(chain) == 1:
        numeral = entry.label if entry.style in NUMBERED else ""
        if entry.implicit:
            numeral = _implicit_label(entry, len(part.sections) + 1)
        section = Section(len(part.sections) + 1, numeral, title)
        part.sections.append(section)
        builder.section_of[id(entry)] = section
        return
    known = builder.section_of.get(id(chain[1]))
    if known is not None:
        shown = title if entry.style == DASH or entry.implicit else f"{entry.label}{title}"
        known.headings.append(Heading(len(known.headings) + 1, shown))
        builder.heading_of[id(entry)] = len(known.headings)


def _drop_empty_twin(builder: _Builder, numeral: str, entry: Entry) -> None:
    """A part heading met again when the first one holds nothing yet (it stood too early, or was printed
    twice): the first is dropped and reported, the second keeps the numeral its items' keys need."""
    twin = next((p for p in builder.parts if p.numeral == numeral), None)
    if twin is None or not numeral or any(builder.places[id(e)].part is twin for e in builder.items):
        return
    builder.parts.remove(twin)
    for index, part in enumerate(builder.parts, start=1):
        part.ordinal = index
    builder.problem("part_out_of_sequence", f"{numeral}、{twin.title}", entry.line,
                    f"{builder.where(entry.line)}：部分标题“{numeral}、”出现了两次，前一处下面没有事项，已略去，请核对")


def _implicit_label(entry: Entry, ordinal: int) -> str:
    from gwr_desktop.domain.plan_parser_marks import label_of

    return label_of(entry.style, entry.value or ordinal)


def _part_numeral(builder: _Builder, entry: Entry) -> str:
    used = {p.numeral for p in builder.parts}
    numeral = chinese_numeral(entry.value) if entry.value and entry.style != DASH else chinese_numeral(
        len(builder.parts) + 1)
    while numeral in used:  # a part numbered like one before it (reported with the heading sequence)
        numeral = chinese_numeral(_value_of(numeral) + 1)
    return numeral


def _value_of(numeral: str) -> int:
    from gwr_desktop.domain.text import chinese_numeral_value

    return chinese_numeral_value(numeral)


def _implicit_part(builder: _Builder, entry: Entry) -> Part:
    """Items with no part heading above them: a part of their own (one per run, split where numbering
    restarts), untitled unless a table names it."""
    last = builder.parts[-1] if builder.parts else None
    if last is not None and last in builder.implicit_parts and not entry.restart:
        return last
    numeral = chinese_numeral(_value_of(last.numeral) + 1) if last else "一"
    part = Part(len(builder.parts) + 1, numeral, "")
    builder.parts.append(part)
    builder.implicit_parts.append(part)
    if not entry.restart:  # (a restart is reported where it was read)
        builder.implicit_first.append((part, entry))
    return part


def _unheaded_parts(builder: _Builder) -> None:
    """Items above every part heading, in a plan that has part headings: reported (the old parser's
    part_heading_missing); a plan with no part headings at all is a flat list, not a problem."""
    if len(builder.implicit_parts) == len(builder.parts):
        return
    for part, entry in builder.implicit_first:
        builder.problem("part_heading_missing", clean_text(entry.label + entry.text)[:80], entry.line,
                        f"{builder.where(entry.line)}：此处事项之前没有部分标题，已作为第{part.numeral}部分读入，请核对")


def _title(builder: _Builder, entry: Entry) -> str:
    """The heading's title with the short lines that wrap it; longer lines after it cannot be placed."""
    title = entry.text
    wrapping = True
    for number, line in entry.more or ():
        wraps = wrapping and len(line) <= _TITLE_WRAP_MAX and "。" not in line and not mentions_units(line) \
            and len(title) + len(line) <= 2 * _TITLE_WRAP_MAX
        if wraps:
            title += line
        else:
            wrapping = False
            builder.state.note("stray_fragment", line, number, entry)
    for number, line in entry.unit_lines or ():
        builder.state.note("stray_fragment", line, number, entry)
    return clean_text(title)


# -- numbering scopes and keys -------------------------------------------------------------------------------


def _scopes(builder: _Builder) -> dict[tuple[int, str], int]:
    """(id(part), style) → how many heading levels under the part an item key names (0: part-number)."""
    restarts: dict[tuple[int, str], dict[int, list[int]]] = {}
    previous: dict[tuple[int, str], Entry] = {}
    for entry in builder.items:
        place = builder.places[id(entry)]
        scope = (id(place.part), entry.style)
        before = previous.get(scope)
        previous[scope] = entry
        if before is None or not entry.value or not before.value:
            continue
        level = _first_difference(builder.places[id(before)].chain, place.chain)
        if level is None:
            continue
        counts = restarts.setdefault(scope, {}).setdefault(level, [0, 0])
        if entry.value == 1:
            counts[0] += 1
        elif entry.value == before.value + 1:
            counts[1] += 1
    decided: dict[tuple[int, str], int] = {}
    for scope, levels in restarts.items():
        depth = 0
        while depth + 1 in levels and _restarts_win(*levels[depth + 1]):
            depth += 1
        decided[scope] = depth
        # the boundaries disagree so narrowly that one damaged boundary would swing the vote: keys in doubt
        votes = levels.get(depth if depth else 1)
        if votes is not None and min(votes) > 0 and _swings(*votes):
            builder.mixed[scope] = depth - 1 if depth else 1
    return decided


def _split_lost_parts(builder: _Builder, scopes: dict[tuple[int, str], int]) -> None:
    """Numbers running through a part that start again at 1, 2 … where 1 and 2 are already taken: the
    heading of the next part was lost (第二部分 gone, its sections read into 第一部分). From there on the items
    are a part of their own, put back and reported — as a repeated 1 followed by a repeated 2 always was."""
    index = 0
    while index < len(builder.items):
        entry = builder.items[index]
        if entry.value != 1:  # only a 1 can start a lost part; looking ahead from every item was quadratic
            index += 1
            continue
        place = builder.places[id(entry)]
        following = _next_of_style(builder, index, place.part, entry.style)
        if (following is not None and following.value == 2
                and scopes.get((id(place.part), entry.style), 0) == 0
                and {1, 2} <= _values_before(builder, index, place.part, entry.style)):
            _new_part_from(builder, index, place.part)
        index += 1


def _next_of_style(builder: _Builder, index: int, part: Part, style: str) -> Entry | None:
    for entry in (builder.items[n] for n in range(index + 1, len(builder.items))):
        if builder.places[id(entry)].part is part and entry.style == style:
            return entry
        if builder.places[id(entry)].part is not part:
            return None
    return None


def _values_before(builder: _Builder, index: int, part: Part, style: str) -> set[int]:
    return {e.value for e in builder.items[:index] if builder.places[id(e)].part is part and e.style == style}


def _new_part_from(builder: _Builder, index: int, part: Part) -> None:
    first = builder.items[index]
    position = builder.parts.index(part) + 1
    used = {p.numeral for p in builder.parts}
    value = _value_of(part.numeral) + 1
    while chinese_numeral(value) in used:
        value += 1
    new = Part(0, chinese_numeral(value), "")
    builder.parts.insert(position, new)
    builder.implicit_parts.append(new)
    for number, each in enumerate(builder.parts, start=1):
        each.ordinal = number
    moved = [e for e in builder.items[index:] if builder.places[id(e)].part is part]
    sections = {id(builder.places[id(e)].section) for e in moved if builder.places[id(e)].section is not None}
    keep = [s for s in part.sections if id(s) not in sections]
    new.sections = [s for s in part.sections if id(s) in sections]
    part.sections = keep
    for number, section in enumerate(keep, start=1):
        section.ordinal = number
    for number, section in enumerate(new.sections, start=1):
        section.ordinal = number
    for entry in moved:
        builder.places[id(entry)].part = new
    builder.state.note("part_heading_missing", clean_text(first.label + first.text)[:80], first.line, first,
                       "lost_heading")


def _swings(restarted: int, continued: int) -> bool:
    won = _restarts_win(restarted, continued)
    return _restarts_win(restarted - 1, continued + 1) != won or _restarts_win(restarted + 1, continued - 1) != won


def _restarts_win(restarted: int, continued: int) -> bool:
    return restarted > continued or (restarted == continued and restarted > 0)


def _first_difference(before: tuple[Entry, ...], after: tuple[Entry, ...]) -> int | None:
    """The 1-based heading level at which two items stop sharing their headings (None: same container)."""
    for level in range(max(len(before), len(after))):
        a = before[level] if level < len(before) else None
        b = after[level] if level < len(after) else None
        if a is not b:
            return level + 1
    return None


def _path(builder: _Builder, entry: Entry, scopes: dict[tuple[int, str], int]) -> str:
    """The headings the key names between part and number: "" (part-number), "(二)" (二-(二)-1) …"""
    place = builder.places[id(entry)]
    depth = scopes.get((id(place.part), entry.style), 0)
    return "-".join(segment(heading.style, heading.value, _ordinal_of(builder, heading, level))
                    for level, heading in enumerate(place.chain[:depth], start=1))


def _ordinal_of(builder: _Builder, heading: Entry, level: int) -> int:
    section = builder.section_of.get(id(heading))
    if section is not None:
        return section.ordinal
    return builder.heading_of.get(id(heading), level)


def _keys(builder: _Builder, scopes: dict[tuple[int, str], int]) -> None:
    """Every item's key, unique: an item whose key was taken before is a repeat (reported, not imported)."""
    taken: dict[str, Entry] = {}
    counters: dict[str, int] = {}
    for entry in builder.items:
        part = builder.places[id(entry)].part.numeral
        parent = entry.parent
        if parent is not None and builder.roles.get(id(parent)) == ITEM and id(parent) in builder.keys:
            # an item under an item ("1." with its own "（1）（2）"): keyed below its parent, 二-5-1
            path = "-".join(filter(None, [builder.paths[id(parent)], str(builder.numbers[id(parent)])]))
            number = entry.value or 1
        else:
            path = _path(builder, entry, scopes)
            prefix = f"{part}-{path}" if path else part
            counters[prefix] = counters.get(prefix, 0) + 1
            number = entry.value if entry.value and entry.style != DASH else counters[prefix]
        key = item_key(part, number, path)
        if key in taken:
            builder.problem("duplicate_number", clean_text(entry.label + entry.body()), entry.line,
                            f"{builder.where(entry.line)}：序号 {key} 重复出现，此段未作为事项导入，请核对", key)
            continue
        taken[key] = entry
        builder.keys[id(entry)] = key
        builder.numbers[id(entry)] = number
        builder.paths[id(entry)] = path


def _mixed_numbering(builder: _Builder, scopes: dict[tuple[int, str], int]) -> None:
    """Numbers that restart at some section boundaries of a part and go on at others: whether keys name the
    section (二-(二)-1) or not (二-7) was decided by a vote, and one damaged line can swing it, re-keying every
    item of the part. The items are named with the keys the other reading gives them."""
    for scope, other in builder.mixed.items():
        entries = [e for e in builder.items if id(e) in builder.keys and (id(builder.places[id(e)].part), e.style)
                   == scope and not _is_child_item(builder, e)]
        if not entries:
            continue
        part = builder.places[id(entries[0])].part.numeral
        alternative = {scope: other}
        others = [item_key(part, builder.numbers[id(e)], _path(builder, e, alternative)) for e in entries]
        keys = [builder.keys[id(e)] for e in entries]
        way = "每个小标题下重新编号" if scopes.get(scope, 0) else "全部分连续编号"
        builder.problem("numbering_out_of_sequence", f"第{part}部分", entries[0].line,
                        f"{builder.where(entries[0].line)}：第{part}部分的序号有的在小标题处重新从 1 开始、"
                        "有的接续编号，"
                        f"已按{way}读入 {listed(keys)}（或为 {listed(others)}），请核对")


def _sections_after_bare_items(builder: _Builder) -> None:
    """A part whose items stand right under its heading, and then sections begin (国务院: 一、 1.–5., then
    （一） 6.…): the next part's heading may be lost, its sections read into this part. Where numbers run through
    the document this is the only trace of it, so the items under those sections are named, with the keys they
    have in the next part."""
    bare: dict[int, list[str]] = {}  # id(part) → keys of the items right under it
    told: set[int] = set()
    for entry in builder.items:
        place = builder.places[id(entry)]
        part, key = place.part, builder.keys.get(id(entry))
        if key is None or id(part) in told or _is_child_item(builder, entry):
            continue
        if not place.chain:
            bare.setdefault(id(part), []).append(key)
        elif id(part) in bare:
            told.add(id(part))
            _report_sections_after(builder, part, place.chain[0], bare[id(part)])


def _report_sections_after(builder: _Builder, part: Part, heading: Entry, before: list[str]) -> None:
    keys = [builder.keys[id(e)] for e in builder.items
            if id(e) in builder.keys and builder.places[id(e)].part is part and builder.places[id(e)].chain
            and e.line >= heading.line]
    numeral = chinese_numeral(_value_of(part.numeral) + 1)
    others = [k for k in (_swap(key, part.numeral, numeral) for key in keys) if k]
    title = clean_text(heading.label + heading.text)
    builder.problem("part_heading_missing", title[:80], heading.line,
                    f"{builder.where(heading.line)}：第{part.numeral}部分的 {listed(before)} 直接列在部分标题下，"
                    f"其后却出现小标题“{title[:24]}”，可能缺少下一部分的标题；其下的 {listed(keys)}"
                    f"（或为 {listed(others)}）可能属于下一部分，请核对")


def _numbering(builder: _Builder, scopes: dict[tuple[int, str], int]) -> dict[str, int]:
    """Numbers out of sequence and gaps, per numbering scope; the count each part's numbers imply."""
    groups: dict[str, list[Entry]] = {}
    for entry in builder.items:
        if id(entry) in builder.keys and entry.value and entry.style != DASH and not _is_child_item(builder, entry):
            groups.setdefault(builder.keys[id(entry)].rsplit("-", 1)[0] + "\x00" + entry.style, []).append(entry)
    carried = _carried_across_parts(builder, groups)
    expected: dict[str, int] = {}
    previous: dict[tuple[str, int, str], str] = {}  # (part, depth, style) → the last restarting scope's name
    for name, entries in groups.items():
        prefix, style = name.split("\x00")
        scope = (prefix.split("-")[0], prefix.count("-"), style)
        before, previous[scope] = previous.get(scope), name
        start = carried.get(name, 1)
        went_on = _went_on(builder, groups[before], entries, prefix) if before and scope[1] else ""
        _sequence(builder, prefix, entries, start, went_on)
        count = _gap(builder, prefix, entries, start)
        part = builder.places[id(entries[0])].part.numeral
        expected[part] = expected.get(part, 0) + count
    return expected


def _is_child_item(builder: _Builder, entry: Entry) -> bool:
    return entry.parent is not None and builder.roles.get(id(entry.parent)) == ITEM


def _carried_across_parts(builder: _Builder, groups: dict[str, list[Entry]]) -> dict[str, int]:
    """Numbering that goes on from one part into the next (1…79 through a table's five parts): accepted
    where the document does so at every part boundary, otherwise reported at the part it enters."""
    firsts = []  # (group name, first value, previous part's last value, previous part's last key)
    by_part: dict[int, list[str]] = {}
    for name, entries in groups.items():
        by_part.setdefault(id(builder.places[id(entries[0])].part), []).append(name)
    last_of: tuple[int, str] | None = None
    for part in builder.parts:
        names = [n for n in by_part.get(id(part), ()) if "-" not in n.split("\x00")[0]]  # part-number scopes
        if not names:
            continue
        entries = groups[names[0]]
        if last_of is not None:
            firsts.append((names[0], entries[0].value, *last_of))
        last_of = (entries[-1].value, builder.keys[id(entries[-1])])
    went_on = [f for f in firsts if f[1] == f[2] + 1 and f[1] > 1]
    restarted = [f for f in firsts if f[1] == 1]
    carried = {}
    for name, value, _last, last_key in went_on:
        carried[name] = value
        if restarted:
            entry = groups[name][0]
            key = builder.keys[id(entry)]
            previous_part = last_key.split("-")[0]
            builder.problem("numbering_out_of_sequence", clean_text(entry.body())[:80], entry.line,
                            f"{builder.where(entry.line)}：{key} 序号接续上一部分（此处应从 1 开始，"
                            f"或为上一部分的 {previous_part}-{value}）", key)
    return carried


def _went_on(builder: _Builder, before: list[Entry], entries: list[Entry], prefix: str) -> str:
    """Numbers that go on from the heading before where each heading starts again at 1 (宜昌: （二） 1. 2.,
    then （三） 3. 4.): the heading may have been inserted, or the items stand under the wrong one. The run
    that goes on is named, with the keys it has under the heading before."""
    first = entries[0].value
    if first <= 1 or before[-1].value >= first:
        return ""
    run = [entries[0]]
    for entry in entries[1:]:
        if entry.value != run[-1].value + 1:
            break
        run.append(entry)
    other = builder.keys[id(before[-1])].rsplit("-", 1)[0]
    keys = listed([builder.keys[id(e)] for e in run])
    return f"；{keys} 的序号接续上一个小标题，可能属于它（或为 {listed([f'{other}-{e.value}' for e in run])}）"


def _sequence(builder: _Builder, prefix: str, entries: list[Entry], start: int, went_on: str = "") -> None:
    used: set[int] = set()
    last = start - 1
    for entry in entries:
        want = last + 1
        while want in used:
            want += 1
        if entry.value != want and not (entry is entries[0] and entry.value == start):
            key = builder.keys[id(entry)]
            builder.problem("numbering_out_of_sequence", clean_text(entry.body())[:80], entry.line,
                            f"{builder.where(entry.line)}：{key} 序号不连续（此处应为 {prefix}-{want}）"
                            f"{went_on if entry is entries[0] else ''}", key)
        used.add(entry.value)
        last = entry.value


def _gap(builder: _Builder, prefix: str, entries: list[Entry], start: int) -> int:
    numbers = [entry.value for entry in entries]
    top = max(numbers)
    missing = sorted(set(range(start, top + 1)) - set(numbers))
    if missing or numbers != sorted(numbers):
        keys = listed([f"{prefix}-{n}" for n in missing])
        lost = f"缺少 {keys}；" if missing else ""
        where = _scope_name(builder, prefix, entries[0])
        builder.problem("numbering_gap", where, 0,
                        f"{where}序号不连续：{lost}按序号应有 {top - start + 1} 项，实得 {len(numbers)} 项")
    return top - start + 1


def _scope_name(builder: _Builder, prefix: str, entry: Entry) -> str:
    place = builder.places[id(entry)]
    segments = prefix.split("-")[1:]
    inside = "".join(f"“{s}”" for s in segments)
    return f"第{place.part.numeral}部分{inside}" if inside else f"第{place.part.numeral}部分"


def _heading_sequence(builder: _Builder, live: list[Entry]) -> None:
    """Headings numbered out of order: part 三 after part 一, section （四） after （二）."""
    last: dict[tuple[int, str], int] = {}
    for entry in live:
        if builder.roles[id(entry)] != HEADING or entry.style not in NUMBERED:
            continue
        scope = (id(entry.parent) if entry.parent is not None else 0, entry.style)
        want = last.get(scope, 0) + 1
        last[scope] = entry.value
        if entry.value == want or entry.implicit:
            continue
        chain = _heading_chain(builder, entry)
        under = _items_under(builder, entry, _sibling_segments(builder, entry, want))
        if not chain:
            builder.problem("part_out_of_sequence", entry.label + entry.text, entry.line,
                            f"{builder.where(entry.line)}：部分序号“{entry.label}”与前文不连续（应为第{want}部分）{under}")
        else:
            part = builder.part_of[id(chain[0])]
            builder.problem("section_out_of_sequence", entry.label + entry.text, entry.line,
                            f"{builder.where(entry.line)}：第{part.numeral}部分的小标题序号“{entry.label}”"
                            f"与前文不连续（应为第{want}个）{under}，请核对")


def _items_under(builder: _Builder, heading: Entry, alternatives: list[str] | None = None) -> str:
    """The items a doubtful heading holds, and the keys they would have under the heading it may really be
    (where numbering restarts under it, the heading is part of their keys)."""
    keys = [builder.keys[id(e)] for e in builder.items if id(e) in builder.keys and _is_under(e, heading)]
    if not keys:
        return ""
    own = _own_segment(builder, heading)
    others = [listed([k for k in (_swap(key, own, alt) for key in keys) if k])
              for alt in alternatives or [] if alt and alt != own]
    others = [run for run in others if run]
    maybe = f"（或为 {'、'.join(others)}）" if others else ""
    return f"；其下的 {listed(keys)}{maybe} 可能属于别的标题"


def _is_under(entry: Entry, heading: Entry) -> bool:
    parent = entry.parent
    while parent is not None and parent is not heading:
        parent = parent.parent
    return parent is heading


def _own_segment(builder: _Builder, heading: Entry) -> str:
    """How a heading shows in the keys of its items: its part's numeral, or its segment of their path."""
    part = builder.part_of.get(id(heading))
    if part is not None:
        return part.numeral
    return segment(heading.style, heading.value, _ordinal_of(builder, heading, 1))


def _swap(key: str, own: str, alternative: str) -> str:
    pieces = key.split("-")
    if own not in pieces:
        return ""
    pieces[pieces.index(own)] = alternative
    return "-".join(pieces)


def _sibling_segments(builder: _Builder, heading: Entry, want: int) -> list[str]:
    """The heading before this one of its kind, and the number this one should have had."""
    previous = None
    for entry in builder.state.entries:
        if entry is heading:
            break
        if entry.parent is heading.parent and entry.style == heading.style and not entry.dropped \
                and builder.roles.get(id(entry)) == HEADING:
            previous = entry
    found = [_own_segment(builder, previous)] if previous is not None else []
    if heading.style in NUMBERED and want > 0:
        top = builder.part_of.get(id(heading)) is not None
        found.append(chinese_numeral(want) if top else segment(heading.style, want, want))
    return found


# -- notes from the line reader, now that keys are known ----------------------------------------------------


def _render_notes(builder: _Builder, scopes: dict[tuple[int, str], int]) -> None:
    after = dict(_last_item_keys(builder))
    notes = sorted(builder.state.notes, key=lambda n: n.line)
    for note in notes:
        before = after.get(id(note.entry)) if note.entry is not None else None
        _render(builder, note, before, scopes)


def _last_item_keys(builder: _Builder) -> Iterator[tuple[int, str | None]]:
    """Every entry (dropped ones too) → the key of the last item at or before it."""
    last: str | None = None
    for entry in builder.state.entries:
        key = builder.keys.get(id(entry))
        if key is not None:
            last = key
        yield id(entry), last


def _render(builder: _Builder, note: Note, after: str | None, scopes: dict[tuple[int, str], int]) -> None:
    where = builder.where(note.line)
    if note.kind == "stray_fragment":
        location = f"{where}，{after} 之后" if after else where
        builder.problem("stray_fragment", note.text, note.line, location + _heading_like(builder, note), after)
    elif note.kind == "stray_appendix_label":
        builder.problem("stray_appendix_label", note.text, note.line,
                        f"{where}：正文中出现“{note.text}”（页眉或错放的附件标记），已跳过，请核对", after)
    elif note.kind == "repeat":
        _render_repeat(builder, note, after, scopes)
    elif note.kind in ("part_heading_missing", "heading_missing"):
        _render_lost_heading(builder, note)


def _heading_like(builder: _Builder, note: Note) -> str:
    """A stray line that reads like a heading ("三民生实事": its mark damaged) may have been one: the items
    after it are named, up to the next heading of its level or an outer one (what is left of its mark tells the
    level: "、重点工作" stood for a part; a bare title above a heading is outer to it), with the keys they would
    have under it, where that shows."""
    text = note.text
    if (len(text) > _TITLE_WRAP_MAX or "。" in text or mentions_units(text) or _lists_units(text, builder.known)
            or split_clause(text, builder.known).clause):
        return ""
    following: list[Entry] = []
    rank: float | None = _stray_rank(text)
    for entry in builder.entries_after(note.line):
        if entry.line <= note.line or entry.dropped:
            continue
        if builder.roles.get(id(entry)) == HEADING:
            if rank is None and not following:
                rank = entry.rank - 0.5  # a title above a heading holds it: it is of an outer level
            if rank is None or entry.rank <= rank:
                break
            continue
        if id(entry) in builder.keys:
            following.append(entry)
    if not following:
        return ""
    keys = [builder.keys[id(e)] for e in following]
    others = _stray_alternatives(builder, text, following)
    maybe = f"（或为 {listed(others)}）" if others else ""
    return f"（像是标题，其后的 {listed(keys)}{maybe} 可能属于它）"


def _lists_units(text: str, known: Known | None) -> bool:
    """A list of two or more unit names — the tail of a clause cut off by a damaged line ("位:市科技局、市人社局、
    市市场监管局)" in the 2023 seed) — is no heading, whatever it lacks."""
    names = [token.strip("()（）:：") for token in unit_tokens(text)]
    return len(names) >= 2 and sum(unit_like(name, known) for name in names) >= 2


_LEADING_NUMERAL = re.compile(r"^(?P<paren>[(（])?(?P<numeral>[一二三四五六七八九十]{1,3})")
# A mark whose numeral was lost, and the level of the outline it stood for (the outer one where two could).
_BARE_MARKS = ((re.compile(r"^第\s*(?:部分|篇|章)"), RANK[PART_WORD]), (re.compile(r"^[(（]\s*[)）]"), RANK[PCN]),
               (re.compile(r"^[、.．]"), RANK[CN]))


def _stray_rank(text: str) -> float | None:
    """The outline level a heading-like stray stood at, read from what is left of its mark (None: no mark)."""
    match = _LEADING_NUMERAL.match(text)
    if match is not None:
        return RANK[PCN] if match.group("paren") else RANK[CN]
    return next((rank for pattern, rank in _BARE_MARKS if pattern.match(text)), None)


def _stray_alternatives(builder: _Builder, text: str, entries: list[Entry]) -> list[str]:
    """The keys the items after a heading-like stray would have under it: its own numeral ("三民生实事"), or
    for a mark whose numeral is gone ("、民生实事") the part after the one they were read into."""
    match = _LEADING_NUMERAL.match(text)
    if match is None and text[:1] in "、.．" and entries:
        numeral = chinese_numeral(_value_of(builder.places[id(entries[0])].part.numeral) + 1)
        return [f"{numeral}-{builder.keys[id(e)].split('-', 1)[1]}" for e in entries]
    if match is None:
        return []
    numeral = match.group("numeral")
    found = []
    for entry in entries:
        key, part = builder.keys[id(entry)], builder.places[id(entry)].part.numeral
        pieces = key.split("-")
        if match.group("paren") and len(pieces) > 2:
            pieces[1] = f"({numeral})"
        elif not match.group("paren"):
            pieces[0] = numeral
        swapped = "-".join(pieces)
        if swapped != key and part:
            found.append(swapped)
    return found


def _render_repeat(builder: _Builder, note: Note, after: str | None, scopes: dict[tuple[int, str], int]) -> None:
    entry = note.entry
    assert entry is not None
    original = _same_value_sibling(builder, entry)
    where = builder.where(note.line)
    if original is not None and builder.roles.get(id(original)) == HEADING and \
            not split_clause(entry.body(), builder.known).clause:
        kind = "part_out_of_sequence" if entry.parent is None or entry.parent.style == "root" \
            else "section_out_of_sequence"
        builder.problem(kind, entry.label + entry.text, note.line,
                        f"{where}：标题“{entry.label}”重复出现，已跳过{_early(builder, original, entry)}，请核对",
                        after)
        return
    key = _would_be_key(builder, entry, original, scopes)
    builder.problem("duplicate_number", clean_text(entry.label + entry.body()), note.line,
                    f"{where}：序号 {key} 重复出现，此段未作为事项导入，请核对", key)


def _same_value_sibling(builder: _Builder, entry: Entry) -> Entry | None:
    for other in builder.state.entries:
        if other is entry:
            break
        if other.parent is entry.parent and other.style == entry.style and other.value == entry.value \
                and not other.dropped:
            return other
    return None


def _would_be_key(builder: _Builder, entry: Entry, original: Entry | None,
                  scopes: dict[tuple[int, str], int]) -> str:
    """The key a repeated line would have had: its twin's, or its place's numbering and its own number."""
    if original is not None and id(original) in builder.keys:
        return builder.keys[id(original)]
    twin = next((e for e in builder.items if e.parent is entry.parent and e.style == entry.style), None)
    if twin is not None and id(twin) in builder.keys:
        return builder.keys[id(twin)].rsplit("-", 1)[0] + f"-{entry.value}"
    part = builder.parts[-1].numeral if builder.parts else "一"
    return f"{part}-{entry.value}"


def _early(builder: _Builder, original: Entry, repeat: Entry) -> str:
    """A part heading met again while its part is still open: the first one may have stood too early, and the
    items read since then may belong to the part before."""
    part = builder.part_of.get(id(original))
    current = None
    for entry in builder.state.entries:
        if entry is repeat:
            break
        if id(entry) in builder.part_of:
            current = builder.part_of[id(entry)]
    if part is None or current is not part or builder.parts.index(part) == 0:
        return ""
    keys = [builder.keys[id(e)] for e in builder.items
            if id(e) in builder.keys and builder.places[id(e)].part is part and e.line < repeat.line]
    if not keys:
        return ""
    previous = builder.parts[builder.parts.index(part) - 1].numeral
    moved = listed([f"{previous}-{k.rsplit('-', 1)[1]}" for k in keys])
    return f"；此前读入的 {listed(keys)} 可能属于第{previous}部分（{moved}）"


def _render_lost_heading(builder: _Builder, note: Note) -> None:
    where = builder.where(note.line)
    entry = note.entry
    part = builder.part_of.get(id(entry)) if entry is not None else None
    if note.kind == "part_heading_missing":
        if part is None and entry is not None and id(entry) in builder.places:
            part = builder.places[id(entry)].part
        numeral = part.numeral if part else ""
        under = _lost_items(builder, entry, part)
        builder.problem("part_heading_missing", note.text, note.line,
                        f"{where}：此处事项之前没有部分标题，已作为第{numeral}部分读入（序号重新开始）{under}，请核对")
        return
    section = builder.section_of.get(id(entry)) if entry is not None else None
    label = section.numeral if section else ""
    under = _items_under(builder, entry, _sibling_segments(builder, entry, 0)) if entry is not None else ""
    builder.problem("heading_missing", note.text, note.line,
                    f"{where}：此处序号重新从 1 开始，但前面没有小标题，已补为小标题“{label}”（标题缺失）读入"
                    f"{under}，请核对")


def _lost_items(builder: _Builder, entry: Entry | None, part: Part | None) -> str:
    """The items read into a part put back for a lost heading, and their keys in the part before it."""
    if entry is None or part is None:
        return ""
    index = builder.parts.index(part)
    previous = [builder.parts[index - 1].numeral] if index > 0 else []
    if id(entry) in builder.part_of:
        return _items_under(builder, entry, previous)
    keys = [builder.keys[id(e)] for e in builder.items
            if id(e) in builder.keys and builder.places[id(e)].part is part]
    others = [k for k in (_swap(key, part.numeral, alt) for alt in previous for key in keys) if k]
    if not keys:
        return ""
    return f"；其下的 {listed(keys)}（或为 {listed(others)}）可能属于上一部分"


def _outline_item(builder: _Builder, entry: Entry) -> OutlineItem:
    place = builder.places[id(entry)]
    return OutlineItem(
        key=builder.keys[id(entry)], part=place.part.numeral, path=builder.paths[id(entry)],
        number=builder.numbers[id(entry)],
        label=entry.label if entry.style not in (DASH, ROW, IMPLICIT) else (str(entry.value) if entry.value else ""),
        section=place.section.ordinal if place.section else None, heading=place.heading, text=entry.body(),
        split=entry.split(builder.known),
        unit_lines=tuple(text for _, text in entry.unit_lines or ()), line=entry.line, cells=entry.cells,
        grammar=entry.grammar)
