"""The sign-off dialog, the version history and print preview, driven offscreen with pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.manifest import read_manifest
from gwr_desktop.services import form_content, signoff
from gwr_desktop.services.database import Database
from gwr_desktop.ui.export.history import HistoryDialog, VersionHistoryModel
from gwr_desktop.ui.export.signoff_dialog import SignoffDialog
from tests.exports import samples

UNIT = samples.UNIT


def test_incomplete_form_shows_what_is_missing(db: Database, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    dialog = SignoffDialog(db, "2023", UNIT, FormKind.CONTACTS, folder=tmp_path / "out")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.buttons["signoff"].isEnabled()
    items = [dialog.missing_list.item(i).text() for i in range(dialog.missing_list.count())]
    assert "分管领导：未填写姓名" in items and dialog.missing_box.isVisible()
    assert "尚未定稿" in dialog.state_label.text() and "尚缺 12 项" in dialog.state_label.text()


def test_sign_off_from_the_dialog_then_mail_and_next_version(filled_db: Database, tmp_path: Path,
                                                             qtbot) -> None:  # noqa: ANN001
    out = tmp_path / "报送"
    dialog = SignoffDialog(filled_db, "2023", UNIT, FormKind.PROGRESS, quarter=2, folder=out)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.buttons["signoff"].isEnabled() and dialog.buttons["signoff"].text() == "定稿为第 1 版并导出"
    dialog.format_boxes["pdf"].setChecked(False)
    qtbot.mouseClick(dialog.buttons["signoff"], Qt.MouseButton.LeftButton)
    assert [p.name for p in dialog.written] == [
        "2023_市发改委_附表3_工作目标完成情况_前2季度_v1.docx", "2023_市发改委_附表3_工作目标完成情况_前2季度_v1.xlsx"]
    assert dialog.files_list.count() == 2 and "第 1 版" in dialog.message.text()
    assert not dialog.buttons["signoff"].isEnabled() and "内容未改动" in dialog.state_label.text()
    assert dialog.buttons["open"].isEnabled() and dialog.buttons["mail"].isEnabled()
    qtbot.mouseClick(dialog.buttons["mail"], Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard().text()
    assert clipboard.startswith("市发改委报送2023年《政府工作报告》附表3前2季度工作目标完成情况（第1版）")
    assert dialog.written[0].name in clipboard
    form_content.set_header(filled_db, "2023", UNIT, FormKind.PROGRESS, "principal", "王强", quarter=2)
    dialog.refresh()
    assert dialog.buttons["signoff"].text() == "定稿为第 2 版并导出" and "已修改" in dialog.state_label.text()


def test_write_failure_is_shown_in_the_dialog(filled_db: Database, tmp_path: Path, qtbot,  # noqa: ANN001
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    def full(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(errno.ENOSPC, "No space left on device")

    dialog = SignoffDialog(filled_db, "2023", UNIT, FormKind.PLAN, folder=tmp_path)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(tempfile, "mkstemp", full)
    assert dialog.sign_off() == []
    assert "磁盘空间不足" in dialog.message.text() and signoff.signed_count(filled_db) == 0
    monkeypatch.undo()
    assert len(dialog.sign_off()) == 3  # retry


def test_history_lists_versions_and_reexports_exactly(filled_db: Database, tmp_path: Path, qtbot,  # noqa: ANN001
                                                      qtmodeltester) -> None:  # noqa: ANN001
    first, _ = signoff.sign_off(filled_db, "2023", UNIT, FormKind.PLAN, tmp_path, formats=["docx"])
    form_content.set_header(filled_db, "2023", UNIT, FormKind.PLAN, "principal", "王强")
    signoff.sign_off(filled_db, "2023", UNIT, FormKind.PLAN, tmp_path, formats=["docx"])
    dialog = HistoryDialog(filled_db, "2023", UNIT, FormKind.PLAN)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2 and dialog.model.index(0, 0).data() == "第 1 版"
    dialog.table.selectRow(0)
    again = tmp_path / "again"
    again.mkdir()
    dialog.target = again
    qtbot.mouseClick(dialog.reexport_button, Qt.MouseButton.LeftButton)
    paths = sorted(again.iterdir())
    assert [p.name for p in paths] == [f"2023_市发改委_附表1_办理方案_v1.{e}" for e in ("docx", "pdf", "xlsx")]
    assert read_manifest(paths[0]).digest == first.digest and "第 1 版" in dialog.message.text()


def test_empty_history_model(qtmodeltester) -> None:  # noqa: ANN001
    model = VersionHistoryModel()
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "版本"


def test_menu_actions_explain_a_missing_unit(db: Database, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMainWindow, QMessageBox

    from gwr_desktop.ui.export.menu import add_export_actions

    window = QMainWindow()
    qtbot.addWidget(window)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    actions = add_export_actions(window, window.menuBar().addMenu("文件"), db, lambda: None)
    assert [a.text() for a in actions.values()] == ["定稿与导出…", "打印预览…", "定稿记录…"]
    actions["signoff"].trigger()
    assert told == ["请先选择本单位，再导出或打印表格。"]
