"""No silent crash: errors in slots and threads are logged and shown once; the app keeps working."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from gwr_desktop.ui.safety.error_dialog import CrashHandler, CrashReport, ErrorDialog, install_crash_handler

pytestmark = pytest.mark.qt_no_exception_capture  # our own sys.excepthook must run, not pytest-qt's


@pytest.fixture
def shown(qapp: QApplication) -> Iterator[tuple[CrashHandler, list[CrashReport]]]:
    reports: list[CrashReport] = []
    handler = install_crash_handler(qapp, presenter=reports.append)
    yield handler, reports
    handler.uninstall()
    handler.deleteLater()


def _crash_in_slot() -> None:
    raise ValueError("附表3 第2行：完成情况无法保存")


def test_an_error_in_a_slot_is_logged_and_shown_and_the_app_goes_on(
        qtbot: QtBot, shown: tuple[CrashHandler, list[CrashReport]], private_user_folders: Path) -> None:
    _handler, reports = shown
    button = QPushButton("保存")
    button.clicked.connect(_crash_in_slot)
    edit = QLineEdit()
    qtbot.addWidget(button)
    qtbot.addWidget(edit)
    button.click()
    assert len(reports) == 1
    report = reports[0]
    assert report.summary == "ValueError: 附表3 第2行：完成情况无法保存"
    assert report.log_file is not None and report.log_file.parent == private_user_folders / "logs"
    logged = report.log_file.read_text(encoding="utf-8")
    assert "_crash_in_slot" in logged and "完成情况无法保存" in logged and "Traceback" in logged
    # Still usable: the event loop runs, widgets take input, the next error is handled the same way.
    qtbot.keyClicks(edit, "go on")  # QTest types ASCII only
    assert edit.text() == "go on"
    QTimer.singleShot(0, _crash_in_slot)
    qtbot.waitUntil(lambda: len(reports) == 2)
    assert report.log_file.read_text(encoding="utf-8").count("Traceback") == 2


def test_an_error_in_a_worker_thread_is_shown_in_the_gui_thread(
        qtbot: QtBot, shown: tuple[CrashHandler, list[CrashReport]]) -> None:
    _handler, reports = shown
    shown_in: list[threading.Thread] = []
    _handler._presenter = lambda report: (shown_in.append(threading.current_thread()), reports.append(report))

    def work() -> None:
        raise OSError(28, "No space left on device")

    worker = threading.Thread(target=work, name="导出")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(reports) == 1)
    assert shown_in == [threading.main_thread()]
    assert "No space left" in reports[0].summary
    assert reports[0].log_file is not None and "thread 导出" in reports[0].log_file.read_text(encoding="utf-8")


def test_a_failing_dialog_does_not_recurse(qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[CrashReport] = []

    def broken_presenter(report: CrashReport) -> None:
        calls.append(report)
        raise RuntimeError("dialog cannot be shown")

    handler = install_crash_handler(qapp, presenter=broken_presenter)
    try:
        QTimer.singleShot(0, _crash_in_slot)
        QTimer.singleShot(20, qapp.quit)
        qapp.exec()
        assert len(calls) == 1
        assert "无法显示错误对话框" in capsys.readouterr().err
        assert len(handler.reports) == 1
    finally:
        handler.uninstall()


def test_errors_while_the_dialog_is_open_are_logged_not_stacked(qtbot: QtBot, qapp: QApplication) -> None:
    presented: list[CrashReport] = []

    def presenter_with_nested_error(report: CrashReport) -> None:
        presented.append(report)
        if len(presented) == 1:  # a second failure while the first dialog is up (a nested event loop)
            QTimer.singleShot(0, _crash_in_slot)
            qtbot.wait(50)

    handler = install_crash_handler(qapp, presenter=presenter_with_nested_error)
    try:
        QTimer.singleShot(0, _crash_in_slot)
        qtbot.waitUntil(lambda: len(handler.reports) == 2)
        assert len(presented) == 1
    finally:
        handler.uninstall()


def test_unwritable_log_folder_still_shows_the_dialog(
        qtbot: QtBot, shown: tuple[CrashHandler, list[CrashReport]], private_user_folders: Path) -> None:
    private_user_folders.mkdir(parents=True, exist_ok=True)
    (private_user_folders / "logs").write_text("a file where the log folder should be", encoding="utf-8")
    _handler, reports = shown
    QTimer.singleShot(0, _crash_in_slot)
    qtbot.waitUntil(lambda: len(reports) == 1)
    assert reports[0].log_file is None


def test_the_real_dialog_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    report = CrashReport("ValueError: 示例", "Traceback (most recent call last):\n  ...\nValueError: 示例",
                         tmp_path / "logs" / "crash-20260302.log")
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text() + "\n" + box.informativeText()
        seen["buttons"] = " ".join(button.text() for button in box.buttons())
        box.grab().save(str(tmp_path / "error_dialog.png"))
        box.accept()

    QTimer.singleShot(100, read_and_close)
    ErrorDialog.present(report)
    assert "意外错误" in seen["text"] and "可以继续使用" in seen["text"] and "crash-20260302.log" in seen["text"]
    assert "继续使用" in seen["buttons"] and "打开日志文件夹" in seen["buttons"]
    assert (tmp_path / "error_dialog.png").stat().st_size > 0
