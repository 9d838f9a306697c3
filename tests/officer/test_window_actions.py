"""The officer's window actions: Ctrl+S says saving is automatic (and commits the cell being typed), F1 opens the
built-in 使用说明 with its pictures, every tool button explains itself, and backups follow the work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.safety.backup import BackupError, backup_folder, list_backups
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import sqlite_file
from gwr_desktop.ui.officer.backup_schedule import BackupSchedule
from gwr_desktop.ui.officer.help_dialog import HelpDialog, help_folder
from tests.forms.sample_content import PLAN, UNIT
from tests.forms.test_editors_ui import cell_editor, col, type_text
from tests.xvfb import give_focus, on_x_server

pytestmark = pytest.mark.xcb  # again on a real X server: tests/test_under_xvfb.py


def press(qtbot: QtBot, window, action, key: QKeySequence.StandardKey) -> None:  # noqa: ANN001
    """The action's key, pressed where the window can take keys (a real X server: the xcb run); offscreen no
    window is ever active, so there the action is triggered as its shortcut would."""
    assert action.shortcut().matches(QKeySequence(key)) == QKeySequence.SequenceMatch.ExactMatch
    if on_x_server():
        give_focus(qtbot, QApplication.focusWidget() or window)
    if QApplication.activeWindow() is window:
        sequence = QKeySequence(key)[0]
        qtbot.keyClick(QApplication.focusWidget() or window, sequence.key(), sequence.keyboardModifiers())
    else:
        action.trigger()


def plan_editor_of(window):  # noqa: ANN001, ANN201
    window.show_page(window.forms_page)
    workspace = window.forms_page.workspace
    workspace.setCurrentWidget(workspace.plan_editor)
    return workspace.plan_editor


def test_ctrl_s_commits_the_open_cell_and_says_saving_is_automatic(make_window, qtbot: QtBot) -> None:  # noqa: ANN001
    window = make_window(UNIT)
    editor = plan_editor_of(window)
    table = editor.table
    table.go_to(editor.model.row_of("二-5", 0), col(editor, "content"))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    typing = cell_editor(table)
    typing.setFocus()
    type_text(typing, "摸排网点")
    press(qtbot, window, window.save_action, QKeySequence.StandardKey.Save)
    item = next(i for i in fc.load_content(window.db, PLAN, UNIT, FormKind.PLAN).items if i.key == "二-5")
    assert [w.get("content") for w in item.entries] == ["摸排网点"]
    assert "无需手动保存" in window.statusBar().currentMessage() and "最近一次保存" in editor.message.text()


def test_f1_opens_the_built_in_help_with_its_pictures(make_window, qtbot: QtBot) -> None:  # noqa: ANN001
    window = make_window(UNIT)
    press(qtbot, window, window.help_action, QKeySequence.StandardKey.HelpContents)
    dialog = window.findChild(HelpDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "使用说明" in text and "报送" in text and "从 Word/Excel 导入" in text
    pictures = sorted(help_folder().glob("*.png"))
    assert len(pictures) >= 5
    for picture in pictures:
        image = dialog.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(picture.name))
        assert image is not None and not image.isNull(), picture.name


def test_every_tool_button_has_a_tooltip(make_window, qtbot: QtBot) -> None:  # noqa: ANN001
    window = make_window(UNIT)
    window.show_page(window.forms_page)
    workspace = window.forms_page.workspace
    for page in range(workspace.count()):
        workspace.setCurrentIndex(page)
        qtbot.wait(1)
    buttons = [b for b in window.findChildren(QToolButton) if b.defaultAction() is not None
               and b.defaultAction().text() and not b.defaultAction().menu()]
    assert len(buttons) > 12
    missing = [b.defaultAction().text() for b in buttons
               if not b.toolTip() or b.toolTip().replace("&", "") == b.defaultAction().text().replace("&", "")]
    assert missing == []


def test_backups_follow_the_work(make_window, qtbot: QtBot) -> None:  # noqa: ANN001
    window = make_window(UNIT)
    schedule: BackupSchedule = window.backups
    folder = backup_folder(sqlite_file(window.db.url))
    before = len(list_backups(folder))
    assert schedule.run("periodic") is None  # nothing changed: no backup
    fc.set_header(window.db, PLAN, UNIT, FormKind.PLAN, "principal", "刘明远")
    qtbot.waitUntil(lambda: schedule.dirty)
    assert schedule.timer.isActive() and schedule.timer.interval() == 30 * 60 * 1000
    schedule.timer.setInterval(10)
    schedule.timer.start()
    qtbot.waitUntil(lambda: not schedule.dirty, timeout=5000)
    periodic = list_backups(folder)
    assert len(periodic) == before + 1 and periodic[0].reason == "periodic"
    fc.set_header(window.db, PLAN, UNIT, FormKind.PLAN, "principal", "王五")
    qtbot.waitUntil(lambda: schedule.dirty)
    window.close()
    on_quit = list_backups(folder)
    assert len(on_quit) == before + 2 and on_quit[0].reason == "quit" and on_quit[0].reason_label == "退出时自动备份"


def test_a_failed_backup_is_said_not_raised(make_window, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:  # noqa: ANN001
    window = make_window(UNIT)
    schedule: BackupSchedule = window.backups

    def failing(url: str, reason: str):  # noqa: ANN202
        raise BackupError("磁盘空间已满")

    schedule.backup = failing
    fc.set_header(window.db, PLAN, UNIT, FormKind.PLAN, "principal", "刘明远")
    qtbot.waitUntil(lambda: schedule.dirty)
    assert schedule.run("periodic") is None and "自动备份失败" in window.statusBar().currentMessage()
    assert schedule.dirty  # tried again later
