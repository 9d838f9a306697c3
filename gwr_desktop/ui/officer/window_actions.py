"""The officer's actions on the main window, installed with one line (ui/pages.py):

    文件 → 从Word/Excel导入…   the current 附表1/附表3 from a filled .docx/.xlsx
    文件 → 保存（自动） Ctrl+S   commits the cell being typed and says that saving is automatic
    表格 → 报送…               the last signed version of the current form: files, mail, zip, scan
    帮助 → 使用说明 F1
the backups that follow the work (on quit, and after a period of edits), and after a plan import the offer to
carry the 附表2 contacts over from the previous plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.ui.officer.backup_schedule import BackupSchedule
from gwr_desktop.ui.officer.contacts_offer import ContactsOffer
from gwr_desktop.ui.officer.dock_room import DockMakesRoom
from gwr_desktop.ui.officer.save_state import SaveTracker, install_save_action
from gwr_desktop.ui.officer.tones import Tone

if TYPE_CHECKING:
    from gwr_desktop.ui.forms.editor_base import FormEditor
    from gwr_desktop.ui.forms_page import FormsPage
    from gwr_desktop.ui.main_window import MainWindow


def install_officer(window: MainWindow, forms: FormsPage) -> None:
    assert window.db is not None
    window.save_tracker = SaveTracker(window.db, parent=window)
    window.backups = BackupSchedule(window, window.db)
    window.contacts_offer = ContactsOffer(window)
    window.dock_room = DockMakesRoom(window, forms)
    window.import_form_action = _import_action(window, forms)
    window.save_action = install_save_action(window, window.save_tracker, lambda text: _notify(forms, text))
    _insert(window.file_menu, _after(window.file_menu, window.import_plan_action), window.import_form_action)
    _insert(window.file_menu, _after(window.file_menu, window.import_form_action), window.save_action)
    window.handover_action = QAction("报送…", window)
    window.handover_action.setToolTip("把当前表格最近一次定稿的文件报送督查室：复制文件、写邮件、打包，附加签字盖章页扫描件")
    window.handover_action.triggered.connect(lambda: open_handover(window, forms))
    window.forms_menu.addAction(window.handover_action)
    window.help_action = QAction("使用说明", window)
    window.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    window.help_action.triggered.connect(lambda: open_help(window))
    help_menu = _menu(window, "帮助")
    _insert(help_menu, help_menu.actions()[0] if help_menu.actions() else None, window.help_action)


def _insert(menu: QMenu, before: QAction | None, action: QAction) -> None:
    """Qt's insertAction, which appends when there is nothing to insert before (PySide6's types refuse None)."""
    if before is None:
        menu.addAction(action)
    else:
        menu.insertAction(before, action)


def _after(menu: QMenu, action: QAction) -> QAction | None:
    actions = menu.actions()
    at = actions.index(action) if action in actions else -1
    return actions[at + 1] if 0 <= at < len(actions) - 1 else None


def _menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text() == title:
            return menu
    return window.menuBar().addMenu(title)


def _import_action(window: MainWindow, forms: FormsPage) -> QAction:
    action = QAction("从Word/Excel导入…", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    action.setToolTip("把已填写的附表1或附表3（Word/Excel，往年导出的或处室自制的）导入当前表格，导入前可核对")
    action.triggered.connect(lambda: import_into_current(window, forms))
    return action


def item_editor(window: MainWindow, forms: FormsPage) -> FormEditor | None:
    """The 附表1/附表3 editor the officer is on (附表1 when on another tab); None before a unit is chosen."""
    window.show_page(forms)
    workspace = forms.workspace
    if workspace is None:
        return None
    current = workspace.currentWidget()
    if current is workspace.progress_editor and current is not None:
        return current
    editor = workspace.plan_editor or workspace.progress_editor
    if editor is not None:
        workspace.setCurrentWidget(editor)
    return editor


def import_into_current(window: MainWindow, forms: FormsPage) -> None:
    from gwr_desktop.ui.officer.intake_flow import choose_and_import

    editor = item_editor(window, forms)
    if editor is None:
        QMessageBox.information(window, "从Word/Excel导入", "请先选择本单位（单位 → 切换单位），再导入表格。")
        return
    choose_and_import(editor)


def _notify(forms: FormsPage, text: str) -> None:
    workspace = forms.workspace
    current = workspace.currentWidget() if workspace is not None and forms.isVisible() else None
    notify = getattr(current, "notify", None)
    if notify is not None:
        notify(text, Tone.INFO)


def open_handover(window: MainWindow, forms: FormsPage) -> None:
    from gwr_desktop.services import signoff
    from gwr_desktop.ui.officer.handover_dialog import HandoverDialog

    workspace = forms.workspace
    if not window.plan_key or not window.unit_name or window.db is None:
        QMessageBox.information(window, "报送", "请先选择本单位。")
        return
    kind, quarter = workspace.current_form() if workspace is not None else (FormKind.PLAN, None)
    history = signoff.versions(window.db, window.plan_key, window.unit_name, kind, quarter)
    if not history:
        QMessageBox.information(window, "报送", "这张表还没有定稿。请先在“表格 → 定稿与导出”中定稿，再报送。")
        return
    window.handover_dialog = HandoverDialog(window.db, history[-1], parent=window)
    window.handover_dialog.open()


def open_help(window: MainWindow) -> None:
    from gwr_desktop.ui.officer.help_dialog import HelpDialog

    dialog = getattr(window, "help_dialog", None)
    if dialog is None:
        dialog = window.help_dialog = HelpDialog(window)
    dialog.show()
    dialog.raise_()
