"""A returned table's printed rows grouped back into the form's items (附表1/3, a contribution) or people
(附表2), with each value under its column key from the plan's form definition.

Items are recognised as the plan prints them: a part heading ("二、重点工作") sets the part, a 序号 ("83",
"(三)") the number within it; rows whose 序号 is empty (merged over an item's work rows) belong to the item
above. When the heading is missing (a hand-made table), `resolve` decides from the number and the item's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from gwr_desktop.domain.form_defs import Column, FormDefinition, Level, ValueKind
from gwr_desktop.domain.forms import NUMERALS
from gwr_desktop.domain.returns.cells import visible
from gwr_desktop.domain.returns.rows import HEADING, TableRows

Resolver = Callable[[str | None, int, str], str | None]  # (part or None, number, item text) → item key
_NUMBERED = re.compile(r"^\s*\d{1,3}[.．、]\s*")
_PAREN = re.compile(r"^[(（]([一二三四五六七八九十]{1,3})[)）]$")


@dataclass
class ReadItem:
    key: str
    values: dict[str, str] = field(default_factory=dict)  # the item's own values
    entries: list[dict[str, str]] = field(default_factory=list)  # work entries (附表1, a contribution)


@dataclass
class ReadPerson:
    role: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class ReadForm:
    items: list[ReadItem] = field(default_factory=list)
    people: list[ReadPerson] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # rows that name no item of the plan (序号 as printed)
    missing_columns: list[str] = field(default_factory=list)  # the definition's columns the table lacks


def column_map(headers: Sequence[str], definition: FormDefinition) -> tuple[list[Column | None], list[str]]:
    """Per printed column, the definition's column with that header (white space ignored); and the names of
    the definition's columns the table does not have."""
    by_header = {visible(c.header): c for c in definition.columns}
    mapped = [by_header.get(visible(h)) for h in headers]
    present = {c.key for c in mapped if c is not None}
    missing = [c.name for c in definition.columns if c.key not in present and not c.optional]
    return mapped, missing


def read_items(table: TableRows, definition: FormDefinition, resolve: Resolver) -> ReadForm:
    columns, missing = column_map(table.headers, definition)
    form = ReadForm(missing_columns=missing)
    seq = next((i for i, c in enumerate(columns) if c is not None and c.kind is ValueKind.SEQ), None)
    text = next((i for i, c in enumerate(columns) if c is not None and c.kind is ValueKind.ITEM), None)
    part: str | None = None
    current: ReadItem | None = None
    for row in table.rows:
        heading = HEADING.match(row[0].strip()) if row and not any(row[1:]) else None
        if heading:
            part = heading.group().rstrip("、")
            continue
        printed = row[seq].strip() if seq is not None else ""
        if printed:
            key = _key(printed, part, row[text] if text is not None else "", resolve)
            if key is None:
                form.unplaced.append(printed)
                current = None
                continue
            current = ReadItem(key, _values(row, columns, Level.ITEM))
            form.items.append(current)
        if current is not None:
            entry = _values(row, columns, Level.ENTRY)
            if any(entry.values()):
                current.entries.append(entry)
    return form


def read_people(table: TableRows, definition: FormDefinition) -> ReadForm:
    columns, missing = column_map(table.headers, definition)
    form = ReadForm(missing_columns=missing)
    roles = {visible(spec.label): spec.key for spec in definition.rows}
    label = next((i for i, c in enumerate(columns) if c is not None and c.kind is ValueKind.ROLE), None)
    role: str | None = None
    for row in table.rows:
        printed = visible(row[label]) if label is not None else ""
        if printed and label is not None:
            role = roles.get(re.sub(r"\d+$", "", printed))
            if role is None:
                form.unplaced.append(row[label])
        values = _values(row, columns, Level.PERSON)
        if role is not None and any(values.values()):
            form.people.append(ReadPerson(role, values))
    return form


def _values(row: Sequence[str], columns: Sequence[Column | None], level: Level) -> dict[str, str]:
    values = {}
    for text, column in zip(row, columns, strict=False):
        if column is None or column.level is not level or column.read_only:
            continue
        if column.parts:  # 分管领导 / 责任部门: one line each, in the definition's order
            for part, line in zip(column.parts, text.split("\n"), strict=False):
                values[part.key] = line.strip()
            continue
        values[column.key] = _NUMBERED.sub("", text, count=1) if column.numbered else text
    return values


def _key(printed: str, part: str | None, text: str, resolve: Resolver) -> str | None:
    flat = visible(printed)
    paren = _PAREN.match(flat)
    if paren:
        number = NUMERALS.index(paren.group(1)) + 1 if len(paren.group(1)) == 1 else None
        return resolve("一", number, text) if number else None
    if flat.isdigit():
        return resolve(part, int(flat), text)
    return None


def resolver(items: Iterable[tuple[str, str, int, str]]) -> Resolver:
    """A Resolver over the plan's items (key, part, number, text): the part and number decide; without a part
    heading, the number when only one part has it, else the item whose text the row shows."""
    items = list(items)
    by_place = {(part, number): key for key, part, number, _ in items}
    by_number: dict[int, list[tuple[str, str]]] = {}
    for key, _part, number, text in items:
        by_number.setdefault(number, []).append((key, visible(text)))

    def resolve(part: str | None, number: int, text: str) -> str | None:
        if part is not None:
            return by_place.get((part, number))
        candidates = by_number.get(number, [])
        if len(candidates) == 1:
            return candidates[0][0]
        shown = visible(text)
        matches = [key for key, full in candidates if shown and (full == shown or full.startswith(shown[:30]))]
        return matches[0] if len(matches) == 1 else None

    return resolve
