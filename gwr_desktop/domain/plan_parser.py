"""Turn a plan document — a damaged text dump, a Word file, a sheet, a PDF — into a ParsedPlan.

The reader (domain.reading) gives the document's lines in reading order, Word's automatic numbers written in
and table rows split into cells. The layout (plan_layout) finds the notice, the plan title (one line or
several), the body and the appended forms. The body is read line by line (plan_lines) or row by row
(plan_table); each item's clause is read in its own grammar (clause) and the notice's own rule decides who
leads (roles). Everything that cannot be placed, and every sign that something was lost, is a Problem
(plan_checks): a person reviews it, nothing is dropped and nothing is guessed.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import gc
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gwr_desktop.domain.clause import ClauseError, ClauseReading, read_clause, split_clause
from gwr_desktop.domain.notice import (
    DOC_NUMBER,
    find_date,
    form_settings,
    office_contacts,
    plan_forms_deadline,
    quarterly_deadlines,
)
from gwr_desktop.domain.plan import Assignment, LeadRule, ParsedPlan, PlanItem, PlanMeta, Problem, Role
from gwr_desktop.domain.plan_checks import (
    Ending,
    appendix_problems,
    ending_problems,
    group_problems,
    note_problems,
    stated_total_problems,
    unit_problems,
    unknown_problems,
)
from gwr_desktop.domain.plan_layout import Layout, find_layout
from gwr_desktop.domain.plan_lines import State, feed, flush_pending, starts_structure
from gwr_desktop.domain.plan_parser_outline import Outline, OutlineItem, build_outline
from gwr_desktop.domain.plan_table import feed_row, header_columns
from gwr_desktop.domain.reading import (
    DEFAULT_LIMITS,
    Limits,
    PlanSourceError,
    SourceDocument,
    SourceLine,
    read_document,
)
from gwr_desktop.domain.roles import apply_lead_rule, find_lead_rule
from gwr_desktop.domain.text import clean_text, squeeze_spaces
from gwr_desktop.domain.units import UnitRegistry

__all__ = ["PlanParseError", "PlanSourceError", "parse_document", "parse_plan", "parse_plan_file"]


class PlanParseError(ValueError):
    """The text is not a plan document this importer understands. The message is for the user."""


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    cells: tuple[str, ...] | None
    raw: str  # as read: the appendix's blank forms keep their tab-separated header cells


def parse_plan_file(path: Path, registry: UnitRegistry, limits: Limits = DEFAULT_LIMITS) -> ParsedPlan:
    """Read a plan document (.txt, .docx, .xlsx, .pdf) and parse it.

    Raises PlanSourceError (the file cannot be read) or PlanParseError (it is not a plan this importer
    understands); both are ValueErrors whose message is for the user, in Chinese. Bounded in memory and time.
    """
    return parse_document(read_document(Path(path), limits), registry)


def parse_plan(text: str, registry: UnitRegistry) -> ParsedPlan:
    """Parse the text of a plan dump (one line per printed line)."""
    lines = [SourceLine(number, line, tuple(line.split("\t")) if "\t" in line else None)
             for number, line in enumerate(text.splitlines(), start=1)]
    return parse_document(SourceDocument(format="txt", lines=lines), registry, digest_text=text)


def parse_document(document: SourceDocument, registry: UnitRegistry, digest_text: str | None = None) -> ParsedPlan:
    with _no_cyclic_gc():
        return _parse_document(document, registry, digest_text)


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """A parse builds ~10 objects per item and no reference cycles: the cyclic collector would only rescan the
    growing heap (a quarter of a 32,000-item parse). Refcounting frees everything as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_document(document: SourceDocument, registry: UnitRegistry, digest_text: str | None) -> ParsedPlan:
    lines, layout = _layout(document)
    state = State(line_word=document.line_word, known=registry.is_known,
                  furniture=frozenset({squeeze_spaces(layout.title)}))
    body_start = _preface_end(state, lines, layout)
    notice_lines = [line.text for line in (*lines[:layout.title_start], *lines[layout.body_start:body_start])]
    notice = "\n".join(notice_lines)
    for line in lines[body_start:layout.appendix_start]:
        _feed_line(state, line)
    flush_pending(state)
    outline = build_outline(state)
    if not outline.items:
        raise PlanParseError("未能从文件中识别出任何责任事项，请确认这是《政府工作报告》目标任务责任分解方案。")
    rule = find_lead_rule(notice) or find_lead_rule("\n".join(line.text for line in lines[layout.title_start:]))
    items, item_problems = _finish_items(outline.items, registry, rule)
    meta = _meta(notice_lines, layout)
    appendix = [(line.number, line.raw) for line in lines[layout.appendix_start:layout.closing_start]]
    forms = form_settings([text for _, text in appendix])
    ending = Ending(notice=notice, has_notice=bool(notice_lines), has_forms=bool(forms),
                    has_closing=layout.closing_start < len(lines), appendix=appendix, source_format=document.format)
    problems, expected = _problems(document, outline, items, item_problems, ending, registry)
    digest_source = digest_text if digest_text is not None else document.text()
    return ParsedPlan(
        meta=meta, parts=outline.parts, items=items, deadlines=_deadlines(notice, meta.year), forms=forms,
        office_contacts=office_contacts([text for _, text in appendix]), problems=problems,
        source_digest=hashlib.sha256(digest_source.encode("utf-8", "replace")).hexdigest(),
        lead_rule=rule, source_format=document.format, expected_items=expected,
    )


def _layout(document: SourceDocument) -> tuple[list[_Line], Layout]:
    lines = [_Line(s.number, squeeze_spaces(s.text), s.cells, s.text) for s in document.lines]
    lines = [line for line in lines if line.text]
    layout = find_layout([line.text for line in lines], Path(document.name).stem if document.name else "")
    if layout is None:
        raise PlanParseError("未找到方案标题（如“2023年市《政府工作报告》目标任务责任分解方案”），"
                             "无法识别为责任分解方案。")
    return lines, layout


def _problems(document: SourceDocument, outline: Outline, items: list[PlanItem], item_problems: list[Problem],
              ending: Ending, registry: UnitRegistry) -> tuple[list[Problem], dict[str, int]]:
    """Everything to review, in document order of kind: reader notes, placement, clauses, then completeness."""
    expected = dict(outline.expected)
    stated, total = stated_total_problems(ending.notice, items)
    if total is not None:
        expected["total"] = total
    placed = sorted(outline.problems, key=lambda p: (p.line == 0, p.line))
    last = outline.items[-1] if outline.items else None
    problems = (_placed(note_problems(document.notes, document.line_word), items) + placed + item_problems
                + ending_problems(ending, items, last.text if last and last.cells is None else "")
                + appendix_problems(ending) + unknown_problems(items, registry) + group_problems(items, registry)
                + unit_problems(items) + stated)
    return problems, expected


def _placed(problems: list[Problem], items: list[PlanItem]) -> list[Problem]:
    """Name the item each reader note falls in (the last item starting at or before its line)."""
    starts = sorted((item.source_line, item.key) for item in items)
    lines = [line for line, _ in starts]
    placed = []
    for problem in problems:
        index = bisect.bisect_right(lines, problem.line) - 1
        after = starts[index][1] if index >= 0 and problem.after_item is None else problem.after_item
        placed.append(dataclasses.replace(problem, after_item=after))
    return placed


def _preface_end(state: State, lines: list[_Line], layout: Layout) -> int:
    """Addressees and an opening paragraph between the title and the first part belong to the notice (the
    State Council's style); a line there that carries a clause is reported, not read as notice."""
    for index in range(layout.body_start, layout.appendix_start):
        line = lines[index]
        if starts_structure(line.text) or (line.cells is not None and header_columns(line.cells)):
            return index
        if split_clause(line.text, state.known).clause:
            state.note("stray_fragment", line.text, line.number, None)
    return layout.body_start


def _feed_line(state: State, line: _Line) -> None:
    if line.cells is not None:
        columns = header_columns(line.cells)
        if columns is not None and state.table is None:
            state.table = columns
            return
        if state.table is not None:
            feed_row(state, line.number, line.cells)
            return
    else:
        state.table = None
    feed(state, line.number, line.text)


def _deadlines(notice: str, year: int) -> list:
    found = plan_forms_deadline(notice, year)
    return ([found] if found else []) + quarterly_deadlines(notice, year)


def _finish_items(outline_items: list[OutlineItem], registry: UnitRegistry,
                  rule: LeadRule | None) -> tuple[list[PlanItem], list[Problem]]:
    items, problems = [], []
    readings: dict[str, tuple] = {}  # plans repeat clauses ("牵头单位：…；责任单位：各区人民政府"): read each once
    for position, block in enumerate(outline_items, start=1):
        item, found = _finish(block, position, registry, rule, readings)
        items.append(item)
        problems.extend(found)
    return items, problems


def _finish(block: OutlineItem, position: int, registry: UnitRegistry, rule: LeadRule | None,
            readings: dict[str, tuple]) -> tuple[PlanItem, list[Problem]]:
    key = block.key
    text, clause, reading, problems, cache = _read_block(block, registry, key, readings)
    if cache not in readings or len(readings[cache]) < 3:
        readings[cache] = (*readings.get(cache, (reading, None))[:2],
                           apply_lead_rule(reading.assignments, rule, each_leads=reading.each_leads))
    assignments, undecided = readings[cache][2]
    if undecided:
        names = "、".join(a.unit for a in assignments)
        problems.append(Problem("lead_undecided", names,
                                f"{key} 列出多个单位（{names}）"
                                    "但未写明牵头单位，通知中也没有说明由谁牵头，请核对后指定",
                                block.line, key))
    return PlanItem(
        part=block.part, number=block.number, text=text, clause=clause, position=position, source_line=block.line,
        section=block.section, heading=block.heading, assignments=assignments, leader=reading.leader,
        deadline=reading.deadline, grammar=reading.grammar, label=block.label, path=block.path,
    ), problems


def _read_block(block: OutlineItem, registry: UnitRegistry, key: str,
                readings: dict[str, tuple]) -> tuple[str, str, ClauseReading, list[Problem], str]:
    """The item's text and clause as displayed, the clause read, its problems, and the key its reading is
    cached under (plans repeat clauses; a clause printed as lines is cached apart from the same in brackets)."""
    problems: list[Problem] = []
    if block.cells is not None:
        text, clause, reading = _table_reading(block, registry)
        if not reading.assignments:
            problems.append(Problem("missing_clause", text, f"{key} 表格中未写明牵头单位或责任单位", block.line, key))
        return text, clause, reading, problems, "\x02" + clause
    split = block.split
    lines = [clean_text(line) for line in block.unit_lines]
    text = clean_text(split.text)
    clause = "；".join(filter(None, [_clean_clause(split.clause), *lines]))
    cache = ("\x01" if lines else "") + clause
    reading = ClauseReading(grammar="")
    if not clause:
        problems.append(Problem("missing_clause", clean_text(block.text), f"{key} 未写明牵头单位或责任单位",
                                block.line, key))
    else:
        reading, error = readings[cache][:2] if cache in readings else _read(clause, registry, bool(lines))
        readings.setdefault(cache, (reading, error))
        if error is not None:
            problems.append(Problem("unreadable_clause", error, f"{key} 的责任单位无法识别", block.line, key))
    return text, clause, reading, problems, cache


@functools.lru_cache(maxsize=4096)
def _clean_clause(clause: str) -> str:
    """Clauses repeat across a plan ("牵头单位：…；责任单位：各区人民政府"): cleaned once each."""
    return clean_text(clause)


def _read(clause: str, registry: UnitRegistry, from_lines: bool = False) -> tuple[ClauseReading, str | None]:
    try:
        reading = read_clause(clause, registry)
    except ClauseError as error:
        return ClauseReading(grammar=""), str(error)
    if from_lines:  # printed as lines under the item, not in brackets
        reading.grammar = "lines:" + reading.grammar.removeprefix("labelled:")
    return reading, None


def _table_reading(block: OutlineItem, registry: UnitRegistry) -> tuple[str, str, ClauseReading]:
    cells = block.cells or {}
    reading = ClauseReading(grammar=block.grammar, leader=_flat(cells.get("leader", "")),
                            deadline=_flat(cells.get("deadline", "")))
    for role, column in ((Role.LEAD, "lead"), (Role.RESPONSIBLE, "responsible")):
        for named in registry.split_list(_flat(cells.get(column, "")).replace("；", "、").replace(";", "、")):
            reading.assignments.append(Assignment(role=role, unit=named.name, raw=named.raw, via=named.via))
            if not named.known:
                reading.unknown.append(named)
    printed = [f"{label}：{_flat(cells[column])}" for column, label in
               (("leader", "牵头领导"), ("lead", "牵头单位"), ("responsible", "责任单位"), ("deadline", "完成时限"))
               if cells.get(column)]
    return clean_text(_flat(block.text)), clean_text("；".join(printed)), reading


def _flat(text: str) -> str:
    return squeeze_spaces(text.replace("\n", " "))


def _meta(notice: list[str], layout: Layout) -> PlanMeta:
    joined = "".join(notice)
    doc_number = next((m for m in map(DOC_NUMBER.fullmatch, notice) if m), None) or DOC_NUMBER.search(joined)
    issuer = next((line.removesuffix("文件") for line in notice if line.endswith("文件") and len(line) <= 30), "")
    notice_title = _notice_title(notice)
    signature = [i for i, line in enumerate(notice) if issuer and line == issuer]
    issue_date = None
    if signature and signature[-1] + 1 < len(notice):
        issue_date = find_date(notice[signature[-1] + 1])
    year = layout.year or _year_of(doc_number.group(0) if doc_number else "") or (issue_date.year if issue_date else 0)
    if not year:
        raise PlanParseError(f"方案标题“{layout.title}”中没有年份，通知中也找不到年份，无法确定这是哪一年的方案。")
    return PlanMeta(
        title=clean_text(layout.title), doc_number=doc_number.group(0) if doc_number else "",
        issuer=issuer, issue_date=issue_date, year=year, notice_title=clean_text(notice_title),
    )


def _notice_title(notice: list[str]) -> str:
    """The notice's title, which may wrap over two lines: "…关于印发…" / "…责任分解方案的通知"."""
    for index, line in enumerate(notice):
        if line.endswith(("的通知", "的意见")):
            before = notice[index - 1] if index else ""
            return before + line if ("关于" in before and "关于" not in line) else line
    return ""


def _year_of(doc_number: str) -> int | None:
    match = re.search(r"(\d{4})", doc_number)
    return int(match.group(1)) if match else None
