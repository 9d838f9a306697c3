"""The three form editors. Each is built with (db, plan_key, unit); `set_unit` switches what it shows.

Which columns, header fields, roles and names they show comes from the plan's form definition; what stays
here is the structure of each kind of form: items with work-entry rows (附表1), a roster (附表2), items per
quarter with last quarter and the plan's work beside them (附表3).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QTextBrowser, QWidget

from gwr_desktop.domain.form_defs import Level, quarter_label
from gwr_desktop.domain.forms import printed_notes
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms import contacts_model as cm
from gwr_desktop.ui.forms import plan_model as pm
from gwr_desktop.ui.forms import progress_model as qm
from gwr_desktop.ui.forms.editor_base import FormEditor
from gwr_desktop.ui.forms.reference import HINT, reference_html
from gwr_desktop.ui.officer.editor_tools import install_officer_tools
from gwr_desktop.ui.officer.tones import Tone

__all__ = ["FormEditor", "PlanEditor", "ContactsEditor", "ProgressEditor"]


class PlanEditor(FormEditor):
    """附表1 办理方案."""

    model: pm.PlanFormModel

    def make_model(self) -> pm.PlanFormModel:
        return pm.PlanFormModel(self.db, self.plan_key, self.unit, self)

    def _layout(self) -> None:
        super()._layout()
        self.add_tool("下方插入一条", lambda: self._row_op(lambda r: self.model.insert_entry(r)), "Ctrl+Return",
                      tip="在当前工作内容下方为本事项增加一条具体工作内容")
        self.add_tool("上方插入一条", lambda: self._row_op(lambda r: self.model.insert_entry(r, below=False)),
                      "Ctrl+Shift+Return", tip="在当前工作内容上方为本事项增加一条具体工作内容")
        self.add_tool("删除此条", lambda: self._row_op(self.model.delete_entry), "Ctrl+-",
                      tip="删除当前这条具体工作内容（可撤销）")
        self.add_tool("上移", lambda: self._row_op(lambda r: self.model.move_entry(r, -1)), "Alt+Up",
                      tip="把当前工作内容在本事项中上移一条")
        self.add_tool("下移", lambda: self._row_op(lambda r: self.model.move_entry(r, 1)), "Alt+Down",
                      tip="把当前工作内容在本事项中下移一条")
        install_officer_tools(self)  # 从文件导入…, keyed paste, 去年类似事项

    def _row_op(self, operation) -> None:  # noqa: ANN001 - row → new row or -1
        first_entry = next((n for n, c in enumerate(self.model.columns) if c.level is Level.ENTRY), 0)
        column = max(self.table.currentIndex().column(), first_entry)
        row = operation(self.current_row())
        if row >= 0:
            self.table.go_to(row, column)


class ContactsEditor(FormEditor):
    """附表2 督办工作人员名单."""

    model: cm.ContactsFormModel

    def make_model(self) -> cm.ContactsFormModel:
        return cm.ContactsFormModel(self.db, self.plan_key, self.unit, self)

    def _layout(self) -> None:
        super()._layout()
        self.add_tool("增加一人", self._add_person, "Ctrl+Return", tip="在当前责任人下增加一人（如第二位经办人）")
        self.add_tool("删除此人", lambda: self.model.remove_person(self.current_row()), "Ctrl+-",
                      tip="删除当前这一行的人员（可撤销）")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.page_layout.addWidget(self.notes)

    def refresh_side(self) -> None:
        super().refresh_side()
        notes = getattr(self, "notes", None)
        if notes is not None:
            notes.setText("\n".join(printed_notes(self.model.content)))

    def _add_person(self) -> None:
        row = self.model.add_person()
        first_value = next((n for n, c in enumerate(self.model.columns) if not c.read_only), 0)
        if row >= 0:
            self.table.go_to(row, first_value)


class ProgressEditor(FormEditor):
    """附表3 前N季度完成情况, with the plan form's work due by the quarter's end beside each item."""

    model: qm.ProgressFormModel

    def __init__(self, db: Database, plan_key: str, unit: str, quarter: int = 1, parent: QWidget | None = None) -> None:
        self._quarter = quarter
        self.guidance = QTextBrowser()
        super().__init__(db, plan_key, unit, parent)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_guidance())

    def make_model(self) -> qm.ProgressFormModel:
        return qm.ProgressFormModel(self.db, self.plan_key, self.unit, self._quarter, self)

    def side_widgets(self) -> list[QWidget]:
        return [QLabel("本事项参考（办理方案与上季度）"), self.guidance]

    def extra_header(self, row: QHBoxLayout) -> None:
        self.quarter_box = QComboBox()
        self.quarter_box.addItems([quarter_label(q) for q in range(1, 5)])
        self.quarter_box.setCurrentIndex(self._quarter - 1)
        self.quarter_box.currentIndexChanged.connect(lambda i: self.set_quarter(i + 1))
        self.print_status = QCheckBox()
        self.print_status.toggled.connect(lambda on: self.model.set_print_optional(on))
        row.addSpacing(24)
        row.addWidget(QLabel("季度："))
        row.addWidget(self.quarter_box)
        row.addWidget(self.print_status)

    def _layout(self) -> None:
        super()._layout()
        self.copy_action = self.add_tool("沿用上季度", self.model_copy_previous, "Ctrl+Shift+L",
                                         tip="把上季度的完成情况填入本季度尚未填写的事项")
        install_officer_tools(self)  # 从文件导入…, keyed paste, 去年类似事项

    def model_copy_previous(self) -> None:
        if self.model.copy_previous():
            self.notify("已把上季度的完成情况填入本季度空白的事项，请在此基础上修改；可撤销。", Tone.SUCCESS)

    def set_quarter(self, quarter: int) -> None:
        self._quarter = quarter
        self.model.set_quarter(quarter)
        self.refresh_side()

    def set_unit(self, unit: str, plan_key: str | None = None) -> None:
        super().set_unit(unit, plan_key)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_guidance())

    def refresh_side(self) -> None:
        super().refresh_side()
        box = getattr(self, "print_status", None)
        if box is not None:
            optional = [c.name for c in self.model.content.definition.columns if c.optional]
            box.setText(f"打印{'和'.join(optional)}")
            box.setVisible(bool(optional))
            box.blockSignals(True)
            box.setChecked(self.model.content.print_optional)
            box.blockSignals(False)
        self.show_guidance()

    def show_guidance(self) -> None:
        item = self.model.item_at(self.current_row())
        if item is None:
            self.guidance.setHtml(HINT)
            return
        self.guidance.setHtml(reference_html(item, self.model.text_keys(), self._quarter))
