"""One printed form as a plain table: page, label, title, header line, columns, rows and merges.

Built once from a content snapshot (which carries the plan's form definition) and the plan's part titles;
the Word, Excel and PDF renderers all draw this same layout, so the three files always say the same thing.
Every field is plain data, so a signed version freezes the whole layout and re-exports exactly it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from gwr_desktop.domain.form_defs import Column, FormDefinition, Level, ValueKind, fit_columns
from gwr_desktop.domain.forms import (
    NUMERALS,
    FormContent,
    FormItem,
    Person,
    printed_notes,
    section_heading,
    section_path,
    seq_label,
)
from gwr_desktop.domain.page import LANDSCAPE_MARGINS, PORTRAIT_MARGINS, Margins, PageSpec, page_for
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.snapshot_codec import to_plain
from gwr_desktop.domain.text import chinese_numeral_value
from gwr_desktop.exports.manifest import Manifest

__all__ = ["FormLayout", "LayoutColumn", "LayoutRow", "MergeSpan", "PageSpec", "Margins", "PORTRAIT_MARGINS",
           "LANDSCAPE_MARGINS", "build_layout", "document_digest", "part_titles_from_tree", "seq_label"]

ROSTER_ROW_MM = 12.0  # a roster leaves room to write by hand


@dataclass(frozen=True)
class LayoutColumn:
    key: str
    header: str
    width_mm: float
    align: str = "left"


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
    columns: tuple[LayoutColumn, ...]
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


def build_layout(content: FormContent, *, part_titles: Mapping[str, str] | None = None,
                 version: int | None = None, section_titles: Mapping[str, str] | None = None) -> FormLayout:
    """The printed form. `part_titles` are the plan's parts in order ({"二": "二、重点工作"}); `section_titles`
    the sections of a plan that numbers items afresh in each section, by key prefix ({"二-(二)": "（二）…"})."""
    definition, titles = content.definition, part_titles or {}
    page = page_for(definition.orientation)
    printed = fit_columns(definition.printed_columns(content.print_optional), page.content_width_mm)
    if content.kind is FormKind.CONTACTS:
        rows, merges = _roster_rows(content, printed)
    else:
        rows, merges = _item_rows(content, printed, titles, section_titles or {})
    layout = FormLayout(
        label=definition.label, title=content.title, page=page,
        columns=tuple(LayoutColumn(c.key, c.header, c.width_mm, c.align) for c in printed),
        header_fields=tuple((f.label, content.header_value(f.key)) for f in definition.header_fields),
        rows=tuple(rows), merges=tuple(merges), notes=printed_notes(content),
        manifest=Manifest(plan=content.plan_key, unit=content.unit, form=content.kind.value, quarter=content.quarter,
                          version=version, digest="", label=definition.label, title=content.title),
        min_row_mm=ROSTER_ROW_MM if content.kind is FormKind.CONTACTS else 0.0)
    return replace(layout, manifest=replace(layout.manifest, digest=document_digest(layout)))


def document_digest(layout: FormLayout) -> str:
    """What identifies the printed document: everything in the layout except its manifest (version, digest) and
    what belongs to one printing of it rather than to what it says — the 草稿 mark of an unsigned export and the
    fonts this PC chose — so a draft of unchanged content matches its signed version."""
    plain = to_plain(layout)
    for per_printing in ("manifest", "draft", "fonts"):
        plain.pop(per_printing, None)
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---- items (附表1, 附表3) ---------------------------------------------------------------------------------------

def _ordered(items: Sequence[FormItem], part_titles: Mapping[str, str]) -> list[FormItem]:
    order = {part: i for i, part in enumerate(part_titles or NUMERALS)}
    return sorted(items, key=lambda item: (order.get(item.part, len(order)), _path_order(item), item.number))


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _path(item: FormItem) -> str:
    return section_path(item.key)


def _path_order(item: FormItem) -> tuple[int, ...]:
    """The section path's numbers ("二-(二)-3" → (2, 3)), so sections print in the plan's order."""
    return tuple(_segment_value(segment) for segment in _path(item).split("-")[1:])


def _segment_value(segment: str) -> int:
    bare = segment.strip("()")
    if bare.isdigit():
        return int(bare)
    if bare in CIRCLED:
        return CIRCLED.index(bare) + 1
    try:
        return chinese_numeral_value(bare)
    except ValueError:
        return 0


def _with_part_headings(items: Sequence[FormItem], part_titles: Mapping[str, str], width: int,
                        section_titles: Mapping[str, str] | None = None,
                        ) -> Iterator[tuple[LayoutRow | None, FormItem | None]]:
    """(heading, None) before each part's first item, then (None, item), in the plan's order.

    A bare "3" could be 二-3 or 三-3, so headings appear whenever the plan has several parts — even when the
    unit's items all come from one of them (江夏's 三-1, 2, 5, 6, 7 need their 三、… heading). Where the plan
    numbers items afresh in each section (二-(一)-1, 二-(二)-1), each section's heading is printed too: a bare
    "1" is otherwise ambiguous inside one part.
    """
    ordered = _ordered(items, part_titles)
    several = len(part_titles) > 1 or len({item.part for item in ordered}) > 1
    current, section = None, ""
    for item in ordered:
        if several and item.part != current:
            current = item.part
            text = part_titles.get(item.part) or f"{item.part}、{item.part_title}"
            yield LayoutRow(cells=(text,) + ("",) * (width - 1), heading=True), None
        path = _path(item)
        if path and path != section:
            text = section_heading(path, section_titles or {})
            yield LayoutRow(cells=(text,) + ("",) * (width - 1), heading=True), None
        section = path
        yield None, item


def _item_rows(content: FormContent, columns: tuple[Column, ...], titles: Mapping[str, str],
               section_titles: Mapping[str, str]) -> tuple[list[LayoutRow], list[MergeSpan]]:
    rows: list[LayoutRow] = []
    merges: list[MergeSpan] = []
    merged = [i for i, c in enumerate(columns) if c.level is Level.ITEM] if content.kind is FormKind.PLAN else []
    for group, (heading, item) in enumerate(_with_part_headings(content.items, titles, len(columns),
                                                                section_titles)):
        if heading is not None:
            rows.append(heading)
            continue
        assert item is not None  # _with_part_headings yields an item whenever it yields no heading
        first = len(rows)
        rows += [LayoutRow(cells, group=group) for cells in _item_cells(content.definition, item, columns)]
        if len(rows) - 1 > first:
            merges += [MergeSpan(column, first, len(rows) - 1) for column in merged]
    return rows, merges


def _item_cells(definition: FormDefinition, item: FormItem,
                columns: tuple[Column, ...]) -> list[tuple[str, ...]]:
    with_entries = definition.kind is FormKind.PLAN
    count = max(1, len(item.entries)) if with_entries else 1
    lines = []
    for index in range(count):
        entry = item.entries[index] if index < len(item.entries) else None
        lines.append(tuple(_item_cell(item, entry, index, column) for column in columns))
    return lines


def _item_cell(item: FormItem, entry, index: int, column: Column) -> str:  # noqa: ANN001 - WorkEntry | None
    if column.level is Level.ENTRY:
        if entry is None:
            return ""
        text = _joined(entry.get, column)
        return f"{index + 1}.{text}" if column.numbered else text
    if index > 0:
        return ""  # item-level cells print once, merged over the item's work rows
    if column.kind is ValueKind.SEQ and not column.parts:
        return seq_label(item.part, item.number, item.label)
    if column.kind is ValueKind.ITEM and not column.parts:
        return item.text
    return _joined(item.get, column)


def _joined(get, column: Column) -> str:  # noqa: ANN001 - key → value
    """A column's text: its own value, or its parts' values one per line (分管领导 / 责任部门)."""
    if not column.parts:
        return get(column.key)
    return "\n".join(value for value in (get(part.key) for part in column.parts) if value)


# ---- roster (附表2) -------------------------------------------------------------------------------------------

def _roster_rows(content: FormContent, columns: tuple[Column, ...]) -> tuple[list[LayoutRow], list[MergeSpan]]:
    rows: list[LayoutRow] = []
    merges: list[MergeSpan] = []
    role_columns = [i for i, c in enumerate(columns) if c.kind is ValueKind.ROLE and not c.parts]
    for group, spec in enumerate(content.definition.rows):
        people = content.of_role(spec.key)[: spec.max]
        first = len(rows)
        for index in range(max(spec.min, len(people), 1)):
            person = people[index] if index < len(people) else Person(spec.key)
            rows.append(LayoutRow(tuple(_person_cell(person, spec.label, index, c) for c in columns), group=group))
        if len(rows) - 1 > first:
            merges += [MergeSpan(column, first, len(rows) - 1) for column in role_columns]
    return rows, merges


def _person_cell(person: Person, role_label: str, index: int, column: Column) -> str:
    if column.kind is ValueKind.ROLE and not column.parts:
        return role_label if index == 0 else ""
    return _joined(person.get, column)
