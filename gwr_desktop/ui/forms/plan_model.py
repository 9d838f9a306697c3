"""附表1 办理方案 as a table: part heading rows, then per led item one row per work entry.

Columns come from the plan's definition: item-level values (分管领导, 责任部门 …) sit on an item's first row,
work-entry values (具体工作内容, 完成时间 …) on every row.
"""

from __future__ import annotations

from collections.abc import Mapping

from gwr_desktop.domain.form_defs import Level
from gwr_desktop.domain.forms import FormContent, FormItem, section_heading, section_path
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_edits as e
from gwr_desktop.ui.forms.base_model import FormTableModel, RowSpec


def part_rows(content: FormContent, item_rows, sections: Mapping[str, str]) -> list[RowSpec]:  # noqa: ANN001
    """Each part's heading before its first item, and where the plan numbers items afresh in each section
    each section's heading before its first item, as the printed form has them (exports/layout.py).
    item_rows: FormItem → its rows."""
    rows: list[RowSpec] = []
    part = section = None
    for item in content.items:
        if item.part != part:
            part, section = item.part, None
            rows.append(RowSpec(("part", item.part), title=f"{item.part}、{item.part_title}"))
        path = section_path(item.key)
        if path and path != section:
            rows.append(RowSpec(("section", path), title=section_heading(path, sections)))
        section = path
        rows += item_rows(item)
    return rows


class PlanFormModel(FormTableModel):
    kind = FormKind.PLAN

    def _layout(self, content: FormContent) -> list[RowSpec]:
        return part_rows(content, self._item_rows, self.section_titles)

    def _item_rows(self, item: FormItem) -> list[RowSpec]:
        return [RowSpec(("item", item.key, n), item=item, entry=n) for n in range(max(len(item.entries), 1))]

    def _row_label(self, row: int) -> str | None:
        spec = self.rows[row]
        return "" if spec.heading else str(spec.entry + 1)

    def _paste_edits(self, top: int, left: int, r: int, c: int, value: str) -> list[e.Edit]:
        """Pasted rows stay inside the item they start in; rows beyond its entries become new entries."""
        spec = self.rows[top] if top < len(self.rows) else None
        column = left + c
        if spec is None or spec.item is None or column >= len(self.columns) or self.columns[column].read_only:
            return []
        col = self.columns[column]
        if col.level is Level.ITEM:
            if r > 0:
                return []  # item values belong to the item, taken from the block's first row
            return [e.SetValue(self.kind, 0, e.item(spec.item.key), col.key, value)]
        return [e.SetValue(self.kind, 0, e.entry(spec.item.key, spec.entry + r), col.key, value)]

    # ---- row operations on the current row --------------------------------------------------------------------
    def entry_at(self, row: int) -> tuple[FormItem, int] | None:
        spec = self.rows[row] if 0 <= row < len(self.rows) else None
        return (spec.item, spec.entry) if spec and spec.item else None

    def row_of(self, key: str, entry: int) -> int:
        return self.row_of_key(("item", key, entry))

    def insert_entry(self, row: int, *, below: bool = True) -> int:
        found = self.entry_at(row)
        if found is None:
            return -1
        item, entry = found
        if not item.entries:  # the empty row stands for entry 0: add the real one, then the new one
            edits: list[e.Edit] = [e.InsertRow(self.kind, 0, e.entry(item.key, n)) for n in range(2 if below else 1)]
            index = 1 if below else 0
        else:
            index = min(entry + 1, len(item.entries)) if below else entry
            edits = [e.InsertRow(self.kind, 0, e.entry(item.key, index))]
        return self.row_of(item.key, index) if self.execute(edits, "插入一条工作内容") else -1

    def delete_entry(self, row: int) -> int:
        found = self.entry_at(row)
        if found is None or found[1] >= len(found[0].entries):
            return -1
        item, entry = found
        if not self.execute([e.DeleteRow(self.kind, 0, e.entry(item.key, entry))], "删除一条工作内容"):
            return -1
        return self.row_of(item.key, max(min(entry, len(item.entries) - 2), 0))

    def move_entry(self, row: int, delta: int) -> int:
        found = self.entry_at(row)
        if found is None:
            return -1
        item, entry = found
        to = entry + delta
        if not (0 <= to < len(item.entries)) or entry >= len(item.entries):
            return -1
        moved = self.execute([e.MoveRow(self.kind, 0, e.entry(item.key, entry), to)], "上移" if delta < 0 else "下移")
        return self.row_of(item.key, to) if moved else -1
