"""The body of a plan, read line by line into an outline of entries, one per numbered line.

A line that opens with a numbering mark (plan_parser_marks: 第一部分, 一、, （一）, ——, 1., （1）, ①) opens an entry
under the nearest open entry of a higher rank; a unit line (`责任单位：…`) belongs to the open entry; any other line
continues it, because dumps cut items across lines and pages, even mid-word. Which entries are items and which
are headings, and how items are keyed, is decided afterwards from the whole outline (plan_parser_outline).

A mark is taken for what it says when its number fits: the next number under its parent, the next of the
numbering running through the document, or 1 under a new parent (numbering that restarts per section). A
number that does not fit is text when the open item is still mid-sentence; a repeated 1 under the same parent
waits for what follows (a heading the document lost, or a repeated line); a number already used is a repeat.
Nothing is dropped silently: what cannot be placed becomes a note, rendered as a Problem once keys are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gwr_desktop.domain.clause import SplitItem, is_clause_open, split_clause
from gwr_desktop.domain.clause_units import UNIT_LINE, Known, is_unit_list, unit_like, unit_line, unit_tokens
from gwr_desktop.domain.plan_layout import is_appendix_label
from gwr_desktop.domain.plan_parser_marks import DASH, IMPLICIT, NUMBERED, RANK, Mark, mark_of

ITEM = "item"
HEADING = "heading"
_OPEN_CLAUSE_MAX = 250  # the longest clause (二-13) runs ~150 characters; an older "open" bracket is damage
_PAGE_FURNITURE = re.compile(r"^[\s\-—–－·•]*\d{1,4}[\s\-—–－·•]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$"
                             r"|^\d{1,4}\s*/\s*\d{1,4}$")


@dataclass(eq=False, slots=True)
class Entry:
    """One numbered line of the outline, with the lines that continue it."""

    style: str
    value: int
    label: str
    text: str
    line: int
    parent: Entry | None
    # Continuation lines and unit lines (line number, text), and style → values of the children taken: made
    # only when needed (a 32,000-item plan allocates three containers fewer per item).
    more: list[tuple[int, str]] | None = None
    unit_lines: list[tuple[int, str]] | None = None
    kids: dict[str, list[int]] | None = None
    children: int = 0
    role: str | None = None  # ITEM / HEADING when the layout says so (a table row, a lost heading)
    cells: dict[str, str] | None = None  # the columns of a table row, by role
    grammar: str = ""
    implicit: bool = False  # stands for a heading the document lost
    dropped: str = ""  # "repeat": reported, never an item or heading
    restart: bool = False  # top-level numbering restarted here (a part heading was lost)
    closed: bool = False  # its clause is complete: a plain line after it cannot be its text
    _split: tuple[int, SplitItem] | None = field(default=None, repr=False)  # (length of the body, its split)

    @property
    def rank(self) -> float:
        return RANK.get(self.style, -2)

    def body(self) -> str:
        return self.text + "".join(text for _, text in self.more) if self.more else self.text

    def add_line(self, number: int, text: str) -> None:
        if self.more is None:
            self.more = []
        self.more.append((number, text))

    def add_unit_line(self, number: int, text: str) -> None:
        if self.unit_lines is None:
            self.unit_lines = []
        self.unit_lines.append((number, text))

    def values(self, style: str) -> list[int]:
        """The numbers of the children of one style taken so far."""
        return self.kids.get(style, []) if self.kids else []

    def split(self, known: Known | None) -> SplitItem:
        """The body without and with its clause, read once per length of the body (a 32,000-item plan)."""
        text = self.body()
        if self._split is None or self._split[0] != len(text):
            self._split = (len(text), split_clause(text, known))
        return self._split[1]


@dataclass
class Note:
    """Something to report, placed after an entry; rendered as a Problem once items have keys."""

    kind: str
    text: str
    line: int
    entry: Entry | None  # the entry it follows (or the entry it is about)
    detail: str = ""  # "label", "repeat", "lost_heading", "furniture"


@dataclass
class _Run:
    """The numbering of one style as it runs through the document, since it last restarted at 1."""

    last: int = 0
    used: set[int] = field(default_factory=set)

    def next(self) -> int:
        number = self.last + 1
        while number in self.used:
            number += 1
        return number


@dataclass
class State:
    line_word: str = "行"
    known: Known | None = None
    furniture: frozenset[str] = frozenset()  # running page headers (the plan's title repeated)
    root: Entry = field(default_factory=lambda: Entry("root", 0, "", "", 0, None))
    entries: list[Entry] = field(default_factory=list)
    stack: list[Entry] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    open: Entry | None = None  # the entry plain lines continue
    pending: Entry | None = None  # a repeated 1 under the same parent: a lost heading, or a repeat
    runs: dict[str, _Run] = field(default_factory=dict)
    table: object | None = None  # the task table being read (plan_table.TableColumns)
    seen: set[str] = field(default_factory=set)  # the styles of the entries taken so far
    headed: set[str] = field(default_factory=set)  # the styles of entries that hold entries (headings)

    def where(self, number: int) -> str:
        return f"第{number}{self.line_word}"

    def top(self) -> Entry:
        return self.stack[-1] if self.stack else self.root

    def note(self, kind: str, text: str, line: int, entry: Entry | None, detail: str = "") -> None:
        self.notes.append(Note(kind, text, line, entry, detail))


def starts_structure(line: str) -> bool:
    """A numbered line: where a plan's body begins (a "——" line alone does not begin it)."""
    mark = mark_of(line)
    return mark is not None and mark.style in NUMBERED


def feed(state: State, number: int, line: str) -> None:
    if (len(line) <= 24 and _PAGE_FURNITURE.match(line)) or line in state.furniture:
        return  # a page number or running header: print furniture, not plan text
    mark = mark_of(line)
    if mark is not None and take_mark(state, number, line, mark):
        return
    if unit_line(line) and not _clause_open(state.open):  # "责任单位：…" wrapped inside a bracket is text
        _unit_line(state, number, line)
        return
    if line[:1] == "附" and is_appendix_label(line):
        state.note("stray_appendix_label", line, number, _last_entry(state), "label")
        return
    continue_open(state, number, line)


def take_mark(state: State, number: int, line: str, mark: Mark) -> bool:
    """Open an entry for a marked line, unless the line reads better as the open entry's text."""
    if state.pending is not None:
        if _clause_open(state.pending):
            return False
        _resolve_pending(state, mark)
    if mark.style == DASH:
        if _clause_open(state.open):
            return False
        if _intrudes(state, mark):
            state.note("stray_fragment", line, number, _last_entry(state))
            state.open = None
            return True
        open_entry(state, number, mark, _parent_for(state, mark.rank))
        return True
    parent = _parent_for(state, mark.rank)
    verdict = _judge(state, mark, parent)
    if verdict == "text":
        return False
    if verdict != "pending" and _intrudes(state, mark):
        # "第二部分…" in a plan whose parts are "一、…", "（三）" in one whose sections are "1.": a level the
        # plan has not used cannot appear midway above levels that already hold entries.
        state.note("stray_fragment", line, number, _last_entry(state))
        state.open = None
        return True
    entry = Entry(mark.style, mark.value, mark.label, mark.rest, number, parent)
    if verdict == "pending":
        state.entries.append(entry)
        update_closed(entry, state.known)
        state.pending, state.open = entry, entry
    elif verdict == "repeat":
        entry.dropped = "repeat"
        state.entries.append(entry)
        state.open = entry
        state.note("repeat", mark.label + mark.rest, number, entry, "repeat")
    else:
        _place(state, entry, restart=verdict == "restart")
    return True


def open_entry(state: State, number: int, mark: Mark, parent: Entry, *, role: str | None = None) -> Entry:
    """Open an entry the layout vouches for (a "——" heading, a table's row): no sequence to judge."""
    entry = Entry(mark.style, mark.value, mark.label, mark.rest, number, parent, role=role)
    _place(state, entry, restart=False)
    return entry


def _intrudes(state: State, mark: Mark) -> bool:
    """A style the plan has not used so far, ranked above a level whose entries already hold entries: the
    plan's nesting is set by the levels it opens with, and a new one only ever appears below them."""
    if mark.style in state.seen:
        return False
    return any(mark.rank < RANK[style] for style in state.headed if style in NUMBERED)


def _parent_for(state: State, rank: float) -> Entry:
    """The open entry a mark of this rank goes under (the stack is left as it is)."""
    for entry in reversed(state.stack):
        if entry.rank < rank:
            return entry
    return state.root


def _judge(state: State, mark: Mark, parent: Entry) -> str:
    """"take", "restart" (1 under a new parent), "pending", "repeat" or "text" (the open entry goes on)."""
    kids = parent.values(mark.style)
    run = state.runs.get(mark.style)
    value = mark.value
    if value == (run.next() if run else 1) or (kids and value == kids[-1] + 1):
        return "take"
    if not kids and value == 1:
        return "restart"
    if _clause_open(state.open):
        return "text"
    if value == 1:
        return "pending"
    if _mid_sentence(state.open, mark, state.known):
        return "text"
    if value in kids or (run is not None and value in run.used and parent is _run_parent(state, mark.style)):
        return "repeat"
    return "take"  # out of sequence: reported once the outline is known


def _run_parent(state: State, style: str) -> Entry | None:
    last = next((e for e in reversed(state.entries) if e.style == style and not e.dropped), None)
    return last.parent if last else None


def _mid_sentence(entry: Entry | None, mark: Mark, known: Known | None) -> bool:
    """The open entry is an item still waiting for its clause, and the marked line carries none of its own:
    a wrapped line that happens to start with a number ("一、二、三产业…")."""
    if entry is None or entry.dropped or entry.closed or entry.unit_lines or entry.children:
        return False
    text = entry.body()
    if entry.split(known).clause:
        return False
    item_like = "。" in text or "；" in text or len(text) > 40 or any(ch.isdigit() for ch in text)
    return item_like and not split_clause(mark.rest, known).clause


def _place(state: State, entry: Entry, *, restart: bool, append: bool = True) -> None:
    """Put a taken entry into the outline: under its parent, on the stack, into its style's numbering."""
    parent = entry.parent or state.root
    while state.stack and state.stack[-1] is not parent:
        state.stack.pop()
    if append:
        state.entries.append(entry)
    update_closed(entry, state.known)
    parent.children += 1
    state.headed.add(parent.style)
    state.seen.add(entry.style)
    if parent.kids is None:
        parent.kids = {entry.style: [entry.value]}
    elif entry.style in parent.kids:
        parent.kids[entry.style].append(entry.value)
    else:
        parent.kids[entry.style] = [entry.value]
    state.stack.append(entry)
    state.open = entry
    if entry.value:
        run = state.runs.get(entry.style)
        if run is None:
            run = state.runs[entry.style] = _Run()
        if restart:
            run.last, run.used = 0, set()
        run.last = entry.value
        run.used.add(entry.value)


def _resolve_pending(state: State, mark: Mark) -> None:
    """A repeated 1 is decided by what follows it: a child or a repeated 2 means the numbering restarted (a
    heading was lost: it is put back, and reported); anything else makes it a repeat."""
    entry = state.pending
    assert entry is not None
    state.pending = None
    parent = entry.parent or state.root
    previous = _last_child(state, parent, entry.style, entry)
    siblings_were_headings = previous is not None and previous.children > 0
    has_clause = bool(entry.unit_lines) or bool(entry.split(state.known).clause)
    if mark.rank > entry.rank:
        # a heading of its kind (no clause; no sentence where its kind are headings) that is not a line
        # printed twice: the numbering restarted because the heading above it was lost
        sentence = siblings_were_headings and "。" in entry.text
        restarted = not has_clause and not sentence and not _repeats_previous(state, entry)
    elif mark.style == entry.style:
        restarted = mark.value == 2 and 2 in parent.values(entry.style) and not siblings_were_headings
    else:
        restarted = False
    if restarted:
        _lost_heading(state, entry)
    elif has_clause and siblings_were_headings:
        _merge_into_previous(state, entry)
    else:
        entry.dropped = "repeat"
        state.note("repeat", entry.label + entry.text, entry.line, entry, "repeat")


def _last_child(state: State, parent: Entry, style: str, before: Entry) -> Entry | None:
    found = None
    for entry in state.entries:
        if entry is before:
            break
        if entry.parent is parent and entry.style == style and not entry.dropped:
            found = entry
    return found


def _repeats_previous(state: State, entry: Entry) -> bool:
    """A heading line printed twice in a row is a repeat, not a restart."""
    previous = _last_child(state, entry.parent or state.root, entry.style, entry)
    return previous is not None and previous.text == entry.text and previous.children == 0


def _merge_into_previous(state: State, entry: Entry) -> None:
    """A "heading" that carries a clause where its kind carry none: a wrapped line of the item before it."""
    state.entries.remove(entry)
    target = next((e for e in reversed(state.entries) if not e.dropped), None)
    if target is None or target.closed:
        state.note("stray_fragment", entry.label + entry.body(), entry.line, target)
        return
    target.add_line(entry.line, entry.label + entry.text)
    for number, text in entry.more or ():
        target.add_line(number, text)
    for number, text in entry.unit_lines or ():
        target.add_unit_line(number, text)
    state.open = target


def _lost_heading(state: State, entry: Entry) -> None:
    """Numbering restarted under the same parent: the heading above it was lost. Put back an implicit one."""
    parent = entry.parent or state.root
    if parent is state.root:
        entry.restart = True
        state.note("part_heading_missing", entry.label + entry.text[:80], entry.line, entry, "lost_heading")
        _place(state, entry, restart=True, append=False)
        return
    grand = parent.parent or state.root
    values = grand.values(parent.style)
    implicit = Entry(parent.style if parent.style != "root" else IMPLICIT, (max(values) if values else 0) + 1, "",
                     "", entry.line, grand, role=HEADING, implicit=True)
    state.entries.insert(len(state.entries) - 1, implicit)  # the pending entry is the last one read
    _place(state, implicit, restart=False, append=False)
    entry.parent = implicit
    kind = "part_heading_missing" if grand is state.root else "heading_missing"
    state.note(kind, entry.label + entry.text[:80], entry.line, implicit, "lost_heading")
    _place(state, entry, restart=True, append=False)


def _clause_open(entry: Entry | None) -> bool:
    """The entry has started its clause and not closed it — recently: a bracket left open by damage must not
    swallow the next part's heading and every item after it."""
    if entry is None or entry.closed or entry.dropped:
        return False
    text = entry.body()
    if not is_clause_open(text):
        return False
    opened = max(text.rfind("("), text.rfind("（"))
    return len(text) - opened < _OPEN_CLAUSE_MAX


def _unit_line(state: State, number: int, line: str) -> None:
    entry = state.open
    if entry is None or _repeats_a_label(entry, line):
        # a second "牵头单位：" under one item belongs to another (a line moved, an item's own line lost)
        state.note("stray_fragment", line, number, entry or _last_entry(state))
        return
    entry.add_unit_line(number, line)
    entry.closed = True


def _repeats_a_label(entry: Entry, line: str) -> bool:
    labels = {m.group("label") for _, text in entry.unit_lines or () for m in [UNIT_LINE.match(text)] if m}
    found = UNIT_LINE.match(line)
    return found is not None and found.group("label") in labels


def continue_open(state: State, number: int, line: str) -> None:
    entry = state.open
    if entry is None:
        state.note("stray_fragment", line, number, _last_entry(state))
        return
    if entry.unit_lines:
        if _continues_units(entry.unit_lines[-1][1], line, state.known):
            last_number, last = entry.unit_lines[-1]
            entry.unit_lines[-1] = (last_number, last + line)
        else:
            state.note("stray_fragment", line, number, entry)
        return
    if entry.closed or entry.dropped:
        if entry.dropped:
            entry.add_line(number, line)
        else:
            state.note("stray_fragment", line, number, entry)
        return
    entry.add_line(number, line)
    if line.endswith((")", "）")) or "：" in line:
        update_closed(entry, state.known)


def update_closed(entry: Entry, known: Known | None) -> None:
    """Whether the entry's clause is complete, so that a plain line after it cannot be its text."""
    text = entry.body()
    if text.endswith((")", "）")) or "：" in text:
        entry.closed = bool(entry.split(known).clause) and not is_clause_open(text)


def _continues_units(previous: str, line: str, known: Known | None) -> bool:
    """A unit line wrapped onto the next line: "…、各县市区人民" + "政府", or a list going on after "、"."""
    if len(line) > 60 or "。" in line:
        return False
    tokens = unit_tokens(line)
    if not tokens:
        return False
    if previous.endswith(("、", "，", ",", "；", ";")):
        return is_unit_list(line, known)
    head = unit_tokens(previous)[-1:] or [""]
    return unit_like(head[0] + tokens[0], known) and all(unit_like(t, known) for t in tokens[1:])


def _last_entry(state: State) -> Entry | None:
    return state.entries[-1] if state.entries else None


def flush_pending(state: State) -> None:
    """The end of the body: a repeated 1 still undecided is reported as the repeat it is."""
    entry = state.pending
    if entry is None:
        return
    state.pending = None
    entry.dropped = "repeat"
    state.note("repeat", entry.label + entry.text, entry.line, entry, "repeat")
