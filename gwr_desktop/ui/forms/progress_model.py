"""附表3 完成情况 for one quarter: per led item the values the plan's definition asks for (完成情况, and the
unit's own 进度 and 完成数), with the item's numeric targets beside them."""

from __future__ import annotations

from gwr_desktop.domain.form_defs import Level, ValueKind
from gwr_desktop.domain.forms import FormContent, FormItem
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.targets import share_reached
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.base_model import FormTableModel, RowSpec
from gwr_desktop.ui.forms.columns import EditorColumn
from gwr_desktop.ui.forms.plan_model import part_rows

TARGETS = "__targets__"  # the editor-only column of figures found in the item's text


class ProgressFormModel(FormTableModel):
    kind = FormKind.PROGRESS

    def __init__(self, db: Database, plan_key: str, unit: str, quarter: int = 1, parent=None) -> None:  # noqa: ANN001
        self._quarter = quarter
        super().__init__(db, plan_key, unit, parent)

    @property
    def quarter(self) -> int:
        return self._quarter

    def set_quarter(self, quarter: int) -> None:
        if quarter != self._quarter:
            self._quarter = quarter
            self.undo_stack.clear()  # each quarter is its own form; undo does not reach across them
            self.reload(reset=True)

    def extra_columns(self) -> list[EditorColumn]:
        return [EditorColumn(TARGETS, "目标", Level.ITEM, ValueKind.ITEM, read_only=True, width_px=90, centered=True)]

    def _layout(self, content: FormContent) -> list[RowSpec]:
        return part_rows(content, self._item_rows, self.section_titles)

    def _item_rows(self, item: FormItem) -> list[RowSpec]:
        return [RowSpec(("item", item.key, 0), item=item)]

    def item_at(self, row: int) -> FormItem | None:
        return self.rows[row].item if 0 <= row < len(self.rows) else None

    def _display(self, row: int, column: int) -> str | None:
        item = self.rows[row].item
        if item is not None and self.columns[column].key == TARGETS:
            return self._targets(item)
        return super()._display(row, column)

    def _tooltip(self, row: int, column: int) -> str | None:
        return None if self.columns[column].key == TARGETS else super()._tooltip(row, column)

    def _targets(self, item: FormItem) -> str:
        if not item.targets:
            return ""
        lines = [target.text() for target in item.targets]
        figures = self.content.definition.fields_of_kind(ValueKind.FIGURE)
        figure = item.get(figures[0].key) if figures else ""
        if len(item.targets) == 1 and figure:
            share = share_reached(figure, item.targets[0])
            if share is not None:
                lines.append(f"已达 {share}%")
        return "\n".join(lines)

    def _row_label(self, row: int) -> str | None:
        item = self.rows[row].item
        return item.key if item else ""

    def text_keys(self) -> list[str]:
        """The 完成情况 values (long text): what "start from last quarter" copies and the comparison shows."""
        return [f.key for f in self.content.definition.fields_of_kind(ValueKind.LONG_TEXT, Level.ITEM)]

    def copy_previous(self) -> bool:
        keys = self.text_keys()
        edits: list[e.Edit] = [e.SetValue(self.kind, self._quarter, e.item(i.key), key, i.previous[key])
                               for i in self.content.items for key in keys
                               if i.previous.get(key) and not i.get(key)]
        if self._quarter == 1 or not edits:
            self.report("上季度没有可沿用的文字，或本季度各项已填写。")
            return False
        return self.execute(edits, "沿用上季度完成情况")
