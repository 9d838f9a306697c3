"""Dataclasses describing an imported plan: its notice metadata, hierarchy, items and problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    LEAD = "lead"
    RESPONSIBLE = "responsible"


class FormKind(StrEnum):
    PLAN = "plan"  # 附表1 办理方案
    CONTACTS = "contacts"  # 附表2 督办工作人员名单
    PROGRESS = "progress"  # 附表3 完成情况


class DeadlineKind(StrEnum):
    PLAN_FORMS = "plan_forms"  # 办理方案 and 督办工作人员名单
    PROGRESS = "progress"  # a quarterly 完成情况 report


@dataclass(frozen=True)
class Assignment:
    """One unit named in an item's responsibility clause.

    `unit` is the canonical registry name; `raw` the text as printed; `via` the unit named in 〈〉 that
    hosts or handles it (its liaison officer does the work); `scope` the part of the item a split
    assignment covers (二-49, 二-75), None for the whole item.
    """

    role: Role
    unit: str
    raw: str
    via: str | None = None
    scope: str | None = None
    # The role after the notice's own lead rule (domain.roles.apply_lead_rule); None only when no rule decides
    # and the item is reported as a problem.
    effective_role: Role | None = None


@dataclass(frozen=True)
class PlanItem:
    part: str
    number: int
    text: str
    clause: str
    position: int
    source_line: int
    section: int | None = None  # ordinal of the section inside its part (1-based)
    heading: int | None = None  # ordinal of the "——" heading inside its section (1-based)
    assignments: tuple[Assignment, ...] = ()
    leader: str = ""  # printed 牵头领导 / 分管领导
    deadline: str = ""  # printed 完成时限 ("年底前完成")
    grammar: str = ""  # the clause grammar or table layout recognised for this item
    label: str = ""  # the item's own number as the plan prints it: "（三）", "83.", "1．"→"1." ("" when unnumbered)
    # The headings between part and number that the key must name because numbering restarts under them
    # (宜昌: "(二)" in 二-(二)-1); "" where numbers run through the part (二-83).
    path: str = ""

    @property
    def key(self) -> str:
        return item_key(self.part, self.number, self.path)


def item_key(part: str, number: int, path: str = "") -> str:
    """"二-83"; "二-(二)-1" when the plan numbers items afresh in each section."""
    return f"{part}-{path}-{number}" if path else f"{part}-{number}"


@dataclass(frozen=True)
class Heading:
    ordinal: int
    title: str


@dataclass
class Section:
    ordinal: int
    numeral: str  # "(一)"
    title: str
    headings: list[Heading] = field(default_factory=list)


@dataclass
class Part:
    ordinal: int
    numeral: str  # "二"
    title: str
    sections: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """Text the importer could not place; kept for a person to review, never dropped or guessed."""

    kind: str
    text: str
    location: str  # human description, e.g. "二-154 之后"
    line: int
    after_item: str | None = None


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: dt.date
    quarter: int | None = None  # 1..4 for 前N季度 reports

    @property
    def label(self) -> str:
        if self.kind is DeadlineKind.PLAN_FORMS:
            return "办理方案和督办工作人员名单"
        return "全年完成情况" if self.quarter == 4 else f"前{self.quarter}季度完成情况"


@dataclass(frozen=True)
class FormSetting:
    """How this plan's notice numbers and titles one of the three forms."""

    kind: FormKind
    label: str  # "附表1"
    title_pattern: str  # "{unit}市《政府工作报告》办理方案"
    printed_columns: tuple[str, ...] = ()  # the blank form's header texts as printed, in order
    printed_fields: tuple[str, ...] = ()  # labels above the table: "单位：", "主要负责人(签字)："


@dataclass(frozen=True)
class OfficeContact:
    """A contact of the issuing supervision office (督查室), printed under 附表2."""

    name: str
    office_phone: str
    mobile: str


@dataclass(frozen=True)
class PlanMeta:
    title: str
    doc_number: str
    issuer: str
    issue_date: dt.date | None
    year: int
    notice_title: str = ""


@dataclass(frozen=True)
class LeadRule:
    """The sentence of the notice that decides who leads an item printed without a 牵头单位.

    kind: "no_lead_responsible_leads" (无牵头单位的,责任单位即为牵头单位) or "first_listed_leads"
    (列第一位的/排名第一的/列在首位的…为牵头单位); quote: the sentence as printed.
    """

    kind: str
    quote: str


NO_LEAD_RESPONSIBLE_LEADS = "no_lead_responsible_leads"
FIRST_LISTED_LEADS = "first_listed_leads"


@dataclass
class ParsedPlan:
    meta: PlanMeta
    parts: list[Part]
    items: list[PlanItem]
    deadlines: list[Deadline]
    forms: list[FormSetting]
    office_contacts: list[OfficeContact]
    problems: list[Problem]
    source_digest: str
    lead_rule: LeadRule | None = None  # None: the notice states no rule
    source_format: str = "txt"  # "txt" | "docx" | "xlsx" | "pdf"
    expected_items: dict[str, int] = field(default_factory=dict)  # part numeral → count the document implies

    @property
    def key(self) -> str:
        return str(self.meta.year)

    def per_part(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.part] = counts.get(item.part, 0) + 1
        return counts
