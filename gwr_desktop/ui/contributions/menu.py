"""Contributions on the main window: the 配合材料 tab (the helper's page, built when first shown), and
文件 → 导入配合材料… (files, or a whole folder) for the lead — one install call from ui/pages.py."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QStackedWidget, QWidget

from gwr_desktop.services.contribution_import import REFUSED, ImportOutcome, import_contributions
from gwr_desktop.services.database import Database, DatabaseError
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.ui.office.outcomes import OutcomeDialog

if TYPE_CHECKING:
    from gwr_desktop.ui.contributions.page import ContributionsPage
    from gwr_desktop.ui.main_window import MainWindow

TAB_TITLE = "配合材料"
_STATUS = {"accepted": "已导入", "replaced": "已替换旧版", "refused": "未导入"}


class ContributionsTab(QStackedWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_key, self.unit = db, "", ""
        self.page: ContributionsPage | None = None
        self.hint = QLabel("请先选择本单位（单位 → 切换单位）。本单位参与（配合）的事项的配合材料在这里填写和导出。",
                           self)
        self.hint.setMargin(24)
        self.addWidget(self.hint)

    def set_context(self, plan_key: str, unit: str) -> None:
        self.plan_key, self.unit = plan_key, unit
        if self.page is not None and plan_key and unit:
            self.page.set_unit(unit, plan_key)
        self._show_current()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_page()
        super().showEvent(event)

    def ensure_page(self) -> ContributionsPage | None:
        if self.page is None and self.plan_key and self.unit:
            from gwr_desktop.ui.contributions.page import ContributionsPage

            self.page = ContributionsPage(self.db, self.plan_key, self.unit, parent=self)
            self.addWidget(self.page)
        self._show_current()
        return self.page

    def _show_current(self) -> None:
        page = self.page if self.plan_key and self.unit else None
        self.setCurrentWidget(page if page is not None else self.hint)


def install_contributions(window: MainWindow) -> ContributionsTab:
    db = window.db
    assert db is not None, "contributions need the database (install after attach)"
    tab = ContributionsTab(db, window)
    window.add_page(tab, TAB_TITLE)
    window.contributions_tab = tab
    window.context_changed.connect(tab.set_context)
    tab.set_context(window.plan_key or "", window.unit_name or "")
    files = QAction("导入配合材料…", window)
    files.setToolTip("导入参与单位报来的配合材料（Word/Excel 文件），在附表中并入")
    files.triggered.connect(lambda: _ask(window, folder=False))
    folder = QAction("导入配合材料（整个文件夹）…", window)
    folder.triggered.connect(lambda: _ask(window, folder=True))
    window.file_menu.insertActions(_after_plan_import(window), [files, folder])  # with the other imports
    window.contribution_actions = {"files": files, "folder": folder}
    return tab


def _after_plan_import(window: MainWindow) -> QAction:
    """The action the imports go before: the one after 导入方案… (退出, the last, when there is none)."""
    actions = window.file_menu.actions()
    anchor = getattr(window, "import_plan_action", None)
    at = actions.index(anchor) + 1 if anchor in actions else len(actions) - 1
    return actions[min(at, len(actions) - 1)]


def _ask(window: MainWindow, *, folder: bool) -> None:
    if not window.unit_name or not window.plan_key:
        QMessageBox.information(window, "导入配合材料", "请先选择本单位（单位 → 切换单位）。")
        return
    if folder:
        chosen = QFileDialog.getExistingDirectory(window, "选择配合材料所在的文件夹")
        paths = [Path(chosen)] if chosen else []
    else:
        names, _ = QFileDialog.getOpenFileNames(window, "选择配合材料", "", "配合材料 (*.docx *.xlsx)")
        paths = [Path(name) for name in names]
    if paths:
        take_in(window, paths)


def take_in(window: MainWindow, paths: Sequence[Path]) -> OutcomeDialog | None:
    """Import the files for the window's unit and show what became of each."""
    assert window.db is not None and window.unit_name and window.plan_key
    try:
        outcomes = import_contributions(window.db, window.unit_name, paths, plan_key=window.plan_key)
    except (FormInputError, DatabaseError, OSError) as error:
        QMessageBox.warning(window, "导入配合材料", f"{error}\n\n没有导入任何文件。")
        return None
    dialog = OutcomeDialog("导入配合材料", _summary(outcomes),
                           [(o.file, _STATUS[o.status] if not o.duplicate else "已导入过", o.reason,
                             o.status != REFUSED) for o in outcomes], window)
    dialog.open()
    window.contribution_dialog = dialog
    return dialog


def _summary(outcomes: list[ImportOutcome]) -> str:
    if not outcomes:
        return "没有找到 .docx 或 .xlsx 文件。"
    taken = sum(o.status != REFUSED for o in outcomes)
    text = f"共 {len(outcomes)} 个文件，导入 {taken} 个。"
    if taken:
        text += "导入的配合材料显示在“填报”中附表1、附表3 对应事项旁的“配合材料”栏，可一键并入本单位的文字。"
    return text
