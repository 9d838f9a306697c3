"""The single start-up entry point for data safety, and the hooks the main window needs.

    db = guarded_open(url)        # one instance per database, read-only checks, restore offer, start-up backup
    # … or in two halves, so the window can paint before SQLAlchemy is even imported (app.py does this):
    url = claim_and_check(url)    # instance, read-only checks, restore offer — no SQLAlchemy
    db = backup_and_open(url)     # the start-up backup, then open (and migrate) — right after the first paint
    install_crash_handler(app)    # no silent crash
    connect_activation(window)    # a second launch brings this window to the front
    restore_backup_action(window, db)  # the "恢复备份…" menu action

guarded_open returns None when the app should exit; the user has then been told why (or the already
running window was brought to the front).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from gwr_desktop.safety.single_instance import Claim, SingleInstance
from gwr_desktop.safety.startup_checks import DbState, check_database
from gwr_desktop.services.database import DatabaseError, resolve_url, sqlite_file, url_problem
from gwr_desktop.ui.safety.error_dialog import install_crash_handler

if TYPE_CHECKING:  # opening a database imports SQLAlchemy: only after the first paint
    from gwr_desktop.services.database import Database
    from gwr_desktop.ui.safety.restore_dialog import Prompts

__all__ = ["Notice", "backup_and_open", "claim_and_check", "connect_activation", "guarded_open",
           "install_crash_handler", "open_checked", "open_quietly", "release_instance", "restore_backup_action",
           "startup_backup", "startup_backup_notice"]
_INSTANCE_NAME = "gwr-single-instance"
# A check that finds one of these ends the start with its message: nothing the window could do would help.
_REFUSED_TITLES = {DbState.TOO_NEW: "数据库版本过新", DbState.NOT_OURS: "不是本程序的数据库",
                   DbState.UNREADABLE: "无法读取数据库", DbState.BUSY: "数据库被占用"}


def guarded_open(url: str | None = None, parent: QWidget | None = None) -> Database | None:
    resolved = claim_and_check(url, parent)
    return backup_and_open(resolved, parent) if resolved is not None else None


def claim_and_check(url: str | None = None, parent: QWidget | None = None) -> str | None:
    """Take the instance lock and check the file read-only (offering a restore); the URL to open, or None."""
    resolved = resolve_url(url)
    problem = url_problem(resolved)
    if problem is not None:
        _prompts().warn(parent, "数据库地址不正确", problem)
        return None
    if not _claim_instance(resolved, parent):
        return None
    check = check_database(resolved)
    if check.state in _REFUSED_TITLES:
        _prompts().warn(parent, _REFUSED_TITLES[check.state], check.message)
        return None
    if check.state is DbState.DAMAGED and not _offer_restore(check.message, resolved, parent):
        return None
    return resolved


def backup_and_open(url: str, parent: QWidget | None = None) -> Database | None:
    """The start-up backup (when the data changed since the newest backup), then open and migrate."""
    startup_backup(url, parent)
    return open_checked(url, parent)


Notice = tuple[str, str]  # a dialog's title and message, for the GUI thread to show


def startup_backup(url: str, parent: QWidget | None = None) -> None:
    """Back up the data as it was at start-up, unless the newest backup already holds it; failure is told."""
    notice = startup_backup_notice(url)
    if notice is not None:
        _prompts().warn(parent, *notice)


def startup_backup_notice(url: str) -> Notice | None:
    """The start-up backup without any dialog (it may run on a worker thread): what to tell when it failed."""
    from gwr_desktop.safety.backup import BackupError, backup_before

    if _read_only(url):
        return None  # nothing we do can change it, and its folder may not take a backup: open_checked says why
    try:
        backup_before(url, "startup")
    except BackupError as error:
        advice = "程序仍可正常使用，但这次启动没有留下备份。请检查磁盘空间。"
        return "自动备份失败", f"{error}\n\n{advice}"
    return None


def _claim_instance(url: str, parent: QWidget | None) -> bool:
    app = QApplication.instance()
    instance = SingleInstance(url, parent=app)
    instance.setObjectName(_INSTANCE_NAME)
    result = instance.claim()
    if result.claim is Claim.PRIMARY:
        if app is not None:
            app.aboutToQuit.connect(instance.release)
        return True
    instance.deleteLater()
    if result.claim is Claim.FAILED and _read_only(url):
        return True  # no lock file in a read-only folder, and nothing to guard: it opens read-only
    if result.claim is not Claim.HANDED_OVER:
        _prompts().warn(parent, "数据库正在使用", result.message)
    return False


def _read_only(url: str) -> bool:
    """An existing SQLite file this user cannot change (file or folder read-only)."""
    from gwr_desktop.safety.startup_checks import write_access_problem

    path = sqlite_file(url)
    return path is not None and path.exists() and write_access_problem(path) is not None


def _offer_restore(message: str, url: str, parent: QWidget | None) -> bool:
    """The damaged-database dialog; True when a backup was restored and the database now checks out."""
    path = sqlite_file(url)
    assert path is not None  # only SQLite files are ever found damaged
    from gwr_desktop.ui.safety.restore_dialog import RestoreDialog

    dialog = RestoreDialog(path, parent, damage=message)
    accepted = dialog.exec() == RestoreDialog.DialogCode.Accepted
    if not accepted or (dialog.outcome is None and dialog.started_fresh is None):
        return False
    return check_database(url).usable


def open_checked(url: str, parent: QWidget | None = None) -> Database | None:
    """Open (and migrate) a database that passed claim_and_check; any failure is explained, then None.

    A read-only database opens for viewing and exporting, after saying so and what to do to change it.
    """
    db, notices = open_quietly(url)
    for notice in notices:
        _prompts().warn(parent, *notice)
    return db


def open_quietly(url: str) -> tuple[Database | None, list[Notice]]:
    """open_checked without dialogs (it may run on a worker thread): the database or None, and what to tell."""
    from gwr_desktop.services.database import open_database

    try:
        db = open_database(url)
    except DatabaseError as error:
        return None, [(database_error_title(error), str(error))]
    except Exception as error:  # noqa: BLE001 - any failure to open is explained, never silent
        return None, [("无法打开数据库", f"打开数据库时出错：{error}\n请检查文件权限和磁盘空间。")]
    if db.read_only is not None:
        return db, [("数据库只读", f"{db.read_only}\n\n程序将以只读方式打开。")]
    return db, []


def database_error_title(error: DatabaseError) -> str:
    """A dialog title naming the kind of failure; the message says the rest."""
    from gwr_desktop.services import database as d

    titles: tuple[tuple[type[DatabaseError], str], ...] = (
        (d.DatabaseBusyError, "数据库正忙"), (d.DatabaseReadOnlyError, "数据库只读"),
        (d.DatabaseFullError, "磁盘已满"), (d.DatabaseIOError, "磁盘读写出错"),
        (d.DatabaseUnreachableError, "无法连接数据库服务器"),
        (d.DatabaseDriverMissingError, "缺少 PostgreSQL 支持"), (d.DatabaseUrlError, "数据库地址不正确"),
        (d.DatabaseDamagedError, "数据库已损坏"), (d.DatabaseSchemaError, "数据库结构不完整"),
        (d.NotOurDatabaseError, "不是本程序的数据库"), (d.SchemaTooNewError, "数据库版本过新"),
    )
    return next((title for kind, title in titles if isinstance(error, kind)), "无法打开数据库")


def _prompts() -> type[Prompts]:
    """The dialogs' prompts (tests replace them); imported when needed, as the usual start shows none."""
    from gwr_desktop.ui.safety.restore_dialog import Prompts

    return Prompts


def release_instance() -> None:
    """Give up the database's instance lock (at quit this happens by itself; tests and restarts call it)."""
    app = QApplication.instance()
    instance = app.findChild(SingleInstance, _INSTANCE_NAME) if app is not None else None
    if instance is not None:
        instance.release()
        instance.setParent(None)
        instance.deleteLater()


def connect_activation(window: QWidget) -> None:
    """A second launch on the same database brings this window to the front."""
    app = QApplication.instance()
    instance = app.findChild(SingleInstance, _INSTANCE_NAME) if app is not None else None
    if instance is not None:
        instance.activation_requested.connect(lambda: bring_to_front(window))


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def restore_backup_action(window: QWidget, db: Database) -> QAction:
    """The "恢复备份…" action for the main window's menu; disabled for a PostgreSQL database."""
    action = QAction("恢复备份…", window)
    path = sqlite_file(db.url)
    if path is None:
        action.setEnabled(False)
        action.setToolTip("服务器数据库由管理员备份和恢复")
        return action
    action.setStatusTip("从自动备份或备份文件恢复全部数据（先备份当前数据）")
    action.triggered.connect(lambda: open_restore_dialog(window, db))
    return action


def open_restore_dialog(window: QWidget, db: Database) -> bool:
    """Show the restore dialog over an open database; after a restore, migrate and tell every view to reload."""
    path = sqlite_file(db.url)
    if path is None:
        return False
    from gwr_desktop.ui.safety.restore_dialog import RestoreDialog

    dialog = RestoreDialog(path, window)
    if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.outcome is None:
        return False
    from gwr_desktop.services.database import reopen_after_restore

    try:
        reopen_after_restore(db, str(dialog.outcome.restored_from))
    except DatabaseError as error:
        _prompts().warn(window, database_error_title(error), f"已恢复，但升级恢复后的数据库时出错：{error}")
        return False
    return True
