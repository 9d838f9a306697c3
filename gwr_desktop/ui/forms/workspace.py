"""One page holding the dashboard and the three editors as tabs, switched together when the unit changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services.database import Database
from gwr_desktop.ui.forms.dashboard import DashboardWidget
from gwr_desktop.ui.forms.editors import ContactsEditor, PlanEditor, ProgressEditor


class FormsWorkspace(QTabWidget):
    def __init__(self, db: Database, plan_key: str, unit: str, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dashboard = DashboardWidget(db, plan_key, unit, today)
        self.plan_editor = PlanEditor(db, plan_key, unit)
        self.contacts_editor = ContactsEditor(db, plan_key, unit)
        self.progress_editor = ProgressEditor(db, plan_key, unit, quarter=_current_quarter(today()))
        self.addTab(self.dashboard, "截止与进度")
        self.addTab(self.plan_editor, "附表1 办理方案")
        self.addTab(self.contacts_editor, "附表2 督办名单")
        self.addTab(self.progress_editor, "附表3 完成情况")
        self.dashboard.open_form.connect(self.open_form)

    def set_unit(self, unit: str, plan_key: str | None = None) -> None:
        for page in (self.dashboard, self.plan_editor, self.contacts_editor, self.progress_editor):
            page.set_unit(unit, plan_key)

    def current_form(self) -> tuple[FormKind, int | None]:
        """The form the officer is looking at (the dashboard counts as 附表1), for export and print."""
        if self.currentWidget() is self.contacts_editor:
            return FormKind.CONTACTS, None
        if self.currentWidget() is self.progress_editor:
            return FormKind.PROGRESS, self.progress_editor.quarter_box.currentIndex() + 1
        return FormKind.PLAN, None

    def open_form(self, kind: FormKind, quarter: int | None = None) -> None:
        if kind is FormKind.PROGRESS and quarter:
            self.progress_editor.quarter_box.setCurrentIndex(quarter - 1)
        pages = {FormKind.PLAN: self.plan_editor, FormKind.CONTACTS: self.contacts_editor,
                 FormKind.PROGRESS: self.progress_editor}
        self.setCurrentWidget(pages[FormKind(kind)])


def _current_quarter(today: dt.date) -> int:
    """The report due next covers the quarter just ended: in April one writes 前1季度 (in Q1, still 前1季度)."""
    return max(1, (today.month - 1) // 3)
