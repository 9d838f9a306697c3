"""The form edits an import makes, checked before anything is written, and the changes described per item.

The file is the truth for the values it holds: a matched item's work entries are replaced by the file's (entry
by entry, extra ones added, missing ones removed), its own values are set where the file has one. An empty
cell never clears a value the unit has typed (a 处室's table often leaves 分管领导 blank), and a column the
file does not have is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from gwr_desktop.domain import validation as v
from gwr_desktop.domain.form_defs import FormDefinition, Level
from gwr_desktop.domain.forms import FormContent, FormItem
from gwr_desktop.domain.intake import FormTable, ImportedItem, Match
from gwr_desktop.services import form_edits as e


@dataclass(frozen=True)
class LandedItem:
    """What one matched row group does to one item, for the preview."""

    key: str
    item_text: str
    by: str  # "序号" or "文字相似"
    score: float
    rows: str  # "第12–14行"
    source: str  # how the file names it: "序号 5：新增品牌连锁便利店…"
    changes: tuple[str, ...]  # "具体工作内容：3 条（替换原有 1 条）" …; empty when nothing changes
    replaces: bool  # typed content of the unit is overwritten


@dataclass
class ItemEdits:
    edits: list[e.Edit]
    changes: list[str]
    problems: list[str]
    replaces: bool = False


def rows_text(found: ImportedItem, word: str = "行") -> str:
    last = found.last_row or found.first_row
    return f"第{found.first_row}{word}" if last == found.first_row else f"第{found.first_row}–{last}{word}"


def item_edits(definition: FormDefinition, quarter: int, item: FormItem, found: ImportedItem,
               table: FormTable) -> ItemEdits:
    out = ItemEdits([], [], [])
    where = f"{item.key}（文件{rows_text(found)}）"
    for field in definition.fields_at(Level.ITEM):
        value = found.values.get(field.key, "")
        if not value or value == item.get(field.key):
            continue
        out.problems += _problem(where, field.label, field.kind, value)
        out.edits.append(e.SetValue(definition.kind, quarter, e.item(item.key), field.key, value))
        out.changes.append(f"{field.label}：{_short(value)}")  # one line each in the preview
        out.replaces |= bool(item.get(field.key))
    entry_keys = [k for k in table.columns.keys if definition.field(k, Level.ENTRY)] if table.columns else []
    entries = [entry for entry in found.entries if any(entry.get(k) for k in entry_keys)]
    if entries:
        _entry_edits(definition, item, entries, entry_keys, out, where)
    return out


def _entry_edits(definition: FormDefinition, item: FormItem, entries: list[dict[str, str]], keys: list[str],
                 out: ItemEdits, where: str) -> None:
    old = item.entries
    before = len(out.edits)
    for index, values in enumerate(entries):
        for key in keys:
            field = definition.field(key, Level.ENTRY)
            assert field is not None
            if values.get(key):
                out.problems += _problem(f"{where}第{index + 1}条", field.label, field.kind, values[key])
        if index < len(old):
            out.edits += [e.SetValue(definition.kind, 0, e.entry(item.key, index), key, values.get(key, ""))
                          for key in keys if values.get(key, "") != old[index].get(key)]
        else:
            filled = {key: values[key] for key in keys if values.get(key)}
            out.edits.append(e.InsertRow(definition.kind, 0, e.entry(item.key, index), filled))
    extra = reversed(range(len(entries), len(old)))  # removed from the end, so the indexes stay valid
    out.edits += [e.DeleteRow(definition.kind, 0, e.entry(item.key, n)) for n in extra]
    if len(out.edits) == before:
        return
    had = sum(1 for entry in old if any(entry.values.values()))
    out.replaces |= had > 0
    label = next((f.label for f in definition.fields_at(Level.ENTRY) if f.key in keys), "工作内容")
    shown = [f"　{n}. " + "，".join(_short(entry[k], 24) for k in keys if entry.get(k))
             for n, entry in enumerate(entries[:3], start=1)]
    more = [f"　……共 {len(entries)} 条"] if len(entries) > 3 else []
    out.changes[:0] = [f"{label}：{len(entries)} 条" + (f"（替换原有 {had} 条）" if had else ""), *shown, *more]


def header_edits(definition: FormDefinition, content: FormContent, table: FormTable) -> ItemEdits:
    out = ItemEdits([], [], [])
    for spec in definition.editable_header_fields():
        value = table.header_values.get(spec.key, "")
        if value and value != content.header.get(spec.key, ""):
            out.problems += _problem("表头", spec.display_name, spec.kind, value)
            out.edits.append(e.SetHeader(definition.kind, content.quarter or 0, spec.key, value))
            out.changes.append(f"{spec.display_name}：{value}")
    return out


def landed(match: Match, item: FormItem, found: ImportedItem, edits: ItemEdits, row_word: str) -> LandedItem:
    return LandedItem(key=item.key, item_text=item.text, by="序号" if match.by == "seq" else "文字相似",
                      score=match.score, rows=rows_text(found, row_word), source=found.describe(),
                      changes=tuple(edits.changes), replaces=edits.replaces)


def _problem(where: str, label: str, kind, value: str) -> list[str]:  # noqa: ANN001 - ValueKind
    try:
        v.check_value(kind, value)
    except v.InvalidValue as error:
        return [f"{where} {label}：{error}"]
    return []


def _short(text: str, limit: int = 30) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= limit else flat[:limit] + "…"
