"""附表1 办理方案 as a table: part header rows, then per led item one row per 具体工作内容."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from gwr_desktop.domain.completeness import Gap
from gwr_desktop.domain.forms import PlanFormContent, PlanFormItem
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.ui.forms.base_model import HEADER_ROW, READ_ONLY, FormTableModel

SEQ, ITEM, CONTENT, PERIOD, LEADER, DEPARTMENT = range(6)
_CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class PlanRow:
    key: tuple  # stable identity: ("part", numeral) or ("entry", item key, entry index)
    item: PlanFormItem | None = None
    entry: int = 0  # index of the work entry; an item without entries shows one empty row 0
    title: str = ""  # the part's heading, on part rows


def item_number(item: PlanFormItem) -> str:
    """The plan's own numbering: (一)…(五) in part 一, 1, 2, … elsewhere."""
    if item.part == "一" and 1 <= item.number <= 10:
        return f"（{_CN[item.number - 1]}）"
    return str(item.number)


class PlanFormModel(FormTableModel):
    headers = ("序号", "责任事项", "具体工作内容", "完成时间\n(按月)", "分管领导", "责任部门")
    multiline_columns = frozenset({CONTENT})

    def load(self) -> PlanFormContent:
        return fc.load_content(self.db, self.plan_key, self.unit, FormKind.PLAN)

    def _layout(self, content: PlanFormContent) -> list[PlanRow]:
        rows: list[PlanRow] = []
        for item in content.items:
            if not rows or rows[-1].item is None or rows[-1].item.part != item.part:
                rows.append(PlanRow(("part", item.part), title=f"{item.part}、{item.part_title}"))
            rows += [PlanRow(("entry", item.key, n), item, n) for n in range(max(len(item.entries), 1))]
        return rows

    def is_header_row(self, row: int) -> bool:
        return self.rows[row].item is None

    def editable(self, row: int, column: int) -> bool:
        spec = self.rows[row]
        if spec.item is None or column in (SEQ, ITEM):
            return False
        return column in (CONTENT, PERIOD) or spec.entry == 0

    def _display(self, row: int, column: int) -> str | None:
        spec = self.rows[row]
        if spec.item is None:
            return spec.title if column == SEQ else ""
        item, first = spec.item, spec.entry == 0
        entry = item.entries[spec.entry] if spec.entry < len(item.entries) else None
        values = {
            SEQ: item_number(item) if first else "", ITEM: item.text if first else "",
            CONTENT: entry.content if entry else "", PERIOD: entry.period.text() if entry and entry.period else "",
            LEADER: item.leader if first else "", DEPARTMENT: item.department if first else "",
        }
        return values[column]

    def _row_label(self, row: int) -> str | None:
        spec = self.rows[row]
        return "" if spec.item is None else str(spec.entry + 1)

    def _extra_data(self, row: int, column: int, role: int):  # noqa: ANN202
        spec = self.rows[row]
        if role == Qt.ItemDataRole.BackgroundRole:
            if spec.item is None:
                return HEADER_ROW
            return READ_ONLY if not self.editable(row, column) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SEQ, PERIOD, LEADER, DEPARTMENT):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == ITEM and spec.item:
            return f"{spec.item.key}　{spec.item.text}"
        return None

    def _background(self, row: int, column: int):  # noqa: ANN202
        return super()._background(row, column) or self._extra_data(row, column, Qt.ItemDataRole.BackgroundRole)

    def edits_for(self, row: int, column: int, text: str) -> list[e.Edit]:
        spec = self.rows[row]
        return self._edits_at(spec.item.key, spec.entry, column, text)

    @staticmethod
    def _edits_at(key: str, entry: int, column: int, text: str) -> list[e.Edit]:
        if column == CONTENT:
            return [e.SetEntryText(key, entry, text)]
        if column == PERIOD:
            return [e.SetEntryPeriod(key, entry, text)]
        if column in (LEADER, DEPARTMENT):
            return [e.SetItemField(key, "leader" if column == LEADER else "department", text)]
        return []

    def _paste_edits(self, top: int, left: int, r: int, c: int, value: str) -> list[e.Edit]:
        """Pasted rows stay inside the item they start in; rows beyond its entries become new entries."""
        spec = self.rows[top] if top < len(self.rows) else None
        column = left + c
        if spec is None or spec.item is None or column not in (CONTENT, PERIOD, LEADER, DEPARTMENT):
            return []
        if column in (LEADER, DEPARTMENT) and r > 0:
            return []  # 分管领导 and 责任部门 belong to the item, taken from the block's first row
        return self._edits_at(spec.item.key, spec.entry + r, column, value)

    def _gap_cell(self, gap: Gap) -> tuple[int, int] | None:
        column = {"content": CONTENT, "period": PERIOD, "leader": LEADER, "department": DEPARTMENT}.get(gap.field)
        if column is None:
            return None
        wanted = ("entry", gap.where, gap.row or 0)
        return next(((n, column) for n, spec in enumerate(self.rows) if spec.key == wanted), None)

    # ---- row operations on the current row --------------------------------------------------------------------
    def entry_at(self, row: int) -> tuple[PlanFormItem, int] | None:
        spec = self.rows[row] if 0 <= row < len(self.rows) else None
        return (spec.item, spec.entry) if spec and spec.item else None

    def row_of(self, key: str, entry: int) -> int:
        return next((n for n, spec in enumerate(self.rows) if spec.key == ("entry", key, entry)), -1)

    def insert_entry(self, row: int, *, below: bool = True) -> int:
        found = self.entry_at(row)
        if found is None:
            return -1
        item, entry = found
        index = min(entry + 1, len(item.entries)) if below else entry
        if not item.entries:  # the empty row stands for entry 0: add the real one, then the new one
            edits = [e.InsertEntry(item.key, 0), e.InsertEntry(item.key, 1)] if below else [e.InsertEntry(item.key, 0)]
            index = 1 if below else 0
        else:
            edits = [e.InsertEntry(item.key, index)]
        return self.row_of(item.key, index) if self.execute(edits, "插入一条工作内容") else -1

    def delete_entry(self, row: int) -> int:
        found = self.entry_at(row)
        if found is None or found[1] >= len(found[0].entries):
            return -1
        item, entry = found
        if not self.execute([e.DeleteEntry(item.key, entry)], "删除一条工作内容"):
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
        moved = self.execute([e.MoveEntry(item.key, entry, to)], "上移" if delta < 0 else "下移")
        return self.row_of(item.key, to) if moved else -1

    def set_principal(self, text: str) -> bool:
        if text == self.content.principal:
            return True
        return self.execute([e.SetPrincipal(0, text)], "修改主要负责人")
