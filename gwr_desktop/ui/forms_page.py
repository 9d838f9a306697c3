"""The 填报 tab: the forms workspace for the chosen plan and unit, built the first time it is shown.

Building the editors costs time, so the window's first paint does not pay for it; the tab is there from the
first paint, saying that the database is opening until the window has it (`set_database`), and what to do
until a unit is chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

if TYPE_CHECKING:  # built lazily: the window's first paint does not import the editors
    from gwr_desktop.services.database import Database
    from gwr_desktop.ui.forms.workspace import FormsWorkspace


UNIT_FIRST = "请先选择本单位（单位 → 切换单位），再填写办理方案、督办名单和完成情况。"
OPENING = "正在打开数据库，请稍候…"


class FormsPage(QStackedWidget):
    def __init__(self, db: Database | None, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.plan_key, self.unit = "", ""
        self.workspace: FormsWorkspace | None = None  # built the first time the tab is shown
        self.hint = QLabel(self)
        self.hint.setMargin(24)
        self.addWidget(self.hint)
        self._show_current()

    def set_database(self, db: Database) -> None:
        """The services are open: the forms can be built."""
        self.db = db
        self._show_current()

    def set_context(self, plan_key: str, unit: str) -> None:
        """Follows MainWindow.context_changed; "" means not chosen."""
        self.plan_key, self.unit = plan_key, unit
        if self.workspace is not None and plan_key and unit:
            self.workspace.set_unit(unit, plan_key)
        self._show_current()

    def showEvent(self, event: QShowEvent) -> None:
        self._show_current()
        super().showEvent(event)

    def _show_current(self) -> None:
        db = self.db
        ready = bool(self.plan_key and self.unit) and db is not None
        self.hint.setText(UNIT_FIRST if db is not None else OPENING)
        if db is not None and ready and self.workspace is None and self.isVisible():
            from gwr_desktop.ui.forms.workspace import FormsWorkspace

            workspace = FormsWorkspace(db, self.plan_key, self.unit, self.today, self)
            self.workspace = workspace
            self.addWidget(workspace)
        self.setCurrentWidget(self.workspace if ready and self.workspace is not None else self.hint)
