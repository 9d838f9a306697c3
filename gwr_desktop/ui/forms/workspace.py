"""One page holding the dashboard and the plan's form editors as tabs, switched together when the unit changes.

The tabs are the plan's own forms, in the order and with the labels its notice gives them ("附表2 完成情况"
when the quarterly form is 附表2); a form the plan does not have has no tab.

An editor is built the first time its tab is shown (or it is asked for): opening 填报 reads the dashboard
only, not three whole forms (issue 15). Until then its tab holds a placeholder that says it is opening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from gwr_desktop.domain.form_defs import FormDefinition
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_content import definitions
from gwr_desktop.services.report_due import progress_quarter_due
from gwr_desktop.ui.forms.dashboard import DashboardWidget
from gwr_desktop.ui.forms.editors import ContactsEditor, FormEditor, PlanEditor, ProgressEditor


class FormsWorkspace(QTabWidget):
    def __init__(self, db: Database, plan_key: str, unit: str, today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit, self.today = db, plan_key, unit, today
        self.dashboard = DashboardWidget(db, plan_key, unit, today)
        self.addTab(self.dashboard, "截止与进度")
        self.dashboard.open_form.connect(self.open_form)
        self.editors: dict[FormKind, FormEditor] = {}  # the editors built so far
        self._waiting: dict[FormKind, QLabel] = {}  # tabs whose editor is not built yet
        self._swapping = False
        self._build_editors(definitions(db, plan_key))
        self.currentChanged.connect(self._on_current)

    @property
    def plan_editor(self) -> PlanEditor | None:
        return self.editor(FormKind.PLAN)  # type: ignore[return-value]

    @property
    def contacts_editor(self) -> ContactsEditor | None:
        return self.editor(FormKind.CONTACTS)  # type: ignore[return-value]

    @property
    def progress_editor(self) -> ProgressEditor | None:
        return self.editor(FormKind.PROGRESS)  # type: ignore[return-value]

    def editor(self, kind: FormKind) -> FormEditor | None:
        """The form's editor, built now if its tab has not been shown yet; None when the plan lacks the form."""
        kind = FormKind(kind)
        if kind in self.editors:
            return self.editors[kind]
        placeholder = self._waiting.pop(kind, None)
        if placeholder is None:
            return None
        editor = self.editors[kind] = self._make_editor(kind)
        index, current = self.indexOf(placeholder), self.currentWidget() is placeholder
        self._swapping = True
        try:
            self.insertTab(index, editor, self.tabText(index))
            self.removeTab(index + 1)
            if current:
                self.setCurrentIndex(index)
        finally:
            self._swapping = False
        placeholder.deleteLater()
        return editor

    def _on_current(self, index: int) -> None:
        if self._swapping:
            return
        waiting = next((kind for kind, page in self._waiting.items() if page is self.widget(index)), None)
        if waiting is not None:
            self.editor(waiting)

    def _build_editors(self, forms: dict[FormKind, FormDefinition]) -> None:
        self._swapping = True  # removing the current tab makes another current: build nothing meanwhile
        try:
            for page in [*self.editors.values(), *self._waiting.values()]:
                self.removeTab(self.indexOf(page))
                page.deleteLater()
        finally:
            self._swapping = False
        self.editors, self._waiting = {}, {}
        for kind, definition in forms.items():
            placeholder = QLabel(f"正在打开{definition.tab_name}…")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._waiting[kind] = placeholder
            self.addTab(placeholder, definition.tab_name)
        self._tab_labels = {kind: d.tab_name for kind, d in forms.items()}
        self._on_current(self.currentIndex())  # the officer was on a form's tab: it opens at once

    def _make_editor(self, kind: FormKind) -> FormEditor:
        if kind is FormKind.PLAN:
            return PlanEditor(self.db, self.plan_key, self.unit)
        if kind is FormKind.CONTACTS:
            return ContactsEditor(self.db, self.plan_key, self.unit)
        return ProgressEditor(self.db, self.plan_key, self.unit, quarter=self.quarter_due())

    def set_unit(self, unit: str, plan_key: str | None = None) -> None:
        self.unit, self.plan_key = unit, plan_key or self.plan_key
        self.dashboard.set_unit(unit, self.plan_key)
        forms = definitions(self.db, self.plan_key)
        if {kind: d.tab_name for kind, d in forms.items()} != self._tab_labels:
            self._build_editors(forms)  # another plan numbers or has other forms
            return
        for editor in self.editors.values():
            editor.set_unit(unit, self.plan_key)

    def current_form(self) -> tuple[FormKind, int | None]:
        """The form the officer is looking at (the dashboard counts as the first form), for export and print."""
        for kind, editor in self.editors.items():
            if self.currentWidget() is editor:
                quarter = editor.quarter_box.currentIndex() + 1 if isinstance(editor, ProgressEditor) else None
                return kind, quarter
        first = next(iter(self._tab_labels), FormKind.PLAN)
        return first, (self.quarter_due() if first is FormKind.PROGRESS else None)

    def open_form(self, kind: FormKind, quarter: int | None = None) -> None:
        editor = self.editor(FormKind(kind))
        if editor is None:
            return
        if isinstance(editor, ProgressEditor) and quarter:
            editor.quarter_box.setCurrentIndex(quarter - 1)
        self.setCurrentWidget(editor)

    def quarter_due(self) -> int:
        """The 附表3 report due next by the plan's deadlines (in January: last year's 全年, due on the 20th)."""
        return progress_quarter_due(self.db, self.plan_key, self.today())
