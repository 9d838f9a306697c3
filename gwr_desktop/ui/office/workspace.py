"""The 督查室 workspace: a round (plan + form + quarter), its 台账, the 完成情况 item by item with the checks,
the items reports left out; 导入报送文件…, and the exports (汇总表, 催报名单, 一页汇总).

What counts as late is judged against the plan's deadlines on the 统计日期 (today unless changed; the clock
is injected, so tests and a look back at any day see the 台账 of that day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.office.ledger import LedgerRow, counts
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import office_ledger
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_content import definitions
from gwr_desktop.services.office_ledger import Round
from gwr_desktop.ui.office.models import ItemsModel, LedgerModel, LeftOutModel

ALL_UNITS = "全部牵头单位"


class OfficeWorkspace(QWidget):
    imported = Signal(list)  # the outcomes of an import, once it is committed
    round_changed = Signal()

    def __init__(self, db: Database, plan_key: str, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.today = db, plan_key, today
        self.worker = None  # the import reading files on a worker thread
        self._build()
        self.set_plan(plan_key)
        from gwr_desktop.ui.office.actions import OfficeActions

        self.commands = OfficeActions(self)  # not `actions`: that would hide QWidget.actions()

    # ---- building ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.form_box, self.quarter_box = QComboBox(self), QComboBox(self)
        self.quarter_box.addItems([quarter_label(q) for q in range(1, 5)])
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.import_button = QPushButton("导入报送文件…", self)
        self.summary_button = QPushButton("导出汇总表…", self)
        self.chase_button = QPushButton("导出催报名单…", self)
        self.report_button = QPushButton("一页汇总（PDF）…", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._ledger_tab(), "台账")
        self.tabs.addTab(self._items_tab(), "完成情况对照")
        self.tabs.addTab(self._left_out_tab(), "漏报事项")
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar())
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        for box in (self.form_box, self.quarter_box):
            box.currentIndexChanged.connect(lambda _i: self._round_changed())
        self.date_edit.dateChanged.connect(lambda _d: self.refresh())

    def _bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        for label, widget in (("表格：", self.form_box), ("季度：", self.quarter_box), ("统计日期：", self.date_edit)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
            bar.addSpacing(8)
        bar.addStretch(1)
        for button in (self.import_button, self.summary_button, self.chase_button, self.report_button):
            bar.addWidget(button)
        return bar

    def _table(self, model) -> QTableView:  # noqa: ANN001 - a ListTableModel
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(True)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return view

    def _ledger_tab(self) -> QWidget:
        page = QWidget(self)
        self.ledger_model = LedgerModel((), self)
        self.ledger_view = self._table(self.ledger_model)
        self.ledger_view.setWordWrap(False)  # one line per unit: ninety of them are read at a glance
        for column, width in enumerate((190, 80, 60, 90, 90, 420)):
            self.ledger_view.setColumnWidth(column, width)
        self.confirm_button = QPushButton("确认所选文件的识别结果", page)
        self.confirm_button.setToolTip("没有导出清单的文件按单位名称和标题识别，核对无误后确认")
        legend = QLabel("颜色：绿＝按时已报　黄＝逾期已报　橙＝已报但需注意（导出后被修改/待确认）　红＝逾期未报　"
                        "灰＝未报（未到截止日期）", page)
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555;")
        bottom = QHBoxLayout()
        bottom.addWidget(legend, 1)
        bottom.addWidget(self.confirm_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ledger_view, 1)
        layout.addLayout(bottom)
        return page

    def _items_tab(self) -> QWidget:
        page = QWidget(self)
        self.unit_filter = QComboBox(page)
        self.flagged_only = QCheckBox("只看需留意的事项（与上季度相同、有量化目标未报数字）", page)
        self.items_model = ItemsModel(self)
        self.items_view = self._table(self.items_model)
        self.items_hint = QLabel(page)
        self.unit_filter.currentIndexChanged.connect(lambda _i: self._show_items())
        self.flagged_only.toggled.connect(lambda _on: self._show_items())
        bar = QHBoxLayout()
        bar.addWidget(QLabel("牵头单位：", page))
        bar.addWidget(self.unit_filter)
        bar.addWidget(self.flagged_only)
        bar.addStretch(1)
        bar.addWidget(self.items_hint)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.items_view, 1)
        return page

    def _left_out_tab(self) -> QWidget:
        self.left_out_model = LeftOutModel((), self)
        self.left_out_view = self._table(self.left_out_model)
        self.left_out_view.setColumnWidth(0, 200)
        self.left_out_view.setColumnWidth(1, 90)
        return self.left_out_view

    # ---- the round -----------------------------------------------------------------------------------------
    def set_plan(self, plan_key: str) -> None:
        self.plan_key = plan_key
        self.form_box.blockSignals(True)
        self.form_box.clear()
        for kind, definition in definitions(self.db, plan_key).items():
            self.form_box.addItem(definition.tab_name, kind.value)
        progress = self.form_box.findData(FormKind.PROGRESS.value)
        self.form_box.setCurrentIndex(max(progress, 0))
        self.form_box.blockSignals(False)
        today = self.today()
        self.quarter_box.blockSignals(True)
        self.quarter_box.setCurrentIndex(max(1, (today.month - 1) // 3) - 1)
        self.quarter_box.blockSignals(False)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.blockSignals(False)
        self._round_changed()

    def current_round(self) -> Round:
        kind = FormKind(self.form_box.currentData() or FormKind.PROGRESS.value)
        return Round(self.plan_key, kind, self.quarter_box.currentIndex() + 1 if kind is FormKind.PROGRESS else None)

    def on_day(self) -> dt.date:
        date = self.date_edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def _round_changed(self) -> None:
        self.quarter_box.setEnabled(self.current_round().kind is FormKind.PROGRESS)
        self.refresh()
        self.round_changed.emit()

    def refresh(self) -> None:
        round_ = self.current_round()
        rows = office_ledger.round_ledger(self.db, round_, self.on_day())
        self.ledger_model.set_rows(rows)
        self.ledger_view.resizeRowsToContents()
        self.summary.setText(self._summary_text(round_, rows))
        self.left_out_model.set_rows(sorted(office_ledger.left_out(self.db, round_).items()))
        self._refresh_items(round_)

    def _summary_text(self, round_: Round, rows: list[LedgerRow]) -> str:
        done = counts(rows)
        name = self.form_box.currentText() + (f" {quarter_label(round_.quarter)}" if round_.quarter else "")
        due = rows[0].due if rows else None
        text = (f"{name}（截止 {due:%Y-%m-%d}）" if due else name) + \
            f"：应报 {done.expected} 个单位，按时 {done.on_time}，逾期已报 {done.late}，未报 {done.missing}"
        if done.overdue:
            text += f"（其中逾期未报 {done.overdue}）"
        if done.edited or done.unconfirmed:
            text += f"；导出后被修改 {done.edited} 份，待确认 {done.unconfirmed} 份"
        return text + "。"

    def _refresh_items(self, round_: Round) -> None:
        quarter = round_.quarter or self.quarter_box.currentIndex() + 1
        self._items = office_ledger.progress_by_item(self.db, self.plan_key, quarter)
        self.items_model.set_quarter(quarter)
        units = list(dict.fromkeys(row.unit for row in self._items))
        chosen = self.unit_filter.currentText()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItems([ALL_UNITS, *units])
        self.unit_filter.setCurrentIndex(max(self.unit_filter.findText(chosen), 0))
        self.unit_filter.blockSignals(False)
        self._show_items()

    def _show_items(self) -> None:
        unit = self.unit_filter.currentText()
        rows = [r for r in getattr(self, "_items", []) if unit in ("", ALL_UNITS) or r.unit == unit]
        if self.flagged_only.isChecked():
            rows = [r for r in rows if r.attention]
        self.items_model.set_rows(rows)
        for column, width in enumerate((52, 220, 120)):
            self.items_view.setColumnWidth(column, width)
        for column in range(3, 3 + len(self.items_model.quarters)):
            self.items_view.setColumnWidth(column, 260)
        self.items_view.resizeRowsToContents()
        flagged = sum(1 for r in rows if r.attention)
        self.items_hint.setText(f"共 {len(rows)} 项，其中 {flagged} 项需留意")

    def selected_ledger_row(self) -> LedgerRow | None:
        return self.ledger_model.row_at(self.ledger_view.currentIndex().row())

    def select_unit(self, unit: str) -> bool:
        for n, row in enumerate(self.ledger_model.rows):
            if row.unit == unit:
                self.ledger_view.selectRow(n)
                return True
        return False

    def tell(self, text: str) -> None:
        """What an import or export did, in the window's status bar."""
        window = self.window()
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 15000)
