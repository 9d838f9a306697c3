"""附表3 完成情况 for one quarter: per led item the 完成情况 text, and the unit's own status and figure."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from gwr_desktop.domain.completeness import Gap
from gwr_desktop.domain.forms import ProgressFormContent, ProgressFormItem
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.targets import share_reached
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.base_model import HEADER_ROW, READ_ONLY, FormTableModel
from gwr_desktop.ui.forms.plan_model import item_number

SEQ, ITEM, PROGRESS, STATUS, FIGURE, TARGET = range(6)
FIELDS = {PROGRESS: "progress", STATUS: "status", FIGURE: "figure"}


@dataclass(frozen=True)
class ProgressRowSpec:
    key: tuple
    item: ProgressFormItem | None = None
    title: str = ""


class ProgressFormModel(FormTableModel):
    headers = ("序号", "责任事项", "完成情况", "进度", "完成数", "目标")
    multiline_columns = frozenset({PROGRESS})

    def __init__(self, db: Database, plan_key: str, unit: str, quarter: int = 1, parent=None) -> None:  # noqa: ANN001
        self.quarter = quarter
        super().__init__(db, plan_key, unit, parent)

    def set_quarter(self, quarter: int) -> None:
        if quarter != self.quarter:
            self.quarter = quarter
            self.undo_stack.clear()  # each quarter is its own form; undo does not reach across them
            self.reload(reset=True)

    def load(self) -> ProgressFormContent:
        return fc.load_content(self.db, self.plan_key, self.unit, FormKind.PROGRESS, self.quarter)

    def _layout(self, content: ProgressFormContent) -> list[ProgressRowSpec]:
        rows: list[ProgressRowSpec] = []
        for item in content.items:
            if not rows or rows[-1].item is None or rows[-1].item.part != item.part:
                rows.append(ProgressRowSpec(("part", item.part), title=f"{item.part}、{item.part_title}"))
            rows.append(ProgressRowSpec(("item", item.key), item))
        return rows

    def is_header_row(self, row: int) -> bool:
        return self.rows[row].item is None

    def item_at(self, row: int) -> ProgressFormItem | None:
        return self.rows[row].item if 0 <= row < len(self.rows) else None

    def editable(self, row: int, column: int) -> bool:
        return self.rows[row].item is not None and column in FIELDS

    def _display(self, row: int, column: int) -> str | None:
        item = self.rows[row].item
        if item is None:
            return self.rows[row].title if column == SEQ else ""
        if column == TARGET:
            return self._targets(item)
        values = {SEQ: item_number(item), ITEM: item.text, PROGRESS: item.progress,
                  STATUS: item.status.value if item.status else "", FIGURE: item.figure}
        return values[column]

    @staticmethod
    def _targets(item: ProgressFormItem) -> str:
        if not item.targets:
            return ""
        lines = [target.text() for target in item.targets]
        if len(item.targets) == 1 and item.figure:
            share = share_reached(item.figure, item.targets[0])
            if share is not None:
                lines.append(f"已达 {share}%")
        return "\n".join(lines)

    def _row_label(self, row: int) -> str | None:
        item = self.rows[row].item
        return item.key if item else ""

    def _extra_data(self, row: int, column: int, role: int):  # noqa: ANN202
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.rows[row].item is None:
                return HEADER_ROW
            return None if self.editable(row, column) else READ_ONLY
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SEQ, STATUS, FIGURE, TARGET):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _background(self, row: int, column: int):  # noqa: ANN202
        return super()._background(row, column) or self._extra_data(row, column, Qt.ItemDataRole.BackgroundRole)

    def edits_for(self, row: int, column: int, text: str) -> list[e.Edit]:
        return [e.SetProgress(self.quarter, self.rows[row].item.key, FIELDS[column], text)]

    def _gap_cell(self, gap: Gap) -> tuple[int, int] | None:
        if gap.field != "progress":
            return None
        return next(((n, PROGRESS) for n, spec in enumerate(self.rows) if spec.key == ("item", gap.where)), None)

    def copy_previous(self) -> bool:
        items = self.content.items
        edits = [e.SetProgress(self.quarter, i.key, "progress", i.previous) for i in items
                 if i.previous and not i.progress]
        if self.quarter == 1 or not edits:
            self.report("上季度没有可沿用的文字，或本季度各项已填写。")
            return False
        return self.execute(edits, "沿用上季度完成情况")

    def set_principal(self, text: str) -> bool:
        if text == self.content.principal:
            return True
        return self.execute([e.SetPrincipal(self.quarter, text)], "修改主要负责人")

    def set_print_status(self, value: bool) -> bool:
        if value == self.content.print_status:
            return True
        return self.execute([e.SetPrintStatus(self.quarter, value)], "打印进度和完成数" if value else "不打印进度")
