"""What a parse must say about itself so nothing is silently lost (issue 17 #1): numbers skipped, a document
that stops early, forms the notice asks for but the file lacks, items without units, unreadable bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwr_desktop.domain.clause_units import is_group_name
from gwr_desktop.domain.notice import form_kind
from gwr_desktop.domain.plan import ParsedPlan, PlanItem, Problem
from gwr_desktop.domain.reading.document import ReadNote
from gwr_desktop.domain.text import squeeze_spaces
from gwr_desktop.domain.units import UnitRegistry

# Every kind of Problem the readers and the parser report (each has a Chinese name where problems are shown).
PROBLEM_KINDS = (
    "stray_fragment", "unknown_unit", "missing_clause", "unreadable_clause", "numbering_gap",
    "numbering_out_of_sequence", "duplicate_number", "unnumbered_item", "part_out_of_sequence",
    "section_out_of_sequence", "stray_appendix_label", "lead_undecided", "many_without_units", "missing_forms",
    "document_truncated", "items_after_appendix", "duplicate_form", "item_count_mismatch", "damaged_text",
    "invisible_characters", "part_heading_missing", "heading_missing", "unexpandable_group",
)
_FORM_MENTION = re.compile(r"附表\s*(\d(?:\s*[、,，和及]\s*\d)*)")
_STATED_TOTAL = re.compile(r"共\s*(\d{2,5})\s*(?:项|条)")
_ITEM_LIKE = re.compile(r"^\d{1,4}\s*[.．、].*(?:牵头|责任单位|配合)")
_MANY_SHARE = 0.1
_LISTED = 20


@dataclass(frozen=True)
class Ending:
    """How the body ended: whether forms and closing lines (抄送/印发) follow, and the notice's text."""

    notice: str
    has_notice: bool
    has_forms: bool
    has_closing: bool
    appendix: list[tuple[int, str]]
    source_format: str


def ending_problems(ending: Ending, items: list[PlanItem], last_text: str) -> list[Problem]:
    """A document that stops early: no forms and no closing lines, or a last item cut inside its clause.
    `last_text` is the last item's text as read (empty for a table row)."""
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
    elif last_text and _cut_short(last_text):
        problems.append(Problem("document_truncated", last_text[-60:],
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


def group_problems(plan_items: list[PlanItem], registry: UnitRegistry) -> list[Problem]:
    """Names of groups ("各县（市、区）人民政府", "市直有关部门") the registry cannot expand: the items reach no
    member unit until someone lists the members — said once per group, never dropped."""
    problems = []
    for name, keys in _unknown_names(plan_items, registry, groups=True).items():
        listed = _listed(keys)
        problems.append(Problem(
            "unexpandable_group", name,
            f"“{name}”是一组单位（见 {len(keys)} 项：{listed}），单位名录中没有列出它包含哪些单位，"
            "组内各单位不会自动看到这些事项。请在单位名录中补充其成员单位，或由组内单位的联络员选择"
            f"“{name}”作为本单位", 0, keys[0]))
    return problems


def unknown_problems(plan_items: list[PlanItem], registry: UnitRegistry) -> list[Problem]:
    """Units the registry does not know (another city's, or a new body): kept as printed, listed once per name
    with the items naming them, for the review."""
    problems = []
    for name, keys in _unknown_names(plan_items, registry, groups=False).items():
        listed = _listed(keys)
        problems.append(Problem("unknown_unit", name, f"单位“{name}”不在单位名录中（见 {len(keys)} 项：{listed}），"
                                "已按原文作为新单位导入", 0, keys[0]))
    return problems


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


def _unknown_names(plan_items: list[PlanItem], registry: UnitRegistry, *, groups: bool) -> dict[str, list[str]]:
    """Each name the registry does not know — group names or the others — with the items naming it, in order."""
    found: dict[str, list[str]] = {}
    for item in plan_items:
        for assignment in item.assignments:
            if not registry.is_known(assignment.unit) and is_group_name(assignment.unit) == groups:
                keys = found.setdefault(assignment.unit, [])
                if not keys or keys[-1] != item.key:
                    keys.append(item.key)
    return found


def _listed(keys: list[str]) -> str:
    return "、".join(keys[:_LISTED]) + ("…" if len(keys) > _LISTED else "")
