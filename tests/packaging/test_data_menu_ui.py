"""文件 → 备份到… / 数据文件夹…, 帮助 → 日志文件夹, on the real main window (pytest-qt, offscreen)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from gwr_desktop import user_config
from gwr_desktop.safety import data_location
from gwr_desktop.safety.sqlite_files import verify_file
from gwr_desktop.services.database import open_database
from gwr_desktop.ui.safety import data_folder_dialog, data_menu
from gwr_desktop.ui.safety.data_folder_dialog import DataFolderDialog, FolderDialog


@pytest.fixture
def window(plan_template: Path, tmp_path: Path, qtbot) -> Iterator:  # noqa: ANN001
    from gwr_desktop.app import build_main_window

    target = tmp_path / "数据" / "gwr.db"
    target.parent.mkdir()
    shutil.copyfile(plan_template, target)
    db = open_database(f"sqlite:///{target}")
    main = build_main_window(db)
    qtbot.addWidget(main)
    yield main
    db.close()


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []

    def note(cls, _parent, title: str, text: str) -> None:  # noqa: ANN001
        notes.append((title, text))

    monkeypatch.setattr(data_menu.Prompts, "inform", classmethod(note))
    monkeypatch.setattr(data_menu.Prompts, "warn", classmethod(note))
    return notes


def _texts(window, title: str) -> list[str]:  # noqa: ANN001
    return [action.text() for action in data_menu._menu(window, title).actions()]


def test_the_actions_sit_in_the_file_and_help_menus(window) -> None:  # noqa: ANN001
    texts = _texts(window, "文件")
    assert texts[texts.index("备份到…"):] == ["备份到…", "数据文件夹…", "", "退出"] and "恢复备份…" in texts
    assert "日志文件夹" in _texts(window, "帮助")


def test_backup_to_a_chosen_file(window, said, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    stick = tmp_path / "U盘"
    monkeypatch.setattr(data_menu.Prompts, "save_file", classmethod(lambda cls, _p, _s: stick / "我的备份"))
    window.data_actions[0].trigger()
    assert verify_file(stick / "我的备份.db") == []
    assert said[-1][0] == "已备份" and "已通过完整性检查" in said[-1][1]


def test_a_backup_that_cannot_be_written_is_explained(window, said, tmp_path: Path,  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_menu.Prompts, "save_file", classmethod(lambda cls, _p, _s: tmp_path / "CON.db"))
    assert data_menu.backup_to_chosen_file(window) is None
    assert said[-1][0] == "未能备份" and "保留的设备名" in said[-1][1]


def _network_here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"//server/share {tmp_path / '网络'} cifs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(data_folder_dialog, "check_folder",
                        lambda folder: data_location.check_folder(folder, mounts_file=mounts))


def test_a_network_folder_needs_consent_and_a_local_one_is_used_after_a_restart(
        window, said, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot) -> None:  # noqa: ANN001
    _network_here(monkeypatch, tmp_path)
    asked: list[str] = []

    def decline(cls, _parent, _title: str, text: str) -> bool:  # noqa: ANN001
        asked.append(text)
        return False

    monkeypatch.setattr(data_menu.Prompts, "ask", classmethod(decline))
    chosen = tmp_path / "网络" / "gwr"
    monkeypatch.setattr(data_menu.Prompts, "choose_folder", classmethod(lambda cls, *_: chosen))
    dialog = DataFolderDialog(data_menu.current_database(window), window)
    qtbot.addWidget(dialog)
    assert dialog.change_folder() is False
    assert asked and "网络驱动器" in asked[0] and user_config.data_folder() is None
    local = tmp_path / "D盘" / "政府工作报告"
    monkeypatch.setattr(data_menu.Prompts, "choose_folder", classmethod(lambda cls, *_: local))
    assert dialog.change_folder() is True
    assert user_config.data_folder() == local and verify_file(local / "gwr.db") == []
    assert "重新启动" in said[-1][1]


def test_the_second_backup_folder_is_chosen_and_cleared(window, tmp_path: Path, qtbot,  # noqa: ANN001
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    stick = tmp_path / "U盘" / "自动备份"
    monkeypatch.setattr(data_menu.Prompts, "choose_folder", classmethod(lambda cls, *_: stick))
    dialog = DataFolderDialog(data_menu.current_database(window), window)
    qtbot.addWidget(dialog)
    assert dialog.choose_mirror() and user_config.backup_mirror() == stick
    assert str(stick) in dialog.mirror_label.text()
    dialog.clear_mirror()
    assert user_config.backup_mirror() is None and "未设置" in dialog.mirror_label.text()


def test_the_log_folder_can_be_copied_where_no_file_manager_is_registered(tmp_path: Path, qtbot,  # noqa: ANN001
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_menu.QDesktopServices, "openUrl", lambda _url: False)
    dialog = FolderDialog(tmp_path / "logs", "日志文件夹", "程序日志保存在：")
    qtbot.addWidget(dialog)
    dialog.open_button.click()
    assert "没有可用的文件管理器" in dialog.note.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(tmp_path / "logs")


def test_before_the_database_is_attached_backup_asks_to_wait(said, qtbot) -> None:  # noqa: ANN001
    from gwr_desktop.ui.main_window import MainWindow

    bare = MainWindow(None)
    qtbot.addWidget(bare)
    assert data_menu.backup_to_chosen_file(bare) is None and "稍候" in said[-1][1]


