"""The body of a plan, read line by line into parts, sections, "——" headings and numbered item blocks.

A line that starts a part, a section, a heading or a numbered item opens a block; any other line continues the
open block, because dumps cut items across lines and pages, even mid-word. What cannot be placed is a Problem,
never dropped and never guessed: text after a closed clause, a number already used, a `附件1` page header, a
long sentence after a title. A number out of sequence still opens its item (so one damaged number does not glue
the rest of the part onto a heading) and is reported with the numbers missing before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gwr_desktop.domain.clause import is_clause_open, mentions_units, split_clause
from gwr_desktop.domain.plan import Heading, Part, Problem, Section
from gwr_desktop.domain.plan_layout import is_appendix_label
from gwr_desktop.domain.text import chinese_numeral, chinese_numeral_value, clean_text

_PART = re.compile(r"^(?P<numeral>[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?P<title>.+)$")
_PAREN_NUMERAL = re.compile(r"^[(（]\s*(?P<numeral>[一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?(?P<title>.+)$")
_HEADING = re.compile(r"^[—─－-]{2}\s*(?P<title>.+)$")
_ITEM = re.compile(r"^(?P<number>\d{1,5})\s*[.．、](?!\d)\s*(?P<text>.*)$"
                   r"|^[(（](?P<paren>\d{1,5})[)）]\s*(?P<ptext>.+)$")
_MAX_HELD = 40  # lines held while a repeated "1." is undecided
_TITLE_WRAP_MAX = 40  # a heading continued on the next line is short and has no sentence in it


@dataclass
class Block:
    part: str
    number: int
    text: str
    line: int
    section: int | None
    heading: int | None
    closed: bool = False
    cells: dict[str, str] | None = None  # the columns of a table row, by role
    grammar: str = ""


@dataclass
class State:
    line_word: str = "行"
    parts: list[Part] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title_open: bool = False  # a heading line may wrap onto the next line
    last_number: dict[str, int] = field(default_factory=dict)  # part numeral → the number opened last
    used: dict[str, set[int]] = field(default_factory=dict)  # part numeral → numbers opened
    missing: dict[str, list[int]] = field(default_factory=dict)  # part numeral → numbers skipped over
    table: object | None = None  # the task table being read (plan_table.TableColumns)
    pending: tuple[int, str] | None = None  # an item "1." met again: a new part if "2." follows, else a repeat
    held: list[tuple[int, str]] = field(default_factory=list)  # lines met while that is undecided

    @property
    def part(self) -> Part | None:
        return self.parts[-1] if self.parts else None

    @property
    def section(self) -> Section | None:
        part = self.part
        return part.sections[-1] if part and part.sections else None

    @property
    def block(self) -> Block | None:
        return self.blocks[-1] if self.blocks else None

    def expected(self) -> int:
        """The number after the last one opened in this part, skipping numbers already used (after a swap)."""
        part = self.part
        if part is None:
            return 1
        used = self.used.get(part.numeral, ())
        number = self.last_number.get(part.numeral, 0) + 1
        while number in used:
            number += 1
        return number

    def where(self, number: int) -> str:
        return f"第{number}{self.line_word}"

    def problem(self, kind: str, text: str, number: int, location: str, after: str | None = None) -> None:
        self.problems.append(Problem(kind=kind, text=text, location=location, line=number, after_item=after))


def feed(state: State, number: int, line: str) -> None:
    if state.pending is not None and not line[:1].isdigit():
        state.held.append((number, line))  # replayed once the next item decides what "1." was
        if len(state.held) <= _MAX_HELD:
            return
        flush_pending(state)
        return
    for handler in _handlers(line[:1]):
        if handler(state, number, line):
            return
    continue_block(state, number, line)


def _handlers(first: str) -> tuple:
    """Only the handlers a line's first character allows (a 32,000-item plan is read in linear time)."""
    if first.isdigit():
        return (_start_item,)
    if first in "(（":
        return (_start_paren, _start_item)
    if first in "一二三四五六七八九十":
        return (_start_part,)
    if first in "—─－-":
        return (_start_heading,)
    if first == "附":
        return (_stray_label,)
    return ()


def starts_structure(line: str) -> bool:
    """A part, section, heading or numbered item line: where a plan's body begins."""
    return any(p.match(line) for p in (_PART, _PAREN_NUMERAL, _HEADING, _ITEM))


_OPEN_CLAUSE_MAX = 250  # the longest clause (二-13) runs ~150 characters; an older "open" bracket is damage


def _clause_open(state: State) -> bool:
    """The open block has started its clause and not closed it — recently: a bracket left open by damage must
    not swallow the next part's heading and every item after it."""
    block = state.block
    if block is None or block.closed or not is_clause_open(block.text):
        return False
    opened = max(block.text.rfind("("), block.text.rfind("（"))
    return len(block.text) - opened < _OPEN_CLAUSE_MAX


def _stray_label(state: State, number: int, line: str) -> bool:
    """`附件1` / `附表 1` inside the body: a page header or a misplaced label, reported, never an end."""
    if not is_appendix_label(line):
        return False
    after = state.block.part + "-" + str(state.block.number) if state.block else None
    state.problem("stray_appendix_label", line, number,
                  f"{state.where(number)}：正文中出现“{line}”（页眉或错放的附件标记），已跳过，请核对", after)
    return True


def _start_part(state: State, number: int, line: str) -> bool:
    match = _PART.match(line)
    if not match or _clause_open(state) or "。" in match.group("title") or len(match.group("title")) > 60:
        return False
    numeral = match.group("numeral")
    expected = len(state.parts) + 1
    if any(part.numeral == numeral for part in state.parts):
        after = f"{state.block.part}-{state.block.number}" if state.block else None
        early = _early_heading(state, numeral)
        state.problem("part_out_of_sequence", line, number,
                      f"{state.where(number)}：部分标题“{numeral}、”重复出现，已跳过{early}，请核对", after)
        return True
    if _value(numeral) != expected:
        state.problem("part_out_of_sequence", line, number,
                      f"{state.where(number)}：部分序号“{numeral}、”与前文不连续（应为第{expected}部分）")
    state.parts.append(Part(len(state.parts) + 1, numeral, clean_text(match.group("title"))))
    state.title_open = True
    return True


def _early_heading(state: State, numeral: str) -> str:
    """The heading is the current part's, met again: the first one may have stood too early, and the items
    read since then may belong to the part before."""
    if state.part is None or state.part.numeral != numeral or len(state.parts) < 2:
        return ""
    numbers = [b.number for b in state.blocks if b.part == numeral][:20]
    if not numbers:
        return ""
    previous = state.parts[-2].numeral
    here = "、".join(f"{numeral}-{n}" for n in numbers)
    return f"；此前读入的 {here} 可能属于第{previous}部分（{'、'.join(f'{previous}-{n}' for n in numbers)}）"


def _start_paren(state: State, number: int, line: str) -> bool:
    """"（一）…" is a section heading, except in a part without sections where it numbers an item."""
    match = _PAREN_NUMERAL.match(line)
    if not match or _clause_open(state):
        return False
    title = match.group("title")
    value = _value(match.group("numeral"))
    has_clause = bool(split_clause(title).clause)
    looks_like_item = has_clause or "。" in title or "单位" in title
    if state.part is None:
        if not looks_like_item:
            return False
        implicit_part(state, number, line)
    if has_clause or (not state.part.sections and looks_like_item):  # sections never carry a clause
        return open_numbered(state, number, value, title)
    part = state.part
    if value != len(part.sections) + 1:
        wanted = len(part.sections) + 1
        state.problem("section_out_of_sequence", line, number, f"{state.where(number)}：第{part.numeral}部分的"
                      f"小标题序号“（{match.group('numeral')}）”与前文不连续（应为第{wanted}个），请核对")
    part.sections.append(Section(len(part.sections) + 1, f"（{match.group('numeral')}）", clean_text(title)))
    state.title_open = True
    return True


def _start_heading(state: State, number: int, line: str) -> bool:
    match = _HEADING.match(line)
    if not match or state.section is None or _clause_open(state):
        return False
    section = state.section
    section.headings.append(Heading(len(section.headings) + 1, clean_text(match.group("title"))))
    state.title_open = True
    return True


def _start_item(state: State, number: int, line: str) -> bool:
    match = _ITEM.match(line)
    if not match:
        return False
    value = int(match.group("number") or match.group("paren"))
    text = match.group("text") if match.group("number") else match.group("ptext")
    if state.part is None:
        if not split_clause(text).clause:
            return False
        implicit_part(state, number, line)
    return open_numbered(state, number, value, text)


def implicit_part(state: State, number: int, line: str) -> None:
    """Items where no part heading stands (lost, or moved above the title): the next part, reported."""
    numeral = chinese_numeral(len(state.parts) + 1)
    state.parts.append(Part(len(state.parts) + 1, numeral, ""))
    state.problem("part_heading_missing", line[:80], number,
                  f"{state.where(number)}：此处事项之前没有部分标题，已作为第{numeral}部分读入（序号重新开始），请核对")


def open_numbered(state: State, line_number: int, value: int, text: str, *, table: bool = False) -> bool:
    """Open item `value` of the current part, unless the line reads better as the open block's continuation."""
    if state.pending is not None:
        _resolve_pending(state, value)
    part = state.part
    assert part is not None
    expected = state.expected()
    if value == expected or (table and _continues_numbering(state, value)):
        open_item(state, line_number, value, text)
        return True
    block = state.block
    if _clause_open(state) or (block is not None and block.part == part.numeral and not block.closed
                               and not split_clause(block.text).clause and not split_clause(text).clause):
        return False  # a wrapped line that happens to start with a number: the open block goes on
    if value == 1 and 1 in state.used.get(part.numeral, ()) and (block is None or block.closed
                                                                  or split_clause(block.text).clause):
        state.pending = (line_number, text)  # decided by the next item: "2." means the numbering restarted
        if block is not None:
            block.closed = True
        return True
    key = f"{part.numeral}-{value}"
    if value in state.used.get(part.numeral, set()):
        state.problem("duplicate_number", clean_text(text), line_number,
                      f"{state.where(line_number)}：序号 {key} 重复出现，此段未作为事项导入，请核对", key)
        if block is not None:
            block.closed = True
        return True
    hint = ""
    if _continues_numbering(state, value):  # a part heading put in too early: the items may be the last part's
        hint = f"，或为上一部分的 {state.parts[-2].numeral}-{value}"
    state.problem("numbering_out_of_sequence", clean_text(text)[:80], line_number,
                  f"{state.where(line_number)}：{key} 序号不连续（此处应为 {part.numeral}-{expected}{hint}）", key)
    open_item(state, line_number, value, text)
    return True


def _resolve_pending(state: State, value: int) -> None:
    """A repeated "1." followed by a repeated "2.": a part heading was lost, so a new part begins there."""
    line_number, text = state.pending
    part = state.part
    if value == 2 and part is not None and 2 in state.used.get(part.numeral, ()):
        state.pending = None
        implicit_part(state, line_number, text)
        open_item(state, line_number, 1, text)
        _replay(state)
    else:
        flush_pending(state)


def flush_pending(state: State) -> None:
    """The repeated "1." was not a restart: report it as the repeat it is."""
    if state.pending is None or state.part is None:
        return
    line_number, text = state.pending
    state.pending = None
    key = f"{state.part.numeral}-1"
    state.problem("duplicate_number", clean_text(text), line_number,
                  f"{state.where(line_number)}：序号 {key} 重复出现，此段未作为事项导入，请核对", key)
    _replay(state)


def _replay(state: State) -> None:
    held, state.held = state.held, []
    for number, line in held:
        feed(state, number, line)


def _continues_numbering(state: State, value: int) -> bool:
    """The first item of a new part may restart at 1 or go on from the previous part's last number."""
    part = state.part
    if part is None or state.last_number.get(part.numeral) or len(state.parts) < 2:
        return False
    previous = state.parts[-2].numeral
    return value == state.last_number.get(previous, 0) + 1


def open_item(state: State, line_number: int, value: int, text: str, cells: dict[str, str] | None = None,
              grammar: str = "") -> None:
    part = state.part
    assert part is not None
    if state.blocks:
        state.blocks[-1].closed = True
    expected = state.expected()
    missing = state.missing.setdefault(part.numeral, [])
    if value > expected:
        missing.extend(n for n in range(expected, value) if n not in state.used.get(part.numeral, ()))
    if value in missing:
        missing.remove(value)
    state.last_number[part.numeral] = value
    state.used.setdefault(part.numeral, set()).add(value)
    section = state.section
    heading = section.headings[-1].ordinal if section and section.headings else None
    state.blocks.append(Block(part=part.numeral, number=value, text=text, line=line_number,
                              section=section.ordinal if section else None, heading=heading, cells=cells,
                              grammar=grammar))
    state.title_open = False


def continue_block(state: State, number: int, line: str) -> None:
    block = state.block
    if block is None or block.part != (state.part.numeral if state.part else None) or state.title_open \
            or block.closed:
        _continue_title(state, number, line)
        return
    if block.cells is None and split_clause(block.text).clause and not is_clause_open(block.text):
        stray(state, number, line, block)
        return
    block.text += line


def stray(state: State, number: int, line: str, block: Block | None) -> None:
    after = f"{block.part}-{block.number}" if block else None
    where = f"{state.where(number)}，{after} 之后" if after else state.where(number)
    state.problem("stray_fragment", line, number, where, after)


def _continue_title(state: State, number: int, line: str) -> None:
    """A wrapped heading line — short, no sentence, no clause — or text that cannot be placed."""
    section = state.section
    wraps = state.title_open and len(line) <= _TITLE_WRAP_MAX and "。" not in line and not mentions_units(line)
    if wraps and section is not None and section.headings:
        last = section.headings[-1]
        section.headings[-1] = Heading(last.ordinal, last.title + clean_text(line))
    elif wraps and section is not None:
        section.title += clean_text(line)
    elif wraps and state.part is not None:
        state.part.title += clean_text(line)
    else:
        stray(state, number, line, state.block)


def _value(numeral: str) -> int:
    try:
        return chinese_numeral_value(numeral)
    except ValueError:
        return 0
