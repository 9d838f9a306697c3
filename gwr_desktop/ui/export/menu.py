"""Menu actions for the main window: 定稿与导出…, 打印预览…, 定稿记录… on the form being edited.

The window supplies who and what: `context()` returns (plan_key, unit, kind, quarter) or None when no unit
is chosen yet; the actions then explain that instead of opening anything.

Sign-off, printing and the dialogs are imported when an action runs, not when the menu is built: they pull
in the exporters and the sign-off services, which the window's first paint does not need.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from gwr_desktop.domain.plan import FormKind

if TYPE_CHECKING:
    from gwr_desktop.services.database import Database

FormContext = tuple[str, str, FormKind, int | None]


def add_export_actions(parent: QWidget, menu: QMenu, db: Database,
                       context: Callable[[], FormContext | None]) -> dict[str, QAction]:
    def with_form(open_dialog: Callable[[FormContext], None]) -> Callable[[], None]:
        def run() -> None:
            current = context()
            if current is None:
                QMessageBox.information(parent, "定稿与导出", "请先选择本单位，再导出或打印表格。")
                return
            open_dialog(current)
        return run

    def signoff_dialog(current: FormContext) -> None:
        from gwr_desktop.ui.export.signoff_dialog import SignoffDialog

        SignoffDialog(db, *current, parent=parent).exec()

    def history_dialog(current: FormContext) -> None:
        from gwr_desktop.ui.export.history import HistoryDialog

        HistoryDialog(db, *current, parent=parent).exec()

    def preview(current: FormContext) -> None:
        from gwr_desktop.services import signoff
        from gwr_desktop.services.form_content import load_content
        from gwr_desktop.ui.export.printing import open_preview

        plan_key, unit, kind, quarter = current
        layout, _ = signoff.layout_for(db, load_content(db, plan_key, unit, kind, quarter))
        open_preview(layout, parent)

    actions = {
        "signoff": QAction("定稿与导出…", parent, shortcut=QKeySequence("Ctrl+E")),
        "preview": QAction("打印预览…", parent, shortcut=QKeySequence(QKeySequence.StandardKey.Print)),
        "history": QAction("定稿记录…", parent),
    }
    actions["signoff"].triggered.connect(with_form(signoff_dialog))
    actions["preview"].triggered.connect(with_form(preview))
    actions["history"].triggered.connect(with_form(history_dialog))
    menu.addActions(list(actions.values()))
    return actions
