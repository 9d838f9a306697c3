"""The deadlines dashboard: each form's due date, days left or overdue, and how complete it is.

The clock is injected (`today=` a callable) so tests and screenshots can stand on any date. Changes are
noted as they come and read when the dashboard is seen: hidden behind an editor it costs nothing per typed
cell; shown, it re-reads only the forms that changed (services/dashboard.updated).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services.dashboard import Dashboard, DeadlineRow, dashboard, updated
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.ui.hub_bridge import HubBridge

HEADERS = ("表", "内容", "截止日期", "剩余", "完成度", "待完善")


class DashboardWidget(QWidget):
    """Double-clicking a row asks to open that form: `open_form(kind, quarter)`."""

    open_form = Signal(object, object)  # FormKind, quarter or None

    def __init__(self, db: Database, plan_key: str, unit: str, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit, self.today = db, plan_key, unit, today
        self.board: Dashboard | None = None
        self.headline = QLabel()
        self.headline.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.cellActivated.connect(self._activated)
        self.table.cellDoubleClicked.connect(self._activated)
        for column, width in enumerate((70, 200, 110, 110, 180, 80)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # uses a wide screen
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        self._stale: set[FormKind] | None = set()  # forms changed since last read; None: read everything
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self._catch_up)
        self.bridge = HubBridge(db.hub, self)
        self.bridge.changed.connect(self._on_change)
        self.refresh()

    def set_unit(self, unit: str, plan_key: str | None = None) -> None:
        self.unit, self.plan_key = unit, plan_key or self.plan_key
        self.refresh()

    def _on_change(self, change: Change) -> None:
        if change.topic not in ("forms", "catalogue", "signoff"):
            return
        kind = change.detail.get("kind") if change.topic != "catalogue" else None
        if kind is None or self._stale is None:
            self._stale = None
        else:
            self._stale.add(FormKind(kind))
        if self.isVisible():
            self._pending.start()  # many edits in a row are read once

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale != set():
            self._pending.start()

    def _catch_up(self) -> None:
        stale, self._stale = self._stale, set()
        if self.board is None or stale is None or self.board.today != self.today():
            self.refresh()
        elif stale:
            self._show(updated(self.db, self.board, self.today(), stale))

    def refresh(self) -> None:
        """Read everything again (opening, another unit or plan)."""
        self._stale = set()
        self._show(dashboard(self.db, self.plan_key, self.unit, self.today()))

    def _show(self, board: Dashboard) -> None:
        self.board = board
        rows = self.board.rows
        self.table.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            self._fill_row(row, entry)
        upcoming = self.board.next_due()
        headline = f"{self.board.unit}：牵头 {self.board.led_items} 项。今天 {self.board.today:%Y年%m月%d日}。"
        if upcoming:
            name = f"{upcoming.form_label} {upcoming.name}"
            headline += f"下一个截止：{name}，{upcoming.due:%m月%d日}，{upcoming.when()}。"
        self.headline.setText(headline)

    def _fill_row(self, row: int, entry: DeadlineRow) -> None:
        values = (entry.form_label, entry.name, f"{entry.due:%Y-%m-%d}", entry.when(), "", str(entry.gaps))
        cells = [QTableWidgetItem(value) for value in values]
        for column, cell in enumerate(cells):
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, column, cell)
        if entry.handed_in:
            cells[3].setForeground(QBrush(QColor("#2e7d32")))
        elif entry.overdue and not entry.completion.complete:
            cells[3].setForeground(QBrush(QColor("#a4262c")))
        elif 0 <= entry.days_left <= 7 and not entry.completion.complete:
            cells[3].setForeground(QBrush(QColor("#b36b00")))
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setValue(entry.completion.percent)
        bar.setFormat(f"{entry.completion.filled}/{entry.completion.required}（%p%）")
        self.table.setCellWidget(row, 4, bar)

    def _activated(self, row: int, _column: int) -> None:
        if self.board is None:
            return
        entry = self.board.rows[row]
        self.open_form.emit(FormKind(entry.kind), entry.quarter)
