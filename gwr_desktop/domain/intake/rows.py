"""A filled 附表1/附表3 found in a document's lines: its header row, then its rows grouped into items.

Our own exports and hand-made tables arrive in the same shapes once read (domain/reading fills merged
cells into every row they cover):
- an item over several rows repeats its 序号 and 责任事项 (merged cells) — or leaves them empty below;
- a part heading ("二、重点工作") is a row of its own; the notes under the table are rows too;
- an .xlsx export continues a text too long for one row in the next rows, marking the repeated 序号 and
  责任事项 "（续）" and leaving merged short cells filled in again: the pieces join back to the text exactly;
- work entries of an export are numbered "1." "2." …; a hand-made table has one entry per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gwr_desktop.domain.form_defs import FormDefinition, Level, ValueKind
from gwr_desktop.domain.intake import cells as c
from gwr_desktop.domain.intake.columns import ITEM, SEQ, ColumnTarget, TableColumns, find_columns
from gwr_desktop.domain.reading.document import SourceLine

_QUARTER = re.compile(r"前\s*([1-4一二三四])\s*季度")
_QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}
_NOTE = re.compile(r"^\s*(备注|注)\s*[:：]")


@dataclass
class ImportedItem:
    """One item as the table gives it: where it stands, how it is numbered and named, what it says."""

    first_row: int  # row or paragraph number in the file (for messages)
    part: str  # the part heading above it ("二"), "" when the table has none
    seq: str
    text: str
    values: dict[str, str] = field(default_factory=dict)  # item-level values by key
    entries: list[dict[str, str]] = field(default_factory=list)  # work entries (附表1) by key
    last_row: int = 0
    continued: bool = False  # the last row taken was a continued one (its pieces join the one before)

    def describe(self) -> str:
        name = self.text.replace("\n", "")
        name = name if len(name) <= 30 else name[:30] + "…"
        return f"序号 {c.without_continued(self.seq) or '（空）'}：{name or '（无责任事项）'}"


@dataclass(frozen=True)
class SkippedRow:
    row: int
    text: str
    reason: str


@dataclass
class FormTable:
    columns: TableColumns | None  # None when no header row of this form was found
    items: list[ImportedItem] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    header_values: dict[str, str] = field(default_factory=dict)  # 主要负责人 … read above the table
    quarter: int | None = None  # "前2季度" in the title
    title_lines: list[str] = field(default_factory=list)


def read_form_table(lines: Sequence[SourceLine], definition: FormDefinition) -> FormTable:
    """The form's table in the lines; several tables with the same header (one per part) are read in turn."""
    table = FormTable(columns=None)
    reader: _Rows | None = None
    for line in lines:
        if line.cells is not None:
            columns = find_columns(line.cells, definition)
            if columns is not None:
                table.columns = table.columns or columns
                reader = _Rows(columns, table, reader.part if reader else "")
                continue
        if reader is None:
            _above_table(line, definition, table)
        else:
            reader.take(line)
    return table


def read_block(block: Sequence[Sequence[str]], columns: TableColumns, *, first_row: int = 1) -> FormTable:
    """A pasted block without a header row, its columns already known (positional_columns)."""
    table = FormTable(columns=columns)
    reader = _Rows(columns, table, "")
    for number, cells in enumerate(block, start=first_row):
        reader.take(SourceLine(number, "\t".join(cells), tuple(cells)))
    return table


def _above_table(line: SourceLine, definition: FormDefinition, table: FormTable) -> None:
    text = line.text.strip()
    if not text:
        return
    table.title_lines.append(text)
    found = _QUARTER.search(text)
    if found and table.quarter is None:
        table.quarter = _QUARTERS[found.group(1)]
    elif "全年" in text and table.quarter is None and ("完成情况" in text or "季度" in text):
        table.quarter = 4
    for spec in definition.editable_header_fields():
        value = _field_value(text, spec.display_name)
        if value and spec.key not in table.header_values:
            table.header_values[spec.key] = value


def _field_value(text: str, name: str) -> str:
    """"主要负责人(签字)：刘明远" → "刘明远" (the label's remark and colon skipped; the value is one word)."""
    at = text.find(name)
    if at < 0:
        return ""
    rest = re.sub(r"^\s*[(（][^)）]*[)）]", "", text[at + len(name):])
    match = re.match(r"\s*[:：]\s*([^\s\t　]+)", rest)
    return match.group(1) if match else ""


class _Rows:
    """Rows after a header: headings, notes, and the items' rows grouped and joined."""

    def __init__(self, columns: TableColumns, table: FormTable, part: str) -> None:
        self.columns, self.table, self.part = columns, table, part
        self.seq_col, self.item_col = columns.column_of(SEQ), columns.column_of(ITEM)
        self.current: ImportedItem | None = None
        self.ended = False

    def take(self, line: SourceLine) -> None:
        if line.cells is None:  # a paragraph between or after tables: a part heading, or the table's end
            heading = c.part_heading(line.text)
            if heading:
                self._new_part(heading)
            elif line.text.strip():
                self.current = None
            return
        cells = list(line.cells)  # values as they are: a continued text's piece may end in a space
        filled = [cell.strip() for cell in cells if cell.strip()]
        if not filled:
            return
        if len(set(filled)) == 1 and self._heading_row(line.number, filled[0]):
            return
        self._data_row(line.number, cells)

    def _heading_row(self, number: int, text: str) -> bool:
        """One text across the row: a part or section heading, or a note under the table."""
        heading = c.part_heading(text)
        if heading:
            self._new_part(heading)
            return True
        if _NOTE.match(text):
            self.table.skipped.append(SkippedRow(number, text, "表格下方的备注"))
            self.current = None
            return True
        return c.is_section_heading(text)

    def _new_part(self, numeral: str) -> None:
        self.part, self.current = numeral, None

    def _cell(self, cells: list[str], column: int | None) -> str:
        return cells[column].strip() if column is not None and column < len(cells) else ""

    def _data_row(self, number: int, cells: list[str]) -> None:
        seq, text = self._cell(cells, self.seq_col), self._cell(cells, self.item_col)
        continued = c.is_continued(seq) or c.is_continued(text)
        item = self.current
        if item is None or self._starts_item(item, seq, text, continued):
            if not seq and not text:
                reason = "不知道属于哪个事项（没有序号和责任事项）"
                self.table.skipped.append(SkippedRow(number, "\t".join(cells).strip(), reason))
                return
            item = ImportedItem(number, self.part, c.without_continued(seq), c.without_continued(text))
            self.table.items.append(item)
            self.current = item
            continued = False
        item.last_row = number
        _take_values(item, cells, self.columns, continued)
        item.continued = continued

    def _starts_item(self, item: ImportedItem, seq: str, text: str, continued: bool) -> bool:
        if continued:
            return not _same_item(item, seq, text)
        if seq and c.without_continued(seq) != item.seq:
            return True
        return bool(text) and not _same_text(item.text, text)


def _same_item(item: ImportedItem, seq: str, text: str) -> bool:
    seq_ok = not seq or c.without_continued(seq) == item.seq
    return seq_ok and (not text or _same_text(item.text, text))


def _same_text(known: str, text: str) -> bool:
    """The 责任事项 repeated (a merged cell filled in) or shortened on a continued row."""
    flat, short = known.replace("\n", ""), c.without_continued(text).replace("\n", "")
    return flat == short or (bool(short) and flat.startswith(short))


def _take_values(item: ImportedItem, cells: list[str], columns: TableColumns, continued: bool) -> None:
    for index, target in columns.values(Level.ITEM):
        if index < len(cells) and cells[index].strip():
            for key, value in _split(target, cells[index]).items():
                item.values[key] = _joined(item.values.get(key, ""), value, target, continued)
    entry_columns = columns.values(Level.ENTRY)
    if not entry_columns:
        return
    values = {key: value for index, target in entry_columns if index < len(cells)
              for key, value in _split(target, cells[index]).items()}
    _take_entry(item, values, [t for _, t in entry_columns], continued)


def _split(target: ColumnTarget, text: str) -> dict[str, str]:
    if len(target.keys) > 1:
        return dict(zip(target.keys, c.split_combined(text, target.kinds), strict=True))
    return {target.keys[0]: text}


def _joined(before: str, value: str, target: ColumnTarget, continued: bool) -> str:
    """An item's value met again: a merged cell filled in (the same), a piece of a continued text (joined as it
    was cut; a piece filled in again is the text's end already), or a second value on another row (kept after
    the first)."""
    if not before or value == before:
        return value or before
    if continued:
        return before if before.endswith(value) else before + value
    separator = "\n" if ValueKind.LONG_TEXT in target.kinds else "、"
    return before + separator + value


def _take_entry(item: ImportedItem, raw: dict[str, str], targets: Iterable[ColumnTarget], continued: bool) -> None:
    """A row's work-entry cells: a new entry, the next pieces of the last one (a continued row), or the last
    one's merged cells filled in again (nothing new)."""
    numbered = {key for t in targets if t.numbered for key in t.keys}
    if not any(raw.values()):
        return
    last = item.entries[-1] if item.entries else None
    starts_new = any(c.entry_number(raw.get(k, "")) == len(item.entries) + 1 for k in numbered)
    values = {k: c.without_entry_number(v) if k in numbered else v for k, v in raw.items()}
    if last is not None and continued and not starts_new:
        for key, value in raw.items():
            known = last.get(key, "")
            if value and not known.endswith(value) and values[key] != known:
                last[key] = known + value
        return
    if last is not None and all(values.get(k, "") == last.get(k, "") for k in values):
        return  # a merged entry cell filled into the next row again
    item.entries.append(values)
