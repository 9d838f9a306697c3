"""Turn the text of a plan document (a damaged dump of the printed notice) into a ParsedPlan.

The text is read line by line. A line that starts a part, section, "——" heading or numbered item
opens a new block; any other line continues the open block, because the dump cuts items across
lines and pages, even mid-word. Text that arrives after an item's clause has closed belongs nowhere:
it is kept as a Problem for a person to review, never dropped and never guessed into an item.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from gwr_desktop.domain.clause import ClauseError, is_clause_open, parse_clause, split_clause
from gwr_desktop.domain.notice import (
    DOC_NUMBER,
    find_date,
    form_settings,
    office_contacts,
    plan_forms_deadline,
    quarterly_deadlines,
)
from gwr_desktop.domain.plan import Heading, ParsedPlan, Part, PlanItem, PlanMeta, Problem, Section
from gwr_desktop.domain.plan_source import PlanSourceError, read_plan_text
from gwr_desktop.domain.text import chinese_numeral_value, clean_text, squeeze_spaces
from gwr_desktop.domain.units import UnitRegistry

_PLAN_TITLE = re.compile(r"^(?P<year>\d{4})年.*责任分解方案$")
_PART = re.compile(r"^(?P<numeral>[一二三四五六七八九十]+)、(?P<title>.+)$")
_PAREN_NUMERAL = re.compile(r"^[(（](?P<numeral>[一二三四五六七八九十]+)[)）](?P<title>.+)$")
_HEADING = re.compile(r"^——(?P<title>.+)$")
_ITEM = re.compile(r"^(?P<number>\d{1,3})\s*[.．、](?!\d)(?P<text>.*)$")
_APPENDIX = re.compile(r"^附[表件]\s*\d+$")


class PlanParseError(ValueError):
    """The text is not a plan document this importer understands. The message is for the user."""


@dataclass
class _Block:
    part: str
    number: int
    text: str
    line: int
    section: int | None
    heading: int | None
    closed: bool = False


@dataclass
class _State:
    registry: UnitRegistry
    parts: list[Part] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title_open: bool = False  # a heading line may wrap onto the next line

    @property
    def part(self) -> Part | None:
        return self.parts[-1] if self.parts else None

    @property
    def section(self) -> Section | None:
        part = self.part
        return part.sections[-1] if part and part.sections else None

    def next_number(self) -> int:
        part = self.part
        numbers = [b.number for b in self.blocks if part and b.part == part.numeral]
        return (numbers[-1] if numbers else 0) + 1


__all__ = ["PlanParseError", "PlanSourceError", "parse_plan", "parse_plan_file"]


def parse_plan_file(path: Path, registry: UnitRegistry) -> ParsedPlan:
    """Read a plan document (.txt, .docx …) and parse it.

    Raises PlanSourceError (the file cannot be read) or PlanParseError (it is not a plan this importer
    understands); both are ValueErrors whose message is for the user, in Chinese.
    """
    path = Path(path)
    parsed = parse_plan(read_plan_text(path), registry)
    source_format = "docx" if path.suffix.lower() == ".docx" else "txt"
    return dataclasses.replace(parsed, source_format=source_format)


def parse_plan(text: str, registry: UnitRegistry) -> ParsedPlan:
    lines = [(number, squeeze_spaces(raw)) for number, raw in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    body_start = _find_plan_title(lines)
    body_end = next((i for i in range(body_start, len(lines)) if _APPENDIX.match(lines[i][1])), len(lines))
    notice = [line for _, line in lines[:body_start]]
    appendix = [line for _, line in lines[body_end:]]
    state = _State(registry=registry)
    for number, line in lines[body_start + 1:body_end]:
        _feed(state, number, line)
    if not state.blocks:
        raise PlanParseError("未能从文件中识别出任何责任事项，请确认这是《政府工作报告》目标任务责任分解方案。")
    items = _finish_items(state)
    meta = _meta(notice, lines[body_start][1])
    deadlines = [d for d in [plan_forms_deadline("".join(notice))] if d] + quarterly_deadlines("".join(notice))
    return ParsedPlan(
        meta=meta, parts=state.parts, items=items, deadlines=deadlines,
        forms=form_settings(appendix), office_contacts=office_contacts(appendix),
        problems=state.problems + _numbering_problems(items, state.parts),
        source_digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _find_plan_title(lines: list[tuple[int, str]]) -> int:
    for index, (_, line) in enumerate(lines):
        if _PLAN_TITLE.match(line):
            return index
    raise PlanParseError("未找到方案标题（如“2023年市《政府工作报告》目标任务责任分解方案”），无法识别为责任分解方案。")


def _feed(state: _State, number: int, line: str) -> None:
    for handler in (_start_part, _start_paren, _start_heading, _start_item):
        if handler(state, number, line):
            return
    _continue_block(state, number, line)


def _start_part(state: _State, number: int, line: str) -> bool:
    match = _PART.match(line)
    if not match or (state.blocks and state.blocks[-1].closed is False and is_clause_open(state.blocks[-1].text)):
        return False
    state.parts.append(Part(len(state.parts) + 1, match.group("numeral"), clean_text(match.group("title"))))
    state.title_open = True
    return True


def _start_paren(state: _State, number: int, line: str) -> bool:
    """"(一)…" is a section heading, except in a part without sections where it numbers an item."""
    match = _PAREN_NUMERAL.match(line)
    if not match or state.part is None:
        return False
    title = match.group("title")
    value = chinese_numeral_value(match.group("numeral"))
    if "。" in title or "单位" in title:
        if value != state.next_number():
            return False
        _open_item(state, number, value, title)
        return True
    part = state.part
    part.sections.append(Section(len(part.sections) + 1, f"（{match.group('numeral')}）", clean_text(title)))
    state.title_open = True
    return True


def _start_heading(state: _State, number: int, line: str) -> bool:
    match = _HEADING.match(line)
    if not match or state.section is None:
        return False
    section = state.section
    section.headings.append(Heading(len(section.headings) + 1, clean_text(match.group("title"))))
    state.title_open = True
    return True


def _start_item(state: _State, number: int, line: str) -> bool:
    match = _ITEM.match(line)
    if not match or state.part is None or int(match.group("number")) != state.next_number():
        return False
    _open_item(state, number, int(match.group("number")), match.group("text"))
    return True


def _open_item(state: _State, line_number: int, value: int, text: str) -> None:
    if state.blocks:
        state.blocks[-1].closed = True
    section = state.section
    heading = section.headings[-1].ordinal if section and section.headings else None
    state.blocks.append(_Block(
        part=state.part.numeral, number=value, text=text, line=line_number,
        section=section.ordinal if section else None, heading=heading,
    ))
    state.title_open = False


def _continue_block(state: _State, number: int, line: str) -> None:
    block = state.blocks[-1] if state.blocks else None
    if block is None or block.part != (state.part.numeral if state.part else None) or state.title_open:
        _continue_title(state, number, line)
        return
    if split_clause(block.text).clause and not is_clause_open(block.text):
        state.problems.append(Problem(
            kind="stray_fragment", text=line, line=number, after_item=f"{block.part}-{block.number}",
            location=f"第{number}行，{block.part}-{block.number} 之后",
        ))
        return
    block.text += line


def _continue_title(state: _State, number: int, line: str) -> None:
    """A wrapped heading line, or text before any item that cannot be placed."""
    section = state.section
    if state.title_open and section is not None and section.headings:
        last = section.headings[-1]
        section.headings[-1] = Heading(last.ordinal, last.title + clean_text(line))
    elif state.title_open and section is not None:
        section.title += clean_text(line)
    elif state.title_open and state.part is not None:
        state.part.title += clean_text(line)
    else:
        where = f"第{number}行"
        state.problems.append(Problem(kind="stray_fragment", text=line, line=number, location=where))


def _finish_items(state: _State) -> list[PlanItem]:
    items = []
    for position, block in enumerate(state.blocks, start=1):
        split = split_clause(block.text)
        assignments = ()
        key = f"{block.part}-{block.number}"
        if not split.clause:
            state.problems.append(
                Problem("missing_clause", block.text, f"{key} 未写明牵头单位或责任单位", block.line, key))
        else:
            try:
                found, unknown = parse_clause(split.clause, state.registry)
                assignments = tuple(found)
                for named in unknown:
                    state.problems.append(Problem(
                        "unknown_unit", named.raw, f"{key} 中的单位“{named.raw}”不在单位名录中", block.line, key))
            except ClauseError as error:
                state.problems.append(
                    Problem("unreadable_clause", str(error), f"{key} 的责任单位无法识别", block.line, key))
        items.append(PlanItem(
            part=block.part, number=block.number, text=clean_text(split.text), clause=clean_text(split.clause),
            position=position, source_line=block.line, section=block.section, heading=block.heading,
            assignments=assignments,
        ))
    return items


def _numbering_problems(items: list[PlanItem], parts: list[Part]) -> list[Problem]:
    problems = []
    for part in parts:
        numbers = [item.number for item in items if item.part == part.numeral]
        if numbers and numbers != list(range(1, len(numbers) + 1)):
            title = f"{part.numeral}、{part.title}"
            problems.append(Problem("numbering_gap", title, f"第{part.numeral}部分序号不连续", 0))
    return problems


def _meta(notice: list[str], plan_title: str) -> PlanMeta:
    doc_number = next((m for m in map(DOC_NUMBER.fullmatch, notice) if m), None) or DOC_NUMBER.search("".join(notice))
    issuer = next((line.removesuffix("文件") for line in notice if line.endswith("文件")), "")
    notice_title = next((line for line in notice if line.endswith("的通知")), "")
    signature = [i for i, line in enumerate(notice) if issuer and line == issuer]
    issue_date = find_date(notice[signature[-1] + 1]) if signature and signature[-1] + 1 < len(notice) else None
    return PlanMeta(
        title=clean_text(plan_title), doc_number=doc_number.group(0) if doc_number else "",
        issuer=issuer, issue_date=issue_date, year=int(_PLAN_TITLE.match(plan_title).group("year")),
        notice_title=clean_text(notice_title),
    )
