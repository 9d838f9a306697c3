"""Composition: the feature pages and menu actions that sit on the main window."""

from __future__ import annotations

from gwr_desktop.ui.forms_page import FormsPage
from gwr_desktop.ui.main_window import MainWindow


def install_pages(window: MainWindow) -> None:
    forms = FormsPage(window.db, parent=window)
    window.add_page(forms, "填报")
    window.context_changed.connect(forms.set_context)
    forms.set_context(window.plan_key or "", window.unit_name or "")
    window.forms_page = forms
