"""The edits a unit can make to its forms, as small values: applied in one transaction, each returns its inverse.

An editor's undo stack keeps (edits, inverses) pairs; undo applies the inverses through the same path, so an
undone edit is committed like any other. Positions are indexes: an item's work entries and a role's people are
kept numbered 0..n-1 in storage, and an index equal to the count means "one more at the end".
"""

from __future__ import annotations

from dataclasses import dataclass

from gwr_desktop.domain.forms import ContactPerson, ContactRole, WorkPeriod


@dataclass(frozen=True)
class SetEntryText:
    item_key: str
    index: int
    text: str


@dataclass(frozen=True)
class SetEntryPeriod:
    item_key: str
    index: int
    period: WorkPeriod | str | None  # text is parsed ("3-6月"); None or "" clears


@dataclass(frozen=True)
class InsertEntry:
    item_key: str
    index: int
    content: str = ""
    period: WorkPeriod | str | None = None


@dataclass(frozen=True)
class DeleteEntry:
    item_key: str
    index: int


@dataclass(frozen=True)
class MoveEntry:
    item_key: str
    index: int
    to: int


@dataclass(frozen=True)
class SetItemField:
    item_key: str
    field: str  # "leader" (分管领导) | "department" (责任部门)
    value: str


@dataclass(frozen=True)
class SetPrincipal:
    """主要负责人 above 附表1 (quarter 0) or above one quarter's 附表3."""

    quarter: int
    value: str


@dataclass(frozen=True)
class SetPrintStatus:
    quarter: int
    value: bool


@dataclass(frozen=True)
class SetContactField:
    role: ContactRole
    index: int
    field: str  # "name" | "title" | "office_phone" | "mobile"
    value: str


@dataclass(frozen=True)
class InsertContact:
    role: ContactRole
    index: int
    person: ContactPerson | None = None


@dataclass(frozen=True)
class DeleteContact:
    role: ContactRole
    index: int


@dataclass(frozen=True)
class SetProgress:
    quarter: int
    item_key: str
    field: str  # "progress" (完成情况) | "status" | "figure"
    value: str


Edit = (SetEntryText | SetEntryPeriod | InsertEntry | DeleteEntry | MoveEntry | SetItemField | SetPrincipal
        | SetPrintStatus | SetContactField | InsertContact | DeleteContact | SetProgress)

ITEM_FIELDS = {"leader": "分管领导", "department": "责任部门"}
CONTACT_FIELD_NAMES = {"name": "姓名", "title": "职务", "office_phone": "办公电话", "mobile": "手机"}
PROGRESS_FIELDS = {"progress": "完成情况", "status": "进度", "figure": "完成数"}
