"""Which column of a table holds which value of the form, read from the header row's texts (or by position).

The plan's own form definition names the columns (its printed headers and the labels of a column's parts);
a few common other wordings are accepted too, because a 处室 drafting in WPS writes "工作任务" or "完成时限"
rather than copying the official header. A combined printed column (分管领导 / 责任部门) may come as one
column or as two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gwr_desktop.domain.form_defs import Column, FormDefinition, Level, ValueKind

SEQ, ITEM, VALUE = "seq", "item", "value"

# Other wordings of a kind of value seen in hand-made tables; the definition's own names always count first.
_KIND_WORDS: dict[tuple[ValueKind, Level | None], tuple[str, ...]] = {
    (ValueKind.SEQ, None): ("序号", "编号", "序"),
    (ValueKind.ITEM, None): ("责任事项", "工作任务", "重点任务", "目标任务", "任务内容", "主要任务", "工作事项",
                             "事项", "任务"),
    (ValueKind.LONG_TEXT, Level.ENTRY): ("具体工作内容", "工作内容", "具体措施", "工作措施", "主要措施", "推进措施",
                                         "具体内容"),
    (ValueKind.LONG_TEXT, Level.ITEM): ("完成情况", "进展情况", "工作进展", "推进情况", "落实情况", "完成进度"),
    (ValueKind.PERIOD, None): ("完成时间", "完成时限", "时间节点", "时间安排", "完成期限"),
    (ValueKind.PERSON, None): ("分管领导", "责任领导", "分管负责人", "分管局领导"),
    (ValueKind.STATUS, None): ("进度", "进展状态", "状态"),
    (ValueKind.FIGURE, None): ("完成数", "完成数量", "完成值"),
}
_LABEL_WORDS: dict[str, tuple[str, ...]] = {"责任部门": ("责任处室", "承办处室", "责任科室", "具体承办处室")}


@dataclass(frozen=True)
class ColumnTarget:
    """What one column of the table holds: the item's 序号, its 责任事项, or values (several for a combined
    column, one per line), with their kinds and level."""

    role: str  # SEQ, ITEM or VALUE
    keys: tuple[str, ...] = ()
    kinds: tuple[ValueKind, ...] = ()
    level: Level = Level.ITEM
    numbered: bool = False  # the export writes "1." before each work entry
    header: str = ""  # the text as found in the file


@dataclass(frozen=True)
class TableColumns:
    targets: dict[int, ColumnTarget] = field(default_factory=dict)  # cell index → target
    ignored: tuple[str, ...] = ()  # header texts that are no column of the form

    def column_of(self, role: str) -> int | None:
        return next((n for n, t in sorted(self.targets.items()) if t.role == role), None)

    def values(self, level: Level | None = None) -> list[tuple[int, ColumnTarget]]:
        return [(n, t) for n, t in sorted(self.targets.items())
                if t.role == VALUE and (level is None or t.level is level)]

    @property
    def keys(self) -> set[str]:
        return {key for _, target in self.values() for key in target.keys}


def normalize(text: str) -> str:
    """A header as compared: half-width, without spaces, slashes, colons and bracketed remarks ("(按月)")."""
    flat = unicodedata.normalize("NFKC", text)
    flat = re.sub(r"\([^)]*\)", "", flat)
    return re.sub(r"[\s/、:*]", "", flat)


def _words(kind: ValueKind, level: Level) -> tuple[str, ...]:
    return _KIND_WORDS.get((kind, level), ()) + _KIND_WORDS.get((kind, None), ())


def _column_names(column: Column) -> list[tuple[tuple[str, ...], ColumnTarget]]:
    """(names, target) pairs a header cell may match, for one printed column of the definition."""
    if column.parts:
        keys = tuple(part.key for part in column.parts)
        kinds = tuple(part.kind for part in column.parts)
        pairs: list[tuple[tuple[str, ...], ColumnTarget]] = [
            ((normalize(column.header),), ColumnTarget(VALUE, keys, kinds, column.level))]
        for part in column.parts:
            names = (part.label, *_LABEL_WORDS.get(part.label, ()), *_words(part.kind, column.level))
            pairs.append((names, ColumnTarget(VALUE, (part.key,), (part.kind,), column.level)))
        return pairs
    names = (column.header, column.name, *_LABEL_WORDS.get(column.name, ()), *_words(column.kind, column.level))
    if column.kind is ValueKind.SEQ:
        return [(names, ColumnTarget(SEQ))]
    if column.kind is ValueKind.ITEM:
        return [(names, ColumnTarget(ITEM))]
    if column.read_only:
        return []
    return [(names, ColumnTarget(VALUE, (column.key,), (column.kind,), column.level, column.numbered))]


def _recognise(cell: str, choices: list[tuple[tuple[str, ...], ColumnTarget]]) -> ColumnTarget | None:
    """The target whose name equals the cell, else the longest name the cell starts with ("完成时间（按月）")."""
    text = normalize(cell)
    if not text:
        return None
    best: tuple[int, ColumnTarget] | None = None
    for names, target in choices:
        for name in (normalize(n) for n in names):
            if not name:
                continue
            if text == name:
                return target
            if len(name) >= 2 and text.startswith(name) and (best is None or len(name) > best[0]):
                best = (len(name), target)
    return best[1] if best else None


def find_columns(cells: Sequence[str], definition: FormDefinition) -> TableColumns | None:
    """The columns of a header row, or None when the row is not the header of this form's table: it must name
    the 序号 or 责任事项 and at least one other column of the form."""
    choices = [pair for column in definition.columns for pair in _column_names(column)]
    targets: dict[int, ColumnTarget] = {}
    taken: set[tuple[str, tuple[str, ...]]] = set()
    ignored = []
    for index, cell in enumerate(cells):
        target = _recognise(cell, choices)
        identity = (target.role, target.keys) if target else None
        if target is None or identity in taken or _overlaps(target, targets.values()):
            if cell.strip():
                ignored.append(cell.strip())
            continue
        taken.add((target.role, target.keys))
        targets[index] = ColumnTarget(target.role, target.keys, target.kinds, target.level, target.numbered,
                                      cell.strip())
    roles = [t.role for t in targets.values()]
    if not ({SEQ, ITEM} & set(roles)) or len(roles) < 2:
        return None
    return TableColumns(targets, tuple(ignored))


def _overlaps(target: ColumnTarget, found: Iterable[ColumnTarget]) -> bool:
    """A second column for a value already placed (分管领导 twice, or alone after the combined column)."""
    keys = set(target.keys)
    return any(keys & set(other.keys) for other in found)


def positional_columns(definition: FormDefinition, first: int, width: int) -> TableColumns:
    """A block without a header row, pasted at the editor's column `first`: its columns are the editor's from
    there on (one per value: 分管领导 and 责任部门 are two)."""
    flat: list[ColumnTarget] = []
    for column in definition.columns:
        if column.parts:
            flat += [ColumnTarget(VALUE, (p.key,), (p.kind,), column.level) for p in column.parts]
        elif column.kind is ValueKind.SEQ:
            flat.append(ColumnTarget(SEQ))
        elif column.kind is ValueKind.ITEM:
            flat.append(ColumnTarget(ITEM))
        elif not column.read_only:
            flat.append(ColumnTarget(VALUE, (column.key,), (column.kind,), column.level, column.numbered))
        else:
            flat.append(ColumnTarget("other"))
    chosen = {n: flat[first + n] for n in range(width) if first + n < len(flat) and flat[first + n].role != "other"}
    return TableColumns(chosen)
