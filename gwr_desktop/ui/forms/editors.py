"""The three form editors. Each is built with (db, plan_key, unit); `set_unit`/`set_plan` switch what it shows.

No Save button: every accepted cell is committed when it is left. Ctrl+Z / Ctrl+Y undo and redo (committed
too). Problems are shown at the cell (colour and tooltip) and listed at the side; a click jumps to the cell.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.completeness import completion
from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.text_diff import Change, compare
from gwr_desktop.domain.validation import STATUS_CHOICES
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms import contacts_model as cm
from gwr_desktop.ui.forms import plan_model as pm
from gwr_desktop.ui.forms import progress_model as qm
from gwr_desktop.ui.forms.base_model import FormTableModel
from gwr_desktop.ui.forms.table import CellDelegate, FormTable


class FormEditor(QWidget):
    widths: tuple[int, ...] = ()

    def __init__(self, db: Database, plan_key: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit = db, plan_key, unit
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unit_label = QLabel()
        self.principal = QLineEdit()
        self.principal.setPlaceholderText("主要负责人姓名")
        self.principal.setMaximumWidth(200)
        self.principal.editingFinished.connect(self._principal_edited)
        self.toolbar = QToolBar()
        self.table = FormTable()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a4262c;")
        self.completeness = QLabel()
        self.problem_list = QListWidget()
        self.problem_list.itemActivated.connect(self._jump)
        self.problem_list.itemClicked.connect(self._jump)
        self.side = QWidget()
        self.model: FormTableModel = self.make_model()
        self._layout()
        self._bind_model()

    # ---- building ------------------------------------------------------------------------------------------
    def make_model(self) -> FormTableModel:
        raise NotImplementedError

    def extra_header(self, row: QHBoxLayout) -> None:
        """Subclasses add their own controls to the header row."""

    def side_widgets(self) -> list[QWidget]:
        return []

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(QLabel("单位："))
        header.addWidget(self.unit_label)
        header.addSpacing(24)
        header.addWidget(QLabel("主要负责人(签字)："))
        header.addWidget(self.principal)
        self.extra_header(header)
        header.addStretch(1)
        header.addWidget(self.completeness)
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        for widget in self.side_widgets():
            side.addWidget(widget)
        side.addWidget(QLabel("待完善"))
        side.addWidget(self.problem_list, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(header)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._add_undo_actions()

    def _add_undo_actions(self) -> None:
        self.undo_action = QAction("撤销", self)
        self.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
        self.redo_action = QAction("重做", self)
        redo_keys = [QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))  # a repeated key would be ambiguous
        for action, slot in ((self.undo_action, self._undo), (self.redo_action, self._redo)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()

    def add_tool(self, text: str, slot, shortcut: str = "") -> QAction:  # noqa: ANN001 - any callable
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text}（{shortcut}）")
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    def _bind_model(self) -> None:
        self.table.setModel(self.model)
        delegate = CellDelegate(self.model.multiline_columns, self.choices(), self.completions(), self.table)
        self.table.setItemDelegate(delegate)
        for column, width in enumerate(self.widths):
            self.table.setColumnWidth(column, width)
        self.model.applied.connect(self.refresh_side)
        self.model.refused.connect(self._show_message)
        self.model.modelReset.connect(self.refresh_side)
        self.model.dataChanged.connect(lambda *_: self.refresh_side())
        self.refresh_side()

    def choices(self) -> dict[int, list[str]]:
        return {}

    def completions(self) -> dict[int, list[str]]:
        return {}

    # ---- switching plan and unit ---------------------------------------------------------------------------
    def set_unit(self, unit: str, plan_key: str | None = None) -> None:
        self.unit, self.plan_key = unit, plan_key or self.plan_key
        self.model.deleteLater()
        self.model = self.make_model()
        self._bind_model()

    # ---- feedback ------------------------------------------------------------------------------------------
    def refresh_side(self) -> None:
        content = self.model.content
        self.title.setText(f"{content.label}　{content.title}".strip())
        self.unit_label.setText(content.unit)
        if not self.principal.hasFocus():
            self.principal.setText(getattr(content, "principal", ""))
        done = completion(content)
        self.completeness.setText(f"完成度：{done.filled}/{done.required}（{done.percent}%）")
        self.problem_list.clear()
        for message, cell in self.model.problems():
            item = QListWidgetItem(message)
            item.setData(Qt.ItemDataRole.UserRole, cell)
            self.problem_list.addItem(item)
        self.undo_action.setEnabled(self.model.undo_stack.canUndo())
        self.redo_action.setEnabled(self.model.undo_stack.canRedo())

    def _show_message(self, index: QModelIndex, message: str) -> None:
        self.message.setText(message)
        self.refresh_side()

    def _jump(self, item: QListWidgetItem) -> None:
        cell = item.data(Qt.ItemDataRole.UserRole)
        if cell:
            self.table.go_to(*cell)
            self.table.setFocus()
        elif "主要负责人" in item.text():
            self.principal.setFocus()

    def _undo(self) -> None:
        self.message.clear()
        self.model.undo_stack.undo()
        self.refresh_side()

    def _redo(self) -> None:
        self.message.clear()
        self.model.undo_stack.redo()
        self.refresh_side()

    def _principal_edited(self) -> None:
        if self.model.set_principal(self.principal.text()):
            self.message.clear()

    def current_row(self) -> int:
        return self.table.currentIndex().row()


class PlanEditor(FormEditor):
    """附表1 办理方案."""

    widths = (56, 300, 420, 90, 90, 130)

    def make_model(self) -> pm.PlanFormModel:
        return pm.PlanFormModel(self.db, self.plan_key, self.unit, self)

    def _layout(self) -> None:
        super()._layout()
        self.add_tool("下方插入一条", lambda: self._row_op(lambda r: self.model.insert_entry(r)), "Ctrl+Return")
        self.add_tool("上方插入一条", lambda: self._row_op(lambda r: self.model.insert_entry(r, below=False)),
                      "Ctrl+Shift+Return")
        self.add_tool("删除此条", lambda: self._row_op(self.model.delete_entry), "Ctrl+-")
        self.add_tool("上移", lambda: self._row_op(lambda r: self.model.move_entry(r, -1)), "Alt+Up")
        self.add_tool("下移", lambda: self._row_op(lambda r: self.model.move_entry(r, 1)), "Alt+Down")

    def _row_op(self, operation) -> None:  # noqa: ANN001 - row → new row or -1
        column = max(self.table.currentIndex().column(), pm.CONTENT)
        row = operation(self.current_row())
        if row >= 0:
            self.table.go_to(row, column)


class ContactsEditor(FormEditor):
    """附表2 督办工作人员名单."""

    widths = (230, 110, 170, 170, 150)

    def make_model(self) -> cm.ContactsFormModel:
        return cm.ContactsFormModel(self.db, self.plan_key, self.unit, self)

    def _layout(self) -> None:
        super()._layout()
        self.principal.hide()
        self.add_tool("增加经办人", self._add_handler, "Ctrl+Return")
        self.add_tool("删除此经办人", lambda: self.model.remove_handler(self.current_row()), "Ctrl+-")
        self.office = QLabel()
        self.office.setWordWrap(True)
        self.layout().addWidget(self.office)

    def extra_header(self, row: QHBoxLayout) -> None:
        for index in range(row.count() - 1, -1, -1):  # 附表2 has no 主要负责人 line
            widget = row.itemAt(index).widget()
            if isinstance(widget, QLabel) and widget.text().startswith("主要负责人"):
                widget.hide()

    def refresh_side(self) -> None:
        super().refresh_side()
        office = getattr(self, "office", None)
        if office is not None:
            people = "；".join(f"{c.name} {c.office_phone} {c.mobile}" for c in self.model.content.office_contacts)
            office.setText(f"市政府督查室联系人：{people}" if people else "")

    def _add_handler(self) -> None:
        row = self.model.add_handler()
        if row >= 0:
            self.table.go_to(row, cm.NAME)

    def _principal_edited(self) -> None:
        """附表2 has no 主要负责人."""


class ProgressEditor(FormEditor):
    """附表3 前N季度工作目标完成情况, with 附表1's work due by the quarter's end beside each item."""

    widths = (56, 260, 440, 80, 80, 90)

    def __init__(self, db: Database, plan_key: str, unit: str, quarter: int = 1, parent: QWidget | None = None) -> None:
        self._quarter = quarter
        self.guidance = QTextBrowser()
        super().__init__(db, plan_key, unit, parent)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_guidance())

    def make_model(self) -> qm.ProgressFormModel:
        return qm.ProgressFormModel(self.db, self.plan_key, self.unit, self._quarter, self)

    def choices(self) -> dict[int, list[str]]:
        return {qm.STATUS: ["", *STATUS_CHOICES]}

    def side_widgets(self) -> list[QWidget]:
        return [QLabel("本事项参考（附表1 与上季度）"), self.guidance]

    def extra_header(self, row: QHBoxLayout) -> None:
        self.quarter_box = QComboBox()
        self.quarter_box.addItems([quarter_label(q) for q in range(1, 5)])
        self.quarter_box.setCurrentIndex(self._quarter - 1)
        self.quarter_box.currentIndexChanged.connect(lambda i: self.set_quarter(i + 1))
        self.print_status = QCheckBox("打印进度和完成数")
        self.print_status.toggled.connect(lambda on: self.model.set_print_status(on))
        row.addSpacing(24)
        row.addWidget(QLabel("季度："))
        row.addWidget(self.quarter_box)
        row.addWidget(self.print_status)

    def _layout(self) -> None:
        super()._layout()
        self.copy_action = self.add_tool("沿用上季度", self.model_copy_previous, "Ctrl+Shift+L")

    def model_copy_previous(self) -> None:
        if self.model.copy_previous():
            self.message.setText("已把上季度的完成情况填入本季度空白的事项，请在此基础上修改；可撤销。")

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
            box.blockSignals(True)
            box.setChecked(self.model.content.print_status)
            box.blockSignals(False)
        self.show_guidance()

    def show_guidance(self) -> None:
        item = self.model.item_at(self.current_row())
        if item is None:
            self.guidance.setHtml(_HINT)
            return
        parts = [f"<b>{item.key}</b>"]
        if item.targets:
            parts.append("目标：" + "、".join(t.clause for t in item.targets))
        due = "".join(f"<li>{w.content}（{w.period.text()}）</li>" for w in item.due_entries) or "<li>无</li>"
        parts.append(f"<b>到{quarter_label(self._quarter)}末应完成：</b><ul>{due}</ul>")
        if item.ongoing_entries:
            ongoing = "".join(f"<li>{w.content}（{w.period.text()}）</li>" for w in item.ongoing_entries)
            parts.append(f"<b>正在推进：</b><ul>{ongoing}</ul>")
        if item.previous:
            parts.append(f"<b>与上季度相比：</b><br>{_diff_html(item.previous, item.progress)}")
        self.guidance.setHtml("<br>".join(parts))


_HINT = "<p style='color:#666'>选中一个事项，这里显示附表1中到本季度末应完成的工作和上季度的完成情况。</p>"


def _diff_html(before: str, after: str) -> str:
    styles = {Change.SAME: "{}", Change.ADDED: "<span style='background:#d4edda'>{}</span>",
              Change.REMOVED: "<span style='background:#f8d7da;text-decoration:line-through'>{}</span>"}
    if not after:
        return f"<span style='color:#666'>{_escape(before)}</span>（本季度尚未填写）"
    return "".join(styles[run.change].format(_escape(run.text)) for run in compare(before, after))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
