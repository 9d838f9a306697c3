"""Start the desktop app: Qt application, Chinese standard dialogs, the database, the first-run plan, the window.

Imports stay inside functions so that `main.py COMMAND` never loads Qt, and so that nothing heavy
(exporters, openpyxl, python-docx) is imported before the window is on screen.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from gwr_desktop import APP_NAME, APP_TITLE

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QSettings, QTranslator
    from PySide6.QtWidgets import QApplication, QWidget

    from gwr_desktop.services.database import Database
    from gwr_desktop.ui.main_window import MainWindow
    from gwr_desktop.ui.services_loader import Loaded

ORGANIZATION = "gwr_desktop"
_STARTED = time.time()  # when this module was imported: just after the process started
# qtbase holds the strings of the standard dialogs and buttons; qt_zh_CN is the older all-in-one catalogue.
QT_CATALOGUES = ("qtbase_zh_CN", "qt_zh_CN")


def main() -> int:
    """Entry point of the installed `gwr-desktop` launcher: same arguments as main.py."""
    from gwr_desktop.cli import main as cli_main

    return cli_main(sys.argv[1:])


def run_app(args: argparse.Namespace) -> int:
    from gwr_desktop.app_log import setup_logging

    setup_logging()
    app = create_application()
    translators = install_translations(app)  # noqa: F841 - must stay alive while the app runs
    if not _installation_complete():
        return 1
    from gwr_desktop.ui.safety.startup import install_crash_handler

    crash_handler = install_crash_handler(app)
    try:
        return _run_guarded(app, args)
    finally:
        crash_handler.uninstall()  # hand sys.excepthook back (run_app also runs inside the test suite)


def _installation_complete() -> bool:
    """The program's own data (forms, plan, migrations) is there; otherwise say so, before any database opens."""
    from gwr_desktop.paths import MissingDataError, check_installation

    try:
        check_installation()
    except MissingDataError as error:
        import logging

        from PySide6.QtWidgets import QMessageBox

        logging.getLogger(__name__).error("%s", error)
        QMessageBox.critical(None, "安装不完整", str(error))
        return False
    return True


def _run_guarded(app: QApplication, args: argparse.Namespace) -> int:
    from gwr_desktop.ui.safety.startup import claim_and_check

    # One instance per database, read-only checks and the restore offer: stdlib sqlite3 and Qt only.
    url = claim_and_check(getattr(args, "db", None))
    if url is None:
        return 0  # the user has been told why, or the running window was brought to the front
    from gwr_desktop.ui.server.login import complete_login

    url = complete_login(url)  # a shared server's login: its password from the credential store, or asked
    if url is None:
        return 0
    opened: list[Database] = []
    try:
        window = _start_window(url, opened)
        _show(window)
        return app.exec()
    finally:
        for db in opened:
            db.close()


def _start_window(url: str, opened: list[Database]) -> MainWindow:
    """The window, painted at once from the view the last run cached (or, without one, the registry's units
    and no plan yet), taking input from its first paint; the services open on a thread and attach when ready.

    See ui/services_loader.py. A first run (no database file yet) asks whose liaison officer this is at once.
    """
    from gwr_desktop.services.start_view import read_cached, registry_view, sqlite_file
    from gwr_desktop.ui.main_window import MainWindow
    from gwr_desktop.ui.pages import install_pages
    from gwr_desktop.ui.services_loader import ServicesLoader
    from gwr_desktop.ui.ui_state import ui_state_settings

    cached = read_cached(url)
    window = MainWindow(None, ui_state_settings(), view=cached or registry_view())
    install_pages(window)
    window.show_loading("正在打开数据库…" if cached is not None or _exists(sqlite_file(url)) else
                        "首次使用：正在建立数据库并导入内置方案…")
    loader = ServicesLoader(url, cached, window)
    loader.loaded.connect(lambda result: _attach(window, url, result, opened))
    after_first_paint(window, loader.start)
    if sqlite_file(url) is not None and not _exists(sqlite_file(url)):
        after_first_paint(window, window.ask_unit_if_missing)  # nobody can have chosen a unit yet
    return window


def _exists(path: object) -> bool:
    from pathlib import Path

    return isinstance(path, Path) and path.exists()


def _attach(window: MainWindow, url: str, result: Loaded, opened: list[Database]) -> None:
    """On the GUI thread, when the services are open: the messages, then the window attached to them."""
    from gwr_desktop.ui.safety.startup import _prompts

    for title, message in result.notices:
        _prompts().warn(window, title, message)
    if result.db is None:
        window.close()  # the user has been told why it cannot be opened
        return
    opened.append(result.db)
    from gwr_desktop.ui.pages import attach_pages

    window.attach(result.db, fresh=result.view if result.stale else window.current_view())
    attach_pages(window)
    _keep_start_view(window, result.db)
    window.ask_unit_if_missing()


def _show(window: MainWindow) -> None:
    from gwr_desktop.ui.safety.startup import connect_activation

    connect_activation(window)
    _log_first_paint(window)
    window.restore_ui_state()
    _probe_first_paint_for_bench(window)  # installed last, so it reports before the after-paint work runs
    window.show()


def _keep_start_view(window: MainWindow, db: Database) -> None:
    """Store what the window shows for the next start whenever the plan, catalogue or unit change (the
    services loader stored it at start)."""
    from contextlib import suppress

    from gwr_desktop.services.database import DatabaseError
    from gwr_desktop.services.start_view import store

    def keep() -> None:
        # Only a cache: when it cannot be written (a read-only file, a full disk) the next start reads the services.
        with suppress(DatabaseError):
            store(db, window.current_view())

    window.context_changed.connect(lambda _plan, _unit: keep())


FIRST_PAINT_LOGGED = "窗口已显示"


def _log_first_paint(window: QWidget) -> None:
    """One log line when the window has painted, with the time since the process started: support sees slow
    starts, and the bundle's smoke test (packaging/first_paint.py) waits for this line."""
    import logging

    after_first_paint(window, lambda: logging.getLogger(__name__).info(
        "%s（从启动到首次绘制 %.2f 秒，Qt 平台 %s）", FIRST_PAINT_LOGGED, time.time() - _STARTED,
        _platform_name()))


def _platform_name() -> str:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName()


def after_first_paint(window: QWidget, action: Callable[[], object]) -> QObject:
    """Run action once, on the event-loop turn after the window's first paint (so it never delays it)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class AfterFirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, action)
                self.deleteLater()
            return False

    hook = AfterFirstPaint(window)
    window.installEventFilter(hook)
    return hook


def _probe_first_paint_for_bench(window: MainWindow) -> None:
    """bench/run.py only (env GWR_BENCH_PAINTED, with bench/ on the path): report the first paint and quit.

    The probe lives in bench/first_paint_probe.py, outside the shipped package; only the bench asks for it.
    """
    import os

    if not os.environ.get("GWR_BENCH_PAINTED"):
        return
    try:
        from first_paint_probe import FirstPaintProbe  # type: ignore[import-not-found]
    except ImportError:
        print("GWR_BENCH_PAINTED 已设置，但找不到 bench/first_paint_probe.py（需把 bench/ 加入 PYTHONPATH）。",
              file=sys.stderr)
        return
    FirstPaintProbe(window)


def create_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    from gwr_desktop.pyside_source_scan import forget_scanned_sources

    forget_scanned_sources()

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    return app


def install_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's own Simplified Chinese catalogue so standard dialogs and buttons speak Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from gwr_desktop.paths import resource_path

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(resource_path("translations"))]
    for catalogue in QT_CATALOGUES:
        for folder in folders:
            translator = QTranslator(app)
            if translator.load(catalogue, folder):
                app.installTranslator(translator)
                return [translator]
    return []


def build_main_window(db: Database, ui_settings: QSettings | None = None) -> MainWindow:
    """The main window over an open database, without running the event loop (tests use this)."""
    from gwr_desktop.ui.main_window import MainWindow
    from gwr_desktop.ui.pages import install_pages

    window = MainWindow(db, ui_settings)
    install_pages(window)
    return window


def explain_windowed_command(argv: list[str]) -> int:
    """A command given to the windowed executable: say where the command line is, instead of printing nothing."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - must exist for the dialog
    QMessageBox.information(None, "命令行", "这是程序的窗口版本，不能显示命令的输出。\n"
                            "命令行请用同一文件夹中的 gwr-desktop（控制台版本），例如：\n"
                            f"gwr-desktop {' '.join(argv[:3])} …")
    return 2
