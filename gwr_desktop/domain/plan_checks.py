"""What a parse must say about itself so nothing is silently lost (issue 17 #1): numbers skipped, a document
that stops early, forms the notice asks for but the file lacks, items without units, unreadable bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwr_desktop.domain.notice import form_kind
from gwr_desktop.domain.plan import ParsedPlan, PlanItem, Problem
from gwr_desktop.domain.plan_lines import State
from gwr_desktop.domain.reading.document import ReadNote
from gwr_desktop.domain.text import squeeze_spaces

# Every kind of Problem the readers and the parser report (each has a Chinese name where problems are shown).
PROBLEM_KINDS = (
    "stray_fragment", "unknown_unit", "missing_clause", "unreadable_clause", "numbering_gap",
    "numbering_out_of_sequence", "duplicate_number", "unnumbered_item", "part_out_of_sequence",
    "section_out_of_sequence", "stray_appendix_label", "lead_undecided", "many_without_units", "missing_forms",
    "document_truncated", "items_after_appendix", "duplicate_form", "item_count_mismatch", "damaged_text",
    "invisible_characters", "part_heading_missing",
)
_FORM_MENTION = re.compile(r"附表\s*(\d(?:\s*[、,，和及]\s*\d)*)")
_STATED_TOTAL = re.compile(r"共\s*(\d{2,5})\s*(?:项|条)")
_ITEM_LIKE = re.compile(r"^\d{1,4}\s*[.．、].*(?:牵头|责任单位|配合)")
_MANY_SHARE = 0.1


@dataclass(frozen=True)
class Ending:
    """How the body ended: whether forms and closing lines (抄送/印发) follow, and the notice's text."""

    notice: str
    has_notice: bool
    has_forms: bool
    has_closing: bool
    appendix: list[tuple[int, str]]
    source_format: str


def numbering_problems(state: State, items: list[PlanItem]) -> tuple[list[Problem], dict[str, int]]:
    problems, expected = [], {}
    for part in state.parts:
        numbers = [item.number for item in items if item.part == part.numeral]
        if not numbers:
            continue
        expected[part.numeral] = max(numbers)
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing and min(numbers) != 1 and missing == list(range(1, min(numbers))):
            missing = []  # numbering carried on from the previous part (a table numbered 1…79 throughout)
            expected[part.numeral] = len(numbers)
        if missing or numbers != sorted(numbers):
            keys = "、".join(f"{part.numeral}-{n}" for n in missing[:20]) + ("…" if len(missing) > 20 else "")
            lost = f"缺少 {keys}；" if missing else ""
            problems.append(Problem(
                "numbering_gap", f"{part.numeral}、{part.title}",
                f"第{part.numeral}部分序号不连续："
                    f"{lost}按序号应有 {expected[part.numeral]} 项，实得 {len(numbers)} 项", 0))
    return problems, expected


def ending_problems(ending: Ending, items: list[PlanItem], state: State) -> list[Problem]:
    problems = []
    last = items[-1] if items else None
    last_text = f"最后一项为 {last.key}" if last else "没有读到事项"
    mentioned = sorted({d for group in _FORM_MENTION.findall(ending.notice) for d in re.findall(r"\d", group)})
    if ending.has_notice and mentioned and not ending.has_forms:
        labels = "、".join(f"附表{n}" for n in mentioned)
        problems.append(Problem("missing_forms", labels, f"通知要求按{labels}报送，但文件中没有这些附表，文件可能不完整"
                                f"（共读到 {len(items)} 项，{last_text}）", 0, last.key if last else None))
    if ending.has_notice and ending.source_format != "xlsx" and not ending.has_forms and not ending.has_closing:
        problems.append(Problem("document_truncated", last.text[-60:] if last else "",
                                "文件末尾既没有附表，也没有抄送、印发等文末内容，"
                                    f"文件可能不完整（共读到 {len(items)} 项，"
                                f"{last_text}），请与原件核对", 0, last.key if last else None))
    elif state.blocks and state.blocks[-1].cells is None and _cut_short(state.blocks[-1].text):
        problems.append(Problem("document_truncated", state.blocks[-1].text[-60:],
                                f"最后一项 {last_text.removeprefix('最后一项为 ')} 在括号中间结束，文件可能被截断", 0,
                                last.key if last else None))
    return problems


def _cut_short(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += 1 if ch in "(（" else -1 if ch in ")）" else 0
    return depth > 0


def appendix_problems(ending: Ending) -> list[Problem]:
    """Item-like lines after the forms began, and a form printed twice."""
    problems = []
    kinds: dict[str, int] = {}
    lines = [line for _, line in ending.appendix]
    for index, (number, line) in enumerate(ending.appendix):
        text = squeeze_spaces(line)
        if _ITEM_LIKE.match(text):
            problems.append(Problem("items_after_appendix", text[:80],
                                    f"第{number}行：附表之后还有像事项的文字，未作为事项导入，请核对", number))
        if re.match(r"^附\s*[表件]\s*\d+$", text) and index + 1 < len(lines):
            kind = form_kind(squeeze_spaces(lines[index + 1]))
            if kind is not None:
                kinds[kind.value] = kinds.get(kind.value, 0) + 1
                if kinds[kind.value] == 2:
                    problems.append(Problem("duplicate_form", text, f"第{number}行："
                        "同一附表出现了两次，只采用第一份", number))
    return problems


def unit_problems(plan_items: list[PlanItem]) -> list[Problem]:
    without = [item for item in plan_items if not item.assignments]
    if len(without) > max(3, _MANY_SHARE * len(plan_items)):
        keys = "、".join(item.key for item in without[:10]) + ("…" if len(without) > 10 else "")
        return [Problem("many_without_units", keys,
                        f"{len(without)} 项（共 {len(plan_items)} 项）没有读到任何牵头或责任单位：{keys}。"
                        "方案的责任单位写法可能未被识别，请核对后再使用", 0)]
    return []


def stated_total_problems(notice: str, items: list[PlanItem]) -> tuple[list[Problem], int | None]:
    match = _STATED_TOTAL.search(squeeze_spaces(notice))
    if not match:
        return [], None
    stated = int(match.group(1))
    if stated == len(items):
        return [], stated
    return [Problem("item_count_mismatch", match.group(0),
                    f"通知写明共 {stated} 项，实际读到 {len(items)} 项，请核对", 0)], stated


def note_problems(notes: list[ReadNote], line_word: str) -> list[Problem]:
    return [Problem(note.kind, note.text[:80], note.message, note.line) for note in notes]


def summary(plan: ParsedPlan) -> str:
    return f"{len(plan.items)} 项，{len(plan.problems)} 个问题"
