"""How a plan describes one of its forms: label, title, page, header fields, columns and their kinds of value.

Each plan keeps its own definitions (seeded at import from forms/*.json, the bundled defaults, and adjusted
from the notice); editors, validation, completeness, the command line's JSON and the exporters read them and
nothing else. What stays in code is the structural kind of a form (FormKind: items with work entries, a
roster, items per quarter) and what each kind of value means (ValueKind: how it is checked and edited).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from pathlib import Path

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.snapshot_codec import from_plain, to_plain


class ValueKind(StrEnum):
    SEQ = "seq"  # the plan's own item number (read-only)
    ITEM = "item"  # the item's text, 责任事项 (read-only)
    ROLE = "role"  # a roster row's label, 责任人 (read-only)
    UNIT = "unit"  # the unit's name as printed (read-only)
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines: 具体工作内容, 完成情况
    PERSON = "person"  # a person's name (and title): 分管领导, 主要负责人
    MOBILE = "mobile"
    OFFICE_PHONE = "office_phone"
    PERIOD = "period"  # 完成时间
    STATUS = "status"  # 已完成 / 序时推进 / 滞后 / 未启动
    FIGURE = "figure"  # a quantity reached, with a number in it


READ_ONLY = frozenset({ValueKind.SEQ, ValueKind.ITEM, ValueKind.ROLE, ValueKind.UNIT})


class Level(StrEnum):
    ITEM = "item"  # one value per item (附表1 分管领导, 附表3 完成情况)
    ENTRY = "entry"  # one value per work entry under an item (附表1 具体工作内容, 完成时间)
    PERSON = "person"  # one value per person of the roster (附表2)


LEVELS = {FormKind.PLAN: (Level.ITEM, Level.ENTRY), FormKind.CONTACTS: (Level.PERSON,),
          FormKind.PROGRESS: (Level.ITEM,)}
# Names the JSON of `form --json` uses itself at each place; a value there may not take them.
HEADER_RESERVED = frozenset({"form", "plan", "unit", "label", "title", "quarter", "items", "people", "columns",
                             "print_status", "office_contacts"})
RESERVED_KEYS = {Level.ITEM: frozenset({"key", "part", "number", "text", "entries", "targets", "part_title"}),
                 Level.ENTRY: frozenset(), Level.PERSON: frozenset({"role", "role_label"})}


@dataclass(frozen=True)
class Field:
    """One value the unit types: its key (storage, JSON), its name in messages and editors, its kind."""

    key: str
    label: str
    kind: ValueKind = ValueKind.TEXT
    required: bool = True


@dataclass(frozen=True)
class Column:
    """One printed column. `parts` makes it hold several values, one line each (分管领导 / 责任部门)."""

    key: str
    header: str
    width_mm: float
    align: str = "left"
    kind: ValueKind = ValueKind.TEXT
    level: Level = Level.ITEM
    required: bool = True
    optional: bool = False  # printed only when the unit asks for it (附表3 进度, 完成数)
    numbered: bool = False  # work entries print "1." "2." … before the text
    label: str = ""  # the name in messages; the header's first line when empty
    parts: tuple[Field, ...] = ()

    @property
    def name(self) -> str:
        return self.label or self.header.split("\n")[0].strip()

    @property
    def read_only(self) -> bool:
        return not self.parts and self.kind in READ_ONLY

    def fields(self) -> tuple[Field, ...]:
        if self.parts:
            return self.parts
        return () if self.read_only else (Field(self.key, self.name, self.kind, self.required),)


@dataclass(frozen=True)
class HeaderField:
    """A line above the table: "单位：" (the unit, read-only) or "主要负责人(签字)：" (typed)."""

    key: str
    label: str
    kind: ValueKind = ValueKind.PERSON
    required: bool = True
    name: str = ""  # in messages ("主要负责人"); the label without "：" and "(签字)" when empty

    @property
    def display_name(self) -> str:
        return self.name or re.sub(r"[(（][^)）]*[)）]", "", self.label).strip("：: ")

    @property
    def read_only(self) -> bool:
        return self.kind in READ_ONLY


@dataclass(frozen=True)
class RowSpec:
    """A role of a roster form (附表2): its label and how many people it holds."""

    key: str
    label: str
    min: int = 1
    max: int = 1


@dataclass(frozen=True)
class FormDefinition:
    kind: FormKind
    label: str  # this plan's number for it: "附表1"
    name: str  # "办理方案", used in file names, mail and messages
    title_pattern: str  # "{unit}市《政府工作报告》办理方案"
    orientation: str = "portrait"  # "portrait" | "landscape"
    columns: tuple[Column, ...] = ()
    header_fields: tuple[HeaderField, ...] = ()
    rows: tuple[RowSpec, ...] = ()
    notes: tuple[str, ...] = ()
    short_name: str = ""  # the editor's tab ("督办名单"); the name when empty
    max_entries: int = 100  # work entries under one item

    @property
    def tab_name(self) -> str:
        return f"{self.label} {self.short_name or self.name}".strip()

    @property
    def display_name(self) -> str:
        """"附表1（办理方案）" for messages."""
        return f"{self.label}（{self.name}）" if self.label else self.name

    def fields_at(self, level: Level) -> tuple[Field, ...]:
        return tuple(f for c in self.columns if c.level is level for f in c.fields())

    def field(self, key: str, level: Level) -> Field | None:
        return next((f for f in self.fields_at(level) if f.key == key), None)

    def fields_of_kind(self, kind: ValueKind, level: Level | None = None) -> tuple[Field, ...]:
        return tuple(f for c in self.columns if level in (None, c.level) for f in c.fields() if f.kind is kind)

    def printed_columns(self, print_optional: bool) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if print_optional or not c.optional)

    def editable_header_fields(self) -> tuple[HeaderField, ...]:
        return tuple(f for f in self.header_fields if not f.read_only)

    def role(self, key: str) -> RowSpec | None:
        return next((r for r in self.rows if r.key == key), None)

    def title(self, unit: str, quarter: str = "") -> str:
        return render_title(self.title_pattern, unit, quarter)


# ---- titles -------------------------------------------------------------------------------------------------

TITLE_TEXT_LIMIT = 120  # characters besides the placeholders; with a unit name (≤ 120) within Word's 255
_PLACEHOLDER = re.compile(r"\{unit\}|\{quarter\}")


def render_title(pattern: str, unit: str, quarter: str = "") -> str:
    """The title with {unit} and {quarter} filled in, in one pass; any other brace is printed as it is."""
    return _PLACEHOLDER.sub(lambda m: unit if m.group() == "{unit}" else quarter, pattern)


def title_problems(pattern: str, kind: FormKind) -> list[str]:
    """Why a title pattern cannot be used, in Chinese; empty when it can."""
    problems = []
    if "{unit}" not in pattern:
        problems.append("标题中需含 {unit}（单位名称）占位符。")
    if kind is FormKind.PROGRESS and "{quarter}" not in pattern:
        problems.append("完成情况的标题中需含 {quarter}（如“前2季度”）占位符。")
    if kind is not FormKind.PROGRESS and "{quarter}" in pattern:
        problems.append("只有完成情况的标题可以含 {quarter} 占位符。")
    rest = _PLACEHOLDER.sub("", pattern)
    unknown = re.findall(r"\{[^{}]*\}", rest)
    if unknown:
        problems.append(f"标题中有未知的占位符 {'、'.join(dict.fromkeys(unknown))}；只能用 {{unit}} 和 {{quarter}}。")
    elif "{" in rest or "}" in rest:
        problems.append("标题中有多余的“{”或“}”；占位符只能写作 {unit} 或 {quarter}。")
    if len(rest) > TITLE_TEXT_LIMIT:
        problems.append(f"标题过长：除占位符外最多 {TITLE_TEXT_LIMIT} 个字，当前 {len(rest)} 个字。")
    return problems


def quarter_label(quarter: int) -> str:
    """The 前N季度 wording of a cumulative report."""
    return f"前{quarter}季度"


def period_name(quarter: int) -> str:
    """How the dashboard names a quarter's report: the fourth covers the whole year."""
    return "全年" if quarter == 4 else quarter_label(quarter)


# ---- widths -------------------------------------------------------------------------------------------------

def fit_widths(widths: tuple[float, ...], available: float) -> tuple[float, ...]:
    """Widths that fit `available` mm: unchanged when they do; else the widest column gives up the excess when
    it keeps at least half its width, otherwise every column shrinks in proportion (0.1 mm steps)."""
    total = sum(widths)
    if total <= available + 1e-6 or not widths:
        return widths
    excess, widest = total - available, max(range(len(widths)), key=lambda i: widths[i])
    if widths[widest] - excess >= widths[widest] / 2:
        return tuple(w - excess if i == widest else w for i, w in enumerate(widths))
    scaled = [round(w * available / total, 1) for w in widths]
    scaled[widest] = round(scaled[widest] + available - sum(scaled), 1)
    return tuple(scaled)


def fit_columns(columns: tuple[Column, ...], available: float) -> tuple[Column, ...]:
    widths = fit_widths(tuple(c.width_mm for c in columns), available)
    return tuple(c if c.width_mm == w else replace(c, width_mm=w) for c, w in zip(columns, widths, strict=True))


# ---- reading and writing ------------------------------------------------------------------------------------

def definition_from_plain(data: dict) -> FormDefinition:
    """A definition from its JSON (forms/*.json or a plan's stored copy); TypeError/ValueError when malformed."""
    return from_plain(FormDefinition, data)


def definition_body(definition: FormDefinition) -> str:
    """The JSON a plan stores beside its label and title columns (which are not repeated in it)."""
    plain = to_plain(definition)
    for key in ("kind", "label", "title_pattern"):
        plain.pop(key)
    return json.dumps(plain, ensure_ascii=False, sort_keys=True)


def definition_from_row(kind: str, label: str, title_pattern: str, body: str) -> FormDefinition:
    """A stored definition; an empty body (a row written before definitions existed) means the defaults."""
    if not body:
        return replace(default_definition(FormKind(kind)), label=label, title_pattern=title_pattern)
    return definition_from_plain({**json.loads(body), "kind": kind, "label": label, "title_pattern": title_pattern})


@cache
def default_definition(kind: FormKind, folder: Path | None = None) -> FormDefinition:
    """The bundled definition of a kind of form (forms/<kind>.json), the seed of every imported plan."""
    from gwr_desktop.paths import forms_path

    path = (folder or forms_path()) / f"{FormKind(kind).value}.json"
    return definition_from_plain(json.loads(path.read_text(encoding="utf-8")))
