"""Menu actions for keeping data safe where the officer wants it: 文件 → 备份到… and 数据文件夹…, 帮助 → 日志文件夹.

`install_data_actions(window)` is the one line the main window calls. The actions read the window's database
when triggered (it may attach after the first paint). Questions go through `Prompts`, which tests replace.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

log = logging.getLogger(__name__)


class Prompts:
    """Modal questions and notices; classmethods so tests can monkeypatch them."""

    @classmethod
    def save_file(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "备份到…", str(suggested), "数据库备份 (*.db)")
        return Path(name) if name else None

    @classmethod
    def choose_folder(cls, parent: QWidget | None, title: str, start: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(start))
        return Path(name) if name else None

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes |
                                      QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def warn(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)


def install_data_actions(window: QMainWindow) -> list[QAction]:
    """Add 备份到… and 数据文件夹… to the 文件 menu and 日志文件夹 to the 帮助 menu."""
    backup = QAction("备份到…", window)
    backup.setToolTip("把数据库的一份校验过的副本保存到任意位置（如 U 盘）")
    backup.triggered.connect(lambda: backup_to_chosen_file(window))
    folder = QAction("数据文件夹…", window)
    folder.triggered.connect(lambda: open_data_folder_dialog(window))
    logs = QAction("日志文件夹", window)
    logs.triggered.connect(lambda: show_log_folder(window))
    file_menu = _menu(window, "文件")
    if file_menu.actions():
        quit_action = file_menu.actions()[-1]
        file_menu.insertActions(quit_action, [backup, folder])  # before 退出
        file_menu.insertSeparator(quit_action)
    else:
        file_menu.addActions([backup, folder])
    _menu(window, "帮助").addAction(logs)
    return [backup, folder, logs]


def _menu(window: QMainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text() == title:
            return menu
    return window.menuBar().addMenu(title)


def current_database(window: QWidget) -> Path | None:
    """The SQLite file the window has open, or None (not attached yet, or a PostgreSQL server)."""
    from gwr_desktop.services.database import sqlite_file

    db = getattr(window, "db", None)
    return sqlite_file(db.url) if db is not None else None


def backup_to_chosen_file(window: QWidget) -> Path | None:
    db_path = current_database(window)
    if db_path is None:
        Prompts.inform(window, "备份到…", "“备份到…”只适用于本机的 SQLite 数据库；数据库尚未打开时请稍候再试。"
                       if getattr(window, "db", None) is None else
                       "服务器数据库（PostgreSQL）请由管理员用 pg_dump 备份。")
        return None
    import platformdirs

    from gwr_desktop.safety.backup import BackupError, export_backup  # not before the first paint

    suggested = platformdirs.user_documents_path() / f"政府工作报告-备份-{dt.datetime.now():%Y%m%d-%H%M}.db"
    target = Prompts.save_file(window, suggested)
    if target is None:
        return None
    if target.suffix.lower() != ".db":
        target = target.with_name(target.name + ".db")
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        summary = export_backup(db_path, target)
    except BackupError as error:
        log.warning("备份到…失败：%s", error)
        Prompts.warn(window, "未能备份", str(error))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    Prompts.inform(window, "已备份", f"已备份到“{target}”（{summary.describe()}），已通过完整性检查。\n"
                   "需要时可用 文件 → 恢复备份… → 从文件恢复 取回。")
    return target


def open_data_folder_dialog(window: QWidget) -> None:
    from gwr_desktop.ui.safety.data_folder_dialog import DataFolderDialog

    DataFolderDialog(current_database(window), window).exec()


def show_log_folder(window: QWidget) -> None:
    from gwr_desktop.ui.safety.data_folder_dialog import FolderDialog

    FolderDialog(log_folder(), "日志文件夹", "程序日志和错误报告保存在：", window).exec()


def log_folder() -> Path:
    from gwr_desktop.app_log import log_file
    from gwr_desktop.paths import user_log_dir

    current = log_file()
    return current.parent if current is not None else user_log_dir()


def open_folder(folder: Path) -> bool:
    """Show folder in the file manager; False where none is registered (then the path can be copied)."""
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
