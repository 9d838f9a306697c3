"""A form definition made to match the blank form a notice prints: its label and title, renamed, added or
missing columns and header fields, widths scaled to the page. Each change is reported for review.

The notice's printed headers are matched to the definition's in order (SequenceMatcher over normalised text):
equal headers keep the column; a different header in the same place renames it; a printed header with no
counterpart becomes a new one-line text column; a column the notice does not print is left out. Optional
columns (printed only on request, never in a notice) are kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from difflib import SequenceMatcher

from gwr_desktop.domain.form_defs import (
    HEADER_RESERVED,
    LEVELS,
    RESERVED_KEYS,
    Column,
    FormDefinition,
    HeaderField,
    Level,
    ValueKind,
    fit_columns,
    title_problems,
)
from gwr_desktop.domain.page import printable_width_mm
from gwr_desktop.domain.plan import FormKind, FormSetting

NEW_COLUMN_MM = 25.0


def normalized(text: str) -> str:
    """Header text for comparison: NFKC, no spaces or line breaks, no trailing colon."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip(":")


def adjust_to_notice(base: FormDefinition, setting: FormSetting) -> tuple[FormDefinition, list[str]]:
    """`base` with the notice's label, title, columns and header fields; the sentences say what changed."""
    notes: list[str] = []
    definition = replace(base, label=setting.label)
    problems = title_problems(setting.title_pattern, base.kind)
    if problems:
        notes.append(f"{setting.label} 的标题“{setting.title_pattern}”不能使用（{''.join(problems)}），"
                     f"沿用默认标题“{base.title_pattern}”。")
    else:
        definition = replace(definition, title_pattern=setting.title_pattern)
    printed = tuple(getattr(setting, "printed_columns", ()) or ())
    if printed:
        definition = _match_columns(definition, printed, notes)
    fields = tuple(getattr(setting, "printed_fields", ()) or ())
    if fields:
        definition = _match_fields(definition, fields, notes)
    return fit_to_page(definition, notes)


def fit_to_page(definition: FormDefinition, notes: list[str] | None = None) -> tuple[FormDefinition, list[str]]:
    """The printed columns (optional ones left aside) scaled to the page's printable width when they exceed it."""
    notes = [] if notes is None else notes
    available = printable_width_mm(definition.orientation)
    regular = tuple(c for c in definition.columns if not c.optional)
    total = sum(c.width_mm for c in regular)
    if total <= available + 1e-6:
        return definition, notes
    fitted = iter(fit_columns(regular, available))
    columns = tuple(c if c.optional else next(fitted) for c in definition.columns)
    notes.append(f"{definition.label} 各栏宽度之和 {total:g} mm 超出可打印宽度 {available:g} mm，已缩小到页面以内。")
    return replace(definition, columns=columns), notes


def _match_columns(definition: FormDefinition, printed: tuple[str, ...], notes: list[str]) -> FormDefinition:
    regular = [c for c in definition.columns if not c.optional]
    ours, theirs = [normalized(c.header) for c in regular], [normalized(h) for h in printed]
    columns: list[Column] = []
    taken = {c.key for c in definition.columns} | {f.key for c in definition.columns for f in c.fields()}
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=ours, b=theirs, autojunk=False).get_opcodes():
        if tag == "equal":
            columns += regular[i1:i2]
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for column, header in zip(regular[i1:i1 + pairs], printed[j1:j1 + pairs], strict=True):
            notes.append(f"{definition.label} 的“{column.name}”栏在通知中为“{header.strip()}”，已改用通知的栏名。")
            columns.append(replace(column, header=header.strip(), label=""))
        for header in printed[j1 + pairs:j2]:
            column = _new_column(definition.kind, header, columns, taken)
            notes.append(f"{definition.label} 增加通知中的“{column.header}”栏（文字，必填）。")
            columns.append(column)
        for column in regular[i1 + pairs:i2]:
            notes.append(f"通知中的{definition.label} 没有“{column.name}”栏，本方案的此表不含该栏。")
    return replace(definition, columns=tuple(columns) + tuple(c for c in definition.columns if c.optional))


def _new_column(kind: FormKind, header: str, before: list[Column], taken: set[str]) -> Column:
    """A one-line text column; in 附表1 it sits at the level of the editable column to its left."""
    levels = LEVELS[kind]
    left = next((c for c in reversed(before) if not c.read_only), None)
    level = left.level if left is not None and left.level in levels else levels[0]
    return Column(key=new_key(header, taken, RESERVED_KEYS[level]), header=header.strip(), width_mm=NEW_COLUMN_MM,
                  kind=ValueKind.TEXT, level=level)


def new_key(text: str, taken: set[str], reserved: frozenset[str]) -> str:
    """A key for a new column or field, from its printed name; never a reserved or already used key."""
    base = re.sub(r"[(（][^)）]*[)）]", "", normalized(text)) or "col"
    key, number = base, 2
    while key in taken or key in reserved:
        key, number = f"{base}_{number}", number + 1
    taken.add(key)
    return key


def _match_fields(definition: FormDefinition, printed: tuple[str, ...], notes: list[str]) -> FormDefinition:
    ours = {normalized(f.label): f for f in definition.header_fields}
    taken = {f.key for f in definition.header_fields}
    fields: list[HeaderField] = []
    for label in printed:
        known = ours.pop(normalized(label), None)
        if known is None:
            known = HeaderField(key=new_key(label, taken, HEADER_RESERVED), label=label.strip(), kind=ValueKind.TEXT)
            notes.append(f"{definition.label} 表头增加通知中的“{label.strip()}”。")
        fields.append(known)
    for left_out in ours.values():
        notes.append(f"通知中的{definition.label} 表头没有“{left_out.label}”，本方案的此表不含该项。")
    return replace(definition, header_fields=tuple(fields))


def definition_problems(definition: FormDefinition) -> list[str]:
    """Why a definition cannot be used (duplicate keys, a level the kind has not, no width), in Chinese."""
    problems = title_problems(definition.title_pattern, definition.kind)
    if not definition.label.strip():
        problems.append("表号不能为空。")
    levels = LEVELS[definition.kind]
    seen: set[str] = set()
    for column in definition.columns:
        if column.level not in levels:
            problems.append(f"“{column.name}”栏的层级 {column.level.value} 不适用于此类表格。")
        if column.width_mm <= 0:
            problems.append(f"“{column.name}”栏的宽度应大于 0。")
        for key in {column.key, *(f.key for f in column.fields())}:
            if key in seen:
                problems.append(f"栏目标识“{key}”重复。")
            seen.add(key)
        problems += [f"栏目标识“{f.key}”是保留字，请换一个。" for f in column.fields()
                     if f.key in RESERVED_KEYS[column.level]]
    problems += [f"表头标识“{f.key}”是保留字，请换一个。" for f in definition.editable_header_fields()
                 if f.key in HEADER_RESERVED]
    if definition.kind is FormKind.CONTACTS and not definition.rows:
        problems.append("名单表至少需要一个责任人行。")
    if not 1 <= definition.max_entries <= 1000:
        problems.append("每个事项的工作内容条数上限应在 1～1000 之间。")
    if Level.ENTRY in levels and not definition.fields_at(Level.ENTRY):
        problems.append("办理方案至少需要一个工作内容栏。")
    return problems
