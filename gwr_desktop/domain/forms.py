"""What a unit typed into one form, as a plain snapshot shared by editors, validation, exporters and the CLI.

Values are text by column key, as the plan's form definition names them; the content carries that definition,
so whoever holds a content knows its label, columns and rules without asking anyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from gwr_desktop.domain.form_defs import FormDefinition, ValueKind, quarter_label
from gwr_desktop.domain.plan import FormKind, OfficeContact
from gwr_desktop.domain.targets import Target


class ProgressStatus(StrEnum):
    DONE = "已完成"
    ON_TRACK = "序时推进"
    BEHIND = "滞后"
    NOT_STARTED = "未启动"


@dataclass(frozen=True)
class WorkEntry:
    """One numbered work row under an item (附表1 具体工作内容 and its 完成时间), values by column key."""

    values: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass(frozen=True)
class Guidance:
    """A work entry of the plan form shown beside a 完成情况 item: what was to be done, and by when."""

    text: str
    period: str = ""


@dataclass(frozen=True)
class FormItem:
    """One led item (责任事项) of 附表1 or 附表3: its item-level values and, in 附表1, its work entries."""

    key: str  # "二-15"
    part: str
    number: int
    text: str
    part_title: str = ""  # "重点工作"
    values: dict[str, str] = field(default_factory=dict)
    entries: tuple[WorkEntry, ...] = ()
    # 附表3 guidance, read from the plan form and the quarter before (never printed)
    previous: dict[str, str] = field(default_factory=dict)
    due_entries: tuple[Guidance, ...] = ()  # work due by this quarter's end
    ongoing_entries: tuple[Guidance, ...] = ()  # work started but due later
    targets: tuple[Target, ...] = ()  # figures the item's text promises
    label: str = ""  # the item's own number as the plan prints it ("（三）", "83."); "" for plans imported before

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass(frozen=True)
class Person:
    """One person of a roster, in one of its roles (a RowSpec key)."""

    role: str
    values: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass(frozen=True)
class FormContent:
    definition: FormDefinition
    plan_key: str
    unit: str  # the unit's name as printed
    quarter: int | None = None  # 1..4 for 完成情况
    header: dict[str, str] = field(default_factory=dict)  # header field key → value
    items: tuple[FormItem, ...] = ()
    people: tuple[Person, ...] = ()
    office_contacts: tuple[OfficeContact, ...] = ()
    print_optional: bool = False  # optional columns (附表3 进度, 完成数) print only when asked

    @property
    def kind(self) -> FormKind:
        return self.definition.kind

    @property
    def label(self) -> str:
        return self.definition.label

    @property
    def title(self) -> str:
        return self.definition.title(self.unit, quarter_label(self.quarter) if self.quarter else "")

    def header_value(self, key: str) -> str:
        spec = next((f for f in self.definition.header_fields if f.key == key), None)
        if spec is not None and spec.kind is ValueKind.UNIT:
            return self.unit
        return self.header.get(key, "")

    def of_role(self, role: str) -> list[Person]:
        return [person for person in self.people if person.role == role]


NUMERALS = "一二三四五六七八九十"
# 主要预期目标 are numbered (一)(二)… in the plan itself; every other part numbers its items 1, 2, 3 …
PAREN_NUMBERED_PARTS = frozenset({"一"})


def section_path(key: str) -> str:
    """The section a key names when the plan numbers items afresh in each section: "二-(二)" of 二-(二)-1;
    "" for a key numbered through its part (二-15)."""
    prefix = key.rsplit("-", 1)[0]
    return prefix if "-" in prefix else ""


def section_heading(path: str, titles: Mapping[str, str]) -> str:
    """The heading printed above a section's items: its title as the plan prints it, else its own numbers."""
    return titles.get(path) or path.split("-", 1)[1].replace("(", "（").replace(")", "）")


def seq_label(part: str, number: int, label: str = "") -> str:
    """An item's 序号 as the plan prints it, the same in the editors and in every export: "(三)", "83", "①".

    `label` is the number the parser read ("（三）", "83.", "1．"); plans imported before it was kept fall back
    to the 2023 plan's rule (part 一 numbered (一)(二)…, every other part 1, 2, 3 …)."""
    if label:
        return label.rstrip(".．、 ").replace("（", "(").replace("）", ")") or str(number)
    if part in PAREN_NUMBERED_PARTS and 1 <= number <= len(NUMERALS):
        return f"({NUMERALS[number - 1]})"
    return str(number)


def printed_notes(content: FormContent) -> tuple[str, ...]:
    """The notes under the table, with the 督查室's contacts filled in where a note asks for them (and left out
    when the plan has none)."""
    people = [" ".join(v for v in (c.name, c.office_phone, c.mobile) if v) for c in content.office_contacts]
    notes = []
    for note in content.definition.notes:
        if "{office_contacts}" in note:
            if not people:
                continue
            prefix = note.split("{office_contacts}")[0]
            indent = "\u3000" * len(prefix)  # later contacts line up under the first
            note = note.replace("{office_contacts}", ("\n" + indent).join(people))
        notes.append(note)
    return tuple(notes)
