"""Read-only snapshots of the catalogue handed from services to the UI and the command line.

The per-item rows use slots: a plan of 32,000 items holds 32,000 ItemRows and about 100,000 AssignmentRows
for the whole session, and an instance __dict__ each would cost tens of megabytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gwr_desktop.domain.plan import Deadline, FormSetting, LeadRule, OfficeContact, Problem, Role


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    unit: str
    role: Role  # as printed
    effective_role: Role  # after the no-lead rule
    via: str | None = None
    scope: str | None = None

    def label(self) -> str:
        text = f"{self.unit}〈{self.via}〉" if self.via else self.unit
        return f"{text}（{self.scope}）" if self.scope else text


@dataclass(frozen=True, slots=True)
class ItemRow:
    key: str
    part: str
    number: int
    text: str
    clause: str
    position: int
    source_line: int
    section_title: str = ""
    heading_title: str = ""
    assignments: tuple[AssignmentRow, ...] = ()
    leader: str = ""  # 牵头领导 as printed, when the plan prints it
    deadline: str = ""  # 完成时限 as printed
    grammar: str = ""  # the clause grammar or table layout the parser recognised

    @property
    def lead(self) -> list[str]:
        return _unique(a.unit for a in self.assignments if a.effective_role is Role.LEAD)

    @property
    def responsible(self) -> list[str]:
        return _unique(a.unit for a in self.assignments if a.role is Role.RESPONSIBLE)

    @property
    def participants(self) -> list[str]:
        """Units that take part without leading, after the plan's lead rule (列第一位的… leaves the others here)."""
        leads = set(self.lead)
        return _unique(a.unit for a in self.assignments
                       if a.effective_role is Role.RESPONSIBLE and a.unit not in leads)

    @property
    def lead_by_rule(self) -> bool:
        """True when no 牵头单位 is printed and the 责任单位 lead by the no-lead rule."""
        return bool(self.assignments) and all(a.role is Role.RESPONSIBLE for a in self.assignments)

    def lead_labels(self) -> list[str]:
        return [a.label() for a in self.assignments if a.effective_role is Role.LEAD]

    def responsible_labels(self) -> list[str]:
        return [a.label() for a in self.assignments if a.role is Role.RESPONSIBLE]

    def units(self) -> list[str]:
        return _unique([a.unit for a in self.assignments] + [a.via for a in self.assignments if a.via])


@dataclass(frozen=True, slots=True)
class TaskRow:
    item: ItemRow
    role: Role


@dataclass
class TreeNode:
    """A part, section or "——" heading, with the number of items under it."""

    kind: str  # "part" | "section" | "heading"
    label: str
    part: str
    section: int | None = None
    heading: int | None = None
    count: int = 0
    children: list[TreeNode] = field(default_factory=list)


@dataclass(frozen=True)
class PlanSummary:
    key: str
    title: str
    doc_number: str
    issuer: str
    issue_date: dt.date | None
    year: int
    item_count: int


@dataclass(frozen=True)
class PlanCatalogue:
    summary: PlanSummary
    tree: list[TreeNode]
    items: list[ItemRow]
    problems: list[Problem]
    deadlines: list[Deadline]
    forms: list[FormSetting]
    office_contacts: list[OfficeContact]
    lead_rule: LeadRule | None = None  # how the notice decides who leads; None when it states no rule
    source_format: str = "txt"  # the layout the plan was imported from

    def per_part(self) -> dict[str, int]:
        return {node.part: node.count for node in self.tree}


@dataclass(frozen=True)
class UnitRow:
    name: str
    kind: str
    kind_label: str
    registered: bool
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    host: str | None = None


@dataclass(frozen=True)
class ImportResult:
    plan_key: str
    created: bool  # False when the very same document was already imported
    items: int
    per_part: dict[str, int]
    units: int
    problems: list[Problem]
    current: bool = False  # whether it is the current plan after the import


def _unique(values) -> list[str]:  # noqa: ANN001 - any iterable of str
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)
