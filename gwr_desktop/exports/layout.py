"""One printed form as a plain table: page, label, title, header line, columns, rows and merges.

Built once from a content snapshot, the plan's FormSetting and the FormDefinition; the Word, Excel and PDF
renderers all draw this same layout, so the three files always say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gwr_desktop.domain.form_defs import Column, FormDefinition, quarter_label
from gwr_desktop.domain.forms import (
    ContactsFormContent,
    PlanFormContent,
    PlanFormItem,
    ProgressFormContent,
    ProgressFormItem,
)
from gwr_desktop.domain.plan import FormSetting
from gwr_desktop.exports import snapshot
from gwr_desktop.exports.manifest import Manifest
from gwr_desktop.exports.snapshot import FormContent

NUMERALS = "一二三四五六七八九十"
PAREN_NUMBERED_PARTS = frozenset({"一"})
ROSTER_ROW_MM = 12.0  # 主要预期目标 are numbered (一)(二)… in the plan itself


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


# GB/T 9704: 天头 37, 订口 28, 版心 156 × 225 mm. A landscape table page is the portrait page turned, so the
# 订口 (28) is at the top where the table head sits, and the 版心 is 225 × 156 mm.
PORTRAIT_MARGINS = Margins(top=37, bottom=35, left=28, right=26)
LANDSCAPE_MARGINS = Margins(top=28, bottom=26, left=35, right=37)


@dataclass(frozen=True)
class PageSpec:
    landscape: bool

    @property
    def width_mm(self) -> float:
        return 297.0 if self.landscape else 210.0

    @property
    def height_mm(self) -> float:
        return 210.0 if self.landscape else 297.0

    @property
    def margins(self) -> Margins:
        return LANDSCAPE_MARGINS if self.landscape else PORTRAIT_MARGINS

    @property
    def content_width_mm(self) -> float:
        return self.width_mm - self.margins.left - self.margins.right

    @property
    def content_height_mm(self) -> float:
        return self.height_mm - self.margins.top - self.margins.bottom


@dataclass(frozen=True)
class LayoutRow:
    cells: tuple[str, ...]  # one text per column; a heading row carries its text in cells[0]
    heading: bool = False  # a part heading ("二、重点工作") spanning every column
    group: int = -1  # rows of one item (or one roster role) share a group


@dataclass(frozen=True)
class MergeSpan:
    """Body rows first..last (inclusive) of one column form one cell."""

    column: int
    first: int
    last: int


@dataclass(frozen=True)
class FormLayout:
    label: str
    title: str
    page: PageSpec
    columns: tuple[Column, ...]
    header_fields: tuple[tuple[str, str], ...]  # ("单位：", "市发改委"), ("主要负责人(签字)：", "")
    rows: tuple[LayoutRow, ...]
    merges: tuple[MergeSpan, ...]
    notes: tuple[str, ...]
    manifest: Manifest
    min_row_mm: float = 0.0  # a roster leaves room to write by hand; item tables grow with their text
    draft: bool = False  # an unsigned export (导出草稿, preview): every page and the file name say 草稿
    fonts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # role → family chain (exports.fonts); () = defaults

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


def part_titles_from_tree(tree: Sequence) -> dict[str, str]:  # noqa: ANN001 - list[TreeNode]
    """{"二": "二、重点工作", …} from PlanCatalogue.tree, in the plan's order."""
    return {node.part: node.label for node in tree if node.kind == "part"}


def build_layout(content: FormContent, setting: FormSetting, definition: FormDefinition, *,
                 part_titles: Mapping[str, str] | None = None, version: int | None = None) -> FormLayout:
    quarter = snapshot.quarter_of(content)
    title = definition.title(setting, content.unit, quarter_label(quarter) if quarter else "")
    manifest = Manifest(plan=content.plan_key, unit=content.unit, form=snapshot.kind_of(content).value,
                        quarter=quarter, version=version, digest=snapshot.digest(content), label=setting.label,
                        title=title)
    page = PageSpec(landscape=definition.orientation == "landscape")
    if isinstance(content, PlanFormContent):
        rows, merges = _plan_rows(content, definition.columns, part_titles or {})
        columns = definition.columns
    elif isinstance(content, ProgressFormContent):
        columns = _fit_columns(definition.columns + (definition.optional_columns if content.print_status else ()),
                               page.content_width_mm)
        rows, merges = _progress_rows(content, columns, part_titles or {}), ()
    else:
        columns = definition.columns
        rows, merges = _contact_rows(content, definition)
    fields = tuple((f.label, _field_value(content, f.key)) for f in definition.header_fields)
    return FormLayout(label=setting.label, title=title, page=page, columns=columns, header_fields=fields,
                      rows=tuple(rows), merges=tuple(merges), notes=_notes(content, definition), manifest=manifest,
                      min_row_mm=ROSTER_ROW_MM if isinstance(content, ContactsFormContent) else 0.0)


def seq_label(part: str, number: int) -> str:
    if part in PAREN_NUMBERED_PARTS and 1 <= number <= len(NUMERALS):
        return f"({NUMERALS[number - 1]})"
    return str(number)


def _field_value(content: FormContent, key: str) -> str:
    return str(getattr(content, key, "") or "")


def _fit_columns(columns: tuple[Column, ...], width_mm: float) -> tuple[Column, ...]:
    """Shrink the widest column when optional columns would overflow the 版心."""
    excess = sum(c.width_mm for c in columns) - width_mm
    if excess <= 0:
        return columns
    widest = max(columns, key=lambda c: c.width_mm)
    return tuple(Column(c.key, c.header, c.width_mm - excess, c.align, c.merge_over_entries) if c is widest else c
                 for c in columns)


def _ordered(items: Sequence, part_titles: Mapping[str, str]) -> list:  # noqa: ANN001
    order = {part: i for i, part in enumerate(part_titles)} or {p: i for i, p in enumerate(NUMERALS)}
    return sorted(items, key=lambda item: (order.get(item.part, len(order)), item.number))


def _with_part_headings(items: Sequence, part_titles: Mapping[str, str], width: int):  # noqa: ANN202
    """Yield (heading_row | None, item) in plan order; headings only when items come from several parts."""
    ordered = _ordered(items, part_titles)
    several = len({item.part for item in ordered}) > 1
    current = None
    for item in ordered:
        if several and item.part != current:
            current = item.part
            own_title = getattr(item, "part_title", "")
            text = part_titles.get(item.part) or f"{item.part}、{own_title}"
            yield LayoutRow(cells=(text,) + ("",) * (width - 1), heading=True), None
        yield None, item


def _plan_rows(content: PlanFormContent, columns: tuple[Column, ...], titles: Mapping[str, str]):  # noqa: ANN202
    rows: list[LayoutRow] = []
    merges: list[MergeSpan] = []
    merged_columns = [i for i, c in enumerate(columns) if c.merge_over_entries]
    for group, (heading, item) in enumerate(_with_part_headings(content.items, titles, len(columns))):
        if heading is not None:
            rows.append(heading)
            continue
        first = len(rows)
        for entry_cells in _plan_item_cells(item, columns):
            rows.append(LayoutRow(cells=entry_cells, group=group))
        if len(rows) - 1 > first:
            merges.extend(MergeSpan(col, first, len(rows) - 1) for col in merged_columns)
    return rows, merges


def _plan_item_cells(item: PlanFormItem, columns: tuple[Column, ...]) -> list[tuple[str, ...]]:
    owner = "\n".join(v for v in (item.leader, item.department) if v)
    entries = item.entries or ()
    lines = []
    for index in range(max(1, len(entries))):
        entry = entries[index] if index < len(entries) else None
        values = {
            "seq": seq_label(item.part, item.number), "item": item.text, "owner": owner,
            "content": f"{index + 1}.{entry.content}" if entry else "",
            "period": entry.period.text() if entry and entry.period else "",
        }
        first = index == 0
        lines.append(tuple(values.get(c.key, "") if first or not c.merge_over_entries else "" for c in columns))
    return lines


def _progress_rows(content: ProgressFormContent, columns: tuple[Column, ...],
                   titles: Mapping[str, str]) -> list[LayoutRow]:
    rows = []
    for group, (heading, item) in enumerate(_with_part_headings(content.items, titles, len(columns))):
        rows.append(heading if heading is not None else LayoutRow(_progress_cells(item, columns), group=group))
    return rows


def _progress_cells(item: ProgressFormItem, columns: tuple[Column, ...]) -> tuple[str, ...]:
    values = {"seq": seq_label(item.part, item.number), "item": item.text, "progress": item.progress,
              "status": item.status.value if item.status else "", "figure": item.figure}
    return tuple(values.get(c.key, "") for c in columns)


def _contact_rows(content: ContactsFormContent, definition: FormDefinition):  # noqa: ANN202
    rows: list[LayoutRow] = []
    merges: list[MergeSpan] = []
    for group, spec in enumerate(definition.rows):
        people = [p for p in content.people if p.role.value == spec.key][: spec.max]
        first = len(rows)
        for index in range(max(spec.min, len(people), 1)):
            person = people[index] if index < len(people) else None
            values = {"role": spec.label if index == 0 else ""}
            if person is not None:
                values |= {"name": person.name, "title": person.title, "office_phone": person.office_phone,
                           "mobile": person.mobile}
            rows.append(LayoutRow(tuple(values.get(c.key, "") for c in definition.columns), group=group))
        if len(rows) - 1 > first:
            merges.append(MergeSpan(0, first, len(rows) - 1))
    return rows, merges


def _notes(content: FormContent, definition: FormDefinition) -> tuple[str, ...]:
    if not isinstance(content, ContactsFormContent):
        return definition.notes
    people = [" ".join(v for v in (c.name, c.office_phone, c.mobile) if v) for c in content.office_contacts]
    notes = []
    for note in definition.notes:
        if "{office_contacts}" in note:
            if not people:
                continue
            prefix = note.split("{office_contacts}")[0]
            indent = "\u3000" * len(prefix)  # later contacts line up under the first
            note = note.replace("{office_contacts}", ("\n" + indent).join(people))
        notes.append(note)
    return tuple(notes)
