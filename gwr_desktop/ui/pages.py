"""Composition: the feature pages and menu actions that sit on the main window.

`install_pages` runs before the first paint, with or without the database: the 填报 tab is there at once
(saying that the database is opening until it is). `attach_pages` adds what needs the database — export,
restore and its status — when the window has it.
"""

from __future__ import annotations

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.ui.export.menu import FormContext, add_export_actions
from gwr_desktop.ui.forms_page import FormsPage
from gwr_desktop.ui.main_window import MainWindow
from gwr_desktop.ui.safety.db_status import install_database_status
from gwr_desktop.ui.safety.startup import restore_backup_action
from gwr_desktop.ui.server.status import install_server_status

OPENING = "正在打开数据库…"


def install_pages(window: MainWindow) -> None:
    forms = FormsPage(window.db, parent=window)
    window.add_page(forms, "填报")
    window.context_changed.connect(forms.set_context)
    forms.set_context(window.plan_key or "", window.unit_name or "")
    window.forms_page = forms
    if window.db is not None:
        attach_pages(window)
        return
    window.opening_action = window.forms_menu.addAction(OPENING)  # the menu says why it is empty
    window.opening_action.setEnabled(False)


def attach_pages(window: MainWindow) -> None:
    db = window.db
    assert db is not None, "attach_pages needs the database (window.attach first)"
    window.forms_page.set_database(db)
    opening = getattr(window, "opening_action", None)
    if opening is not None:
        window.forms_menu.removeAction(opening)
        window.opening_action = None
    forms = window.forms_page

    def form_context() -> FormContext | None:
        if not window.plan_key or not window.unit_name:
            return None
        workspace = forms.workspace
        kind, quarter = workspace.current_form() if workspace is not None else (FormKind.PLAN, None)
        return window.plan_key, window.unit_name, kind, quarter

    window.export_actions = add_export_actions(window, window.forms_menu, db, form_context)
    restore = restore_backup_action(window, db)
    window.file_menu.insertAction(window.file_menu.actions()[0], restore)
    window.file_menu.insertSeparator(window.file_menu.actions()[1])
    install_database_status(window, db)
    # Imported here, not at the top: they reach the services (and SQLAlchemy), which the first paint must not wait
    # for (tests/bench/test_first_paint_path.py).
    from gwr_desktop.ui.contributions.menu import install_contributions
    from gwr_desktop.ui.office.menu import install_office
    from gwr_desktop.ui.officer.window_actions import install_officer

    install_contributions(window)  # 配合材料 tab, 文件 → 导入配合材料… (issue 13)
    install_office(window)  # 督查室汇总 tab and menu (issue 13)
    install_officer(window, forms)  # import, 保存 (automatic), 报送, 使用说明, backups that follow the work
    install_server_status(window, db)
