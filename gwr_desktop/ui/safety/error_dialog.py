"""No silent crash: any unhandled exception is logged and explained in a Chinese dialog; the app keeps running.

`install_crash_handler(app)` replaces sys.excepthook and threading.excepthook. Exceptions from other
threads are passed to the GUI thread through a queued signal. While the dialog is open, further errors are
only logged (no stack of dialogs), and if showing the dialog fails, the failure is printed, never re-raised.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gwr_desktop.safety.crash_log import summary_line, write_crash_report


@dataclass(frozen=True)
class CrashReport:
    summary: str  # "ValueError: …"
    details: str  # the traceback
    log_file: Path | None
    known: str | None = None  # a failure that explains itself (a DatabaseError's Chinese message): not a bug


Presenter = Callable[[CrashReport], None]


class ErrorDialog:
    """The dialog itself; tests replace `present` (pytest-qt's advice for modal dialogs)."""

    @classmethod
    def present(cls, report: CrashReport, parent: QWidget | None = None) -> None:
        box = QMessageBox(parent or QApplication.activeWindow())
        if report.known is not None:  # the database said no (locked, read-only, disk full): tell it as it is
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle("操作没有完成")
            box.setText(report.known)
        else:
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle("程序出错")
            box.setText("程序遇到了一个意外错误，刚才的操作可能没有完成。")
            box.setInformativeText(advice_text(report))
        box.setDetailedText(report.details)
        box.addButton("继续使用", QMessageBox.ButtonRole.AcceptRole)
        open_logs = box.addButton("打开日志文件夹", QMessageBox.ButtonRole.ActionRole) if report.log_file else None
        box.exec()
        if open_logs is not None and box.clickedButton() is open_logs and report.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(report.log_file.parent)))


def advice_text(report: CrashReport) -> str:
    where = (f"错误详情已记录在：\n{report.log_file}" if report.log_file
             else "（错误日志无法写入，请点“显示详细信息”复制内容。）")
    return ("已经保存的数据不受影响，程序可以继续使用。\n"
            "建议：检查刚才的操作结果，必要时重做一次；如果同一错误反复出现，请把日志文件发给技术支持。\n\n"
            f"{where}\n\n错误：{report.summary}")


class CrashHandler(QObject):
    _from_other_thread = Signal(object)

    def __init__(self, presenter: Presenter | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._presenter = presenter or ErrorDialog.present
        self._showing = False
        self._previous: tuple[object, object] | None = None
        self.reports: list[CrashReport] = []  # everything handled this session (for tests and diagnostics)
        self._from_other_thread.connect(self._present, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
               thread: str | None = None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log_file = write_crash_report(exc_type, exc, tb, thread=thread)
        import traceback

        from gwr_desktop.services.database import DatabaseError

        known = str(exc) if isinstance(exc, DatabaseError) else None
        report = CrashReport(summary_line(exc_type, exc), "".join(traceback.format_exception(exc_type, exc, tb)),
                             log_file, known)
        self.reports.append(report)
        if QThread.currentThread() is self.thread():
            self._present(report)
        else:
            self._from_other_thread.emit(report)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, thread=name)

    def _present(self, report: CrashReport) -> None:
        if self._showing:
            return  # already explaining an error: this one is logged, not stacked as another dialog
        self._showing = True
        try:
            self._presenter(report)
        except BaseException as failure:  # noqa: BLE001 - showing must never raise back into the hook
            print(f"无法显示错误对话框（{failure!r}）；原错误：{report.summary}", file=sys.stderr)
        finally:
            self._showing = False


def install_crash_handler(app: QApplication, presenter: Presenter | None = None) -> CrashHandler:
    """Call once after creating the QApplication; keep the returned handler alive (it is parented to app)."""
    handler = CrashHandler(presenter, parent=app)
    handler.install()
    return handler
