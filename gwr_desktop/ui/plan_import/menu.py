"""文件 → 导入方案…, installed on the main window with one call. Loads nothing of the import until used:
the window imports this module before its first paint (tests/bench/test_startup_imports.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from gwr_desktop.ui.main_window import MainWindow
    from gwr_desktop.ui.plan_import.flow import PlanImportFlow


def install_plan_import(window: MainWindow) -> QAction:
    """Put 导入方案… first in the 文件 menu; it stays disabled until the window has its database."""
    action = QAction("导入方案…", window)
    action.setShortcut(QKeySequence("Ctrl+I"))
    action.setStatusTip("导入新年度的责任分解方案（.docx、.pdf、.xlsx、.txt），核对后再写入")
    action.triggered.connect(lambda: plan_import_flow(window).choose_file())
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None
    if first is None:
        menu.addAction(action)
    else:
        menu.insertAction(first, action)
        menu.insertSeparator(first)
    return action


def plan_import_flow(window: MainWindow) -> PlanImportFlow:
    """The window's one import flow, made on first use (this is where the parser and dialogs load)."""
    flow = getattr(window, "plan_import", None)
    if flow is None:
        from gwr_desktop.ui.plan_import.flow import PlanImportFlow

        flow = PlanImportFlow(window)
        window.plan_import = flow
    return flow
