"""The content of the three forms a unit fills, as plain snapshots shared by editors and exporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from gwr_desktop.domain.plan import OfficeContact
from gwr_desktop.domain.targets import Target


class PeriodKind(StrEnum):
    MONTH = "month"  # 3月
    RANGE = "range"  # 3-6月
    YEAR = "year"  # 全年


@dataclass(frozen=True)
class WorkPeriod:
    """A 完成时间 as the form prints it: one month, a month range, or the whole year."""

    kind: PeriodKind
    start: int | None = None  # month 1..12
    end: int | None = None

    def text(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return "全年"
        if self.kind is PeriodKind.MONTH:
            return f"{self.start}月"
        return f"{self.start}-{self.end}月"

    def last_month(self) -> int:
        return 12 if self.kind is PeriodKind.YEAR else (self.end or self.start or 12)


@dataclass(frozen=True)
class WorkEntry:
    """One numbered 具体工作内容 row under an item."""

    content: str
    period: WorkPeriod | None = None


@dataclass(frozen=True)
class PlanFormItem:
    key: str  # "二-15"
    part: str
    number: int
    text: str  # 责任事项
    entries: tuple[WorkEntry, ...] = ()
    leader: str = ""  # 分管领导
    department: str = ""  # 责任部门
    part_title: str = ""  # "重点工作", for grouping rows under their part


@dataclass(frozen=True)
class PlanFormContent:
    """附表1 办理方案."""

    plan_key: str
    unit: str
    principal: str = ""  # 主要负责人
    items: tuple[PlanFormItem, ...] = ()
    label: str = ""  # this plan's number for the form, "附表1"
    title: str = ""  # the printed title with the unit filled in


class ContactRole(StrEnum):
    LEADER = "leader"  # 分管领导
    OFFICE = "office"  # 办公室或者综合协调处室负责人
    HANDLER = "handler"  # 经办人


@dataclass(frozen=True)
class ContactPerson:
    role: ContactRole
    name: str = ""
    title: str = ""  # 职务
    office_phone: str = ""
    mobile: str = ""


@dataclass(frozen=True)
class ContactsFormContent:
    """附表2 督办工作人员名单."""

    plan_key: str
    unit: str
    people: tuple[ContactPerson, ...] = ()
    office_contacts: tuple[OfficeContact, ...] = ()
    label: str = ""
    title: str = ""

    def of_role(self, role: ContactRole) -> list[ContactPerson]:
        return [person for person in self.people if person.role is role]


class ProgressStatus(StrEnum):
    DONE = "已完成"
    ON_TRACK = "序时推进"
    BEHIND = "滞后"
    NOT_STARTED = "未启动"


@dataclass(frozen=True)
class ProgressFormItem:
    key: str
    part: str
    number: int
    text: str
    progress: str = ""  # 完成情况
    status: ProgressStatus | None = None
    figure: str = ""  # the quantity reached so far, e.g. "150家"
    part_title: str = ""
    previous: str = ""  # the 完成情况 of the quarter before, for "start from last quarter" and comparison
    due_entries: tuple[WorkEntry, ...] = ()  # 附表1 work due by this quarter's end (guidance)
    ongoing_entries: tuple[WorkEntry, ...] = ()  # 附表1 work started but due later
    targets: tuple[Target, ...] = ()  # numeric targets found in the item text


@dataclass(frozen=True)
class ProgressFormContent:
    """附表3 前N季度工作目标完成情况."""

    plan_key: str
    unit: str
    quarter: int
    principal: str = ""
    items: tuple[ProgressFormItem, ...] = ()
    print_status: bool = False  # status and figures print only when the user asks
    extra: dict = field(default_factory=dict)
    label: str = ""
    title: str = ""
