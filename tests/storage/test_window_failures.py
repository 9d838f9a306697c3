"""The window's side: each unusable database is a dialog naming the cause; a wait is shown as waiting.

Dialogs go through `restore_dialog.Prompts` (replaced here, pytest-qt's advice for modal dialogs); the wait
indicator is the real main window's status bar over a real file that another process holds.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gwr_desktop.app import build_main_window
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content
from gwr_desktop.services.database import Database, DatabaseReadOnlyError, open_database
from gwr_desktop.ui.safety import restore_dialog
from gwr_desktop.ui.safety.db_status import READ_ONLY_LABEL, WAITING_MESSAGE, DatabaseStatus
from gwr_desktop.ui.safety.error_dialog import CrashHandler, CrashReport
from gwr_desktop.ui.safety.startup import guarded_open, release_instance
from tests.safety.conftest import file_digests
from tests.storage.conftest import ROOT, UNIT, immutable, lock_held, plan_form


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[list[tuple[str, str]]]:
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(restore_dialog.Prompts, "warn",
                        classmethod(lambda _c, _p, title, text: said.append((title, text))))
    yield said
    release_instance()


def refused(url: str, warnings: list[tuple[str, str]]) -> tuple[str, str]:
    assert guarded_open(url) is None
    (warning,) = warnings
    return warning


def test_a_zero_byte_file(warnings: list[tuple[str, str]], tmp_path: Path) -> None:
    path = tmp_path / "gwr.db"
    path.write_bytes(b"")
    title, text = refused(str(path), warnings)
    assert title == "不是本程序的数据库" and "空文件" in text and path.stat().st_size == 0


def test_another_programs_database(warnings: list[tuple[str, str]], tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    connection.close()
    before = file_digests(path)
    title, text = refused(str(path), warnings)
    assert title == "不是本程序的数据库" and "notes" in text and file_digests(path) == before


@pytest.mark.parametrize(("url", "title", "cause"), [
    ("foo://bar", "数据库地址不正确", "不支持的数据库类型"),
    ("postgresql+psycopg://gwr@127.0.0.1:1/gwr", "无法连接数据库服务器", "服务器拒绝连接"),
])
def test_urls_and_servers(warnings: list[tuple[str, str]], url: str, title: str, cause: str) -> None:
    got_title, text = refused(url, warnings)
    assert got_title == title and cause in text


def test_missing_tables(warnings: list[tuple[str, str]], plan_file: Path) -> None:
    connection = sqlite3.connect(plan_file)
    with connection:
        connection.execute("DROP TABLE plan_problems")
    connection.close()
    title, text = refused(str(plan_file), warnings)
    assert title == "数据库结构不完整" and "缺少数据表 plan_problems" in text and "恢复备份" in text


def test_a_database_held_exclusively(warnings: list[tuple[str, str]], plan_file: Path) -> None:
    with lock_held(plan_file, "exclusive"):
        title, text = refused(str(plan_file), warnings)
    assert title == "数据库被占用" and "独占" in text


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_opens_for_reading_and_says_so(warnings: list[tuple[str, str]], plan_file: Path,
                                                           qtbot: QtBot, tmp_path: Path, what: str) -> None:
    # A read-only folder takes no lock file and no backup: neither is needed, and neither is a second dialog.
    with immutable(plan_file if what == "file" else plan_file.parent):
        db = guarded_open(str(plan_file))
        assert db is not None and db.read_only is not None
        try:
            (title, text), = warnings
            assert title == "数据库只读" and "只读方式打开" in text and "复制到自己有写入权限的文件夹" in text
            window = build_main_window(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
            qtbot.addWidget(window)
            status = window.findChild(DatabaseStatus)
            assert status is not None and status.read_only_label is not None
            assert status.read_only_label.text() == READ_ONLY_LABEL and "只读" in status.read_only_label.toolTip()
            with pytest.raises(DatabaseReadOnlyError):
                form_content.set_header(db, "2023", UNIT, FormKind.PLAN, "principal", "张三")
        finally:
            db.close()


def test_a_database_error_in_a_slot_is_told_as_such_not_as_a_bug(qapp: QApplication) -> None:
    shown: list[CrashReport] = []
    handler = CrashHandler(shown.append, parent=qapp)
    error = DatabaseReadOnlyError("数据库文件“gwr.db”是只读的……")
    handler.handle(DatabaseReadOnlyError, error, None)
    (report,) = shown
    assert report.known == str(error) and report.log_file is not None  # explained, and still logged


def test_a_wait_for_another_writer_shows_in_the_status_bar(plan_file: Path, qtbot: QtBot, tmp_path: Path) -> None:
    db: Database = open_database(str(plan_file))
    try:
        window = build_main_window(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        messages: list[str] = []
        window.statusBar().messageChanged.connect(messages.append)
        with subprocess.Popen([sys.executable, "-m", "tests.storage.lock_child", str(plan_file), "write", "1.2"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT) as holder:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            # on the GUI thread, as an edit in the editor
            form_content.set_header(db, "2023", UNIT, FormKind.PLAN, "principal", "王五")
        assert messages[0] == WAITING_MESSAGE and messages[-1] == ""  # shown while waiting, cleared after
        assert QGuiApplication.overrideCursor() is None
        assert plan_form(db).header.get("principal", "") == "王五"
    finally:
        db.close()
