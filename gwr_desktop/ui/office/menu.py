"""The 督查室 on the main window: a 督查室汇总 tab (the workspace, built the first time it is shown), a
督查室 menu, and the unit chooser's choice 督查室（汇总各单位报送） — one install call from ui/pages.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.office_role import OFFICE_CHOICE, ROLE_KEY, is_office, set_office
from gwr_desktop.ui.unit_chooser import UnitChoice

if TYPE_CHECKING:
    from gwr_desktop.ui.main_window import MainWindow
    from gwr_desktop.ui.office.workspace import OfficeWorkspace

TAB_TITLE = "督查室汇总"


class OfficePage(QStackedWidget):
    """The tab: a hint until a plan is there, then the workspace (built on first show: the window's first
    paint does not pay for it)."""

    def __init__(self, db: Database, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.today, self.plan_key = db, today, ""
        self.workspace: OfficeWorkspace | None = None
        self.hint = QLabel("督查室：先导入方案，再用“导入报送文件…”导入各单位报来的附表。", self)
        self.hint.setMargin(24)
        self.addWidget(self.hint)

    def set_plan(self, plan_key: str) -> None:
        self.plan_key = plan_key
        if self.workspace is not None and plan_key:
            self.workspace.set_plan(plan_key)
        self._show_current()

    def ensure_workspace(self) -> OfficeWorkspace | None:
        if self.workspace is None and self.plan_key:
            from gwr_desktop.ui.office.workspace import OfficeWorkspace

            self.workspace = OfficeWorkspace(self.db, self.plan_key, self.today, self)
            self.addWidget(self.workspace)
        self._show_current()
        return self.workspace

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_workspace()
        super().showEvent(event)

    def _show_current(self) -> None:
        self.setCurrentWidget(self.workspace if self.workspace is not None and self.plan_key else self.hint)

    def changed(self, change: Change) -> None:
        if change.topic == "office" and self.workspace is not None:
            self.workspace.refresh()


def install_office(window: MainWindow, today: Callable[[], dt.date] = dt.date.today) -> OfficePage:
    db = window.db
    assert db is not None, "the 督查室 needs the database (install after attach)"
    page = OfficePage(db, today, window)
    window.add_page(page, TAB_TITLE)
    window.office_page = page
    window.context_changed.connect(lambda plan_key, _unit: page.set_plan(plan_key))
    page.set_plan(window.plan_key or "")

    def open_office() -> None:
        set_office(db, True)
        show(window, page)

    def leave_office() -> None:
        set_office(db, False)
        if window.unit_name is None:
            window.open_unit_chooser()

    window.unit_choices.append(UnitChoice(OFFICE_CHOICE, open_office, lambda: is_office(db)))
    menu = window.menuBar().insertMenu(window.menuBar().actions()[-1], _menu(window, open_office, leave_office))
    menu.setObjectName("office_menu")
    if window.bridge is not None:
        window.bridge.changed.connect(page.changed)
        window.bridge.changed.connect(lambda change: _role_changed(window, page, change))
    if is_office(db):
        show(window, page)
    return page


def _menu(window: MainWindow, open_office: Callable[[], None], leave_office: Callable[[], None]):  # noqa: ANN202
    from PySide6.QtWidgets import QMenu

    menu = QMenu("督查室", window)
    workspace = QAction("督查室工作台（汇总各单位报送）", window)
    workspace.triggered.connect(open_office)
    importing = QAction("导入报送文件…", window)
    importing.triggered.connect(lambda: _import(window, open_office))
    leave = QAction("回到本单位填报", window)
    leave.triggered.connect(leave_office)
    menu.addActions([workspace, importing])
    menu.addSeparator()
    menu.addAction(leave)
    window.office_actions = {"open": workspace, "import": importing, "leave": leave}
    return menu


def _import(window: MainWindow, open_office: Callable[[], None]) -> None:
    open_office()
    workspace = window.office_page.ensure_workspace()
    if workspace is not None:
        workspace.commands.ask_import()


def show(window: MainWindow, page: OfficePage) -> None:
    window.show_page(page)
    page.ensure_workspace()


def _role_changed(window: MainWindow, page: OfficePage, change: Change) -> None:
    if change.topic == "settings" and change.detail.get("key") == ROLE_KEY:
        if change.detail.get("value"):
            show(window, page)
        elif window.tabs.currentWidget() is page:
            window.tabs.setCurrentIndex(0)
