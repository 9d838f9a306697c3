"""guarded_open and the restore dialogs, driven offscreen: restore offers, refusals, the menu action."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton
from pytestqt.qtbot import QtBot

from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.instance_lock import lock_holder
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change, ChangeHub
from gwr_desktop.ui.safety import restore_dialog
from gwr_desktop.ui.safety.backup_model import BACKUP_ROLE, BackupTableModel
from gwr_desktop.ui.safety.restore_dialog import RestoreDialog
from gwr_desktop.ui.safety.startup import guarded_open, open_restore_dialog, release_instance, restore_backup_action
from tests.safety.conftest import add_typed_rows, all_rows, file_digests, stored_digests
from tests.safety.damage import garbage_page, zeroed_header

NOON = dt.datetime(2026, 3, 2, 12, 0)


class Said:
    def __init__(self) -> None:
        self.warnings: list[tuple[str, str]] = []
        self.notices: list[str] = []
        self.questions: list[str] = []


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Said]:
    record = Said()
    prompts = restore_dialog.Prompts
    monkeypatch.setattr(prompts, "warn", classmethod(lambda _c, _p, title, text: record.warnings.append((title, text))))
    monkeypatch.setattr(prompts, "inform", classmethod(lambda _c, _p, _title, text: record.notices.append(text)))
    monkeypatch.setattr(prompts, "confirm", classmethod(lambda _c, _p, text: record.questions.append(text) or True))
    yield record
    release_instance()


def when_dialog_opens(qtbot: QtBot, act: Callable[[RestoreDialog], None]) -> None:
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RestoreDialog):
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def test_a_new_database_opens_and_is_held(said: Said, tmp_path: Path) -> None:
    path = tmp_path / "first-run" / "gwr.db"
    db = guarded_open(str(path))
    assert isinstance(db, Database)
    holder = lock_holder(str(path))
    assert holder is not None
    db.close()
    assert said.warnings == [] and not backups.backup_folder(path).exists()  # nothing worth a backup yet


def test_start_up_backs_up_changed_data(said: Said, populated_db: Path) -> None:
    db = guarded_open(str(populated_db))
    assert db is not None
    db.close()
    release_instance()
    (taken,) = backups.list_backups(backups.backup_folder(populated_db))
    assert taken.reason == "startup" and all_rows(taken.path) == all_rows(populated_db)
    db = guarded_open(str(populated_db))  # unchanged since: no second backup
    assert db is not None
    db.close()
    assert len(backups.list_backups(backups.backup_folder(populated_db))) == 1


def test_a_damaged_database_is_offered_the_newest_good_backup(said: Said, qtbot: QtBot, populated_db: Path,
                                                              tmp_path: Path) -> None:
    older = backups.create_backup(populated_db, reason="startup", now=NOON)
    add_typed_rows(populated_db, 3, start=50)
    newest = backups.create_backup(populated_db, reason="import", now=NOON + dt.timedelta(days=1))
    assert older is not None and newest is not None
    garbage_page(populated_db)
    damaged = file_digests(populated_db)
    seen: dict[str, object] = {}

    def pick_first(dialog: RestoreDialog) -> None:
        seen["rows"] = dialog.model.rowCount()
        seen["selected"] = dialog.selected_backup()
        dialog.grab().save(str(tmp_path / "damaged_dialog.png"))
        dialog.restore_button.click()

    when_dialog_opens(qtbot, pick_first)
    db = guarded_open(str(populated_db))
    assert db is not None
    db.close()
    assert seen["rows"] == 2 and seen["selected"] == newest
    assert all_rows(populated_db) == all_rows(newest.path)
    assert "导入方案前" in said.questions[0] and "改名保留" in said.notices[0]
    (kept,) = [p for p in tmp_path.glob("data/工作.db.damaged-*") if p.name[-1].isdigit()]
    assert file_digests(kept)[kept.name] == damaged["工作.db"]


def test_declining_the_restore_exits_without_touching_the_file(said: Said, qtbot: QtBot,
                                                               populated_db: Path) -> None:
    backups.create_backup(populated_db, reason="startup", now=NOON)
    garbage_page(populated_db)
    damaged = file_digests(populated_db)
    when_dialog_opens(qtbot, lambda dialog: dialog.reject())
    assert guarded_open(str(populated_db)) is None
    assert file_digests(populated_db) == damaged


def test_without_backups_the_damaged_file_can_be_kept_aside_for_a_fresh_start(
        said: Said, qtbot: QtBot, populated_db: Path, tmp_path: Path) -> None:
    zeroed_header(populated_db)
    damaged = file_digests(populated_db)["工作.db"]
    seen: dict[str, int] = {}

    def start_fresh(dialog: RestoreDialog) -> None:
        seen["rows"] = dialog.model.rowCount()
        (button,) = [b for b in dialog.findChildren(QPushButton) if b.text().startswith("保留损坏文件")]
        button.click()

    when_dialog_opens(qtbot, start_fresh)
    db = guarded_open(str(populated_db))
    assert db is not None
    db.close()
    assert seen["rows"] == 0 and "空数据库" in said.questions[0]
    (kept,) = [p for p in tmp_path.glob("data/工作.db.damaged-*") if p.name[-1].isdigit()]
    assert file_digests(kept)[kept.name] == damaged
    assert all_rows(populated_db)["plans"] == []


def test_a_newer_database_is_refused_with_a_message(said: Said, populated_db: Path) -> None:
    connection = sqlite3.connect(populated_db)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = stored_digests(populated_db)
    assert guarded_open(str(populated_db)) is None
    assert said.warnings and "更新版本" in said.warnings[0][1]
    assert stored_digests(populated_db) == before


def test_restore_from_the_menu_reloads_the_views(said: Said, qtbot: QtBot, populated_db: Path) -> None:
    db = guarded_open(str(populated_db))
    assert db is not None
    changes: list[Change] = []
    db.hub.subscribe(changes.append)
    before = all_rows(populated_db)
    with db.transaction() as session:
        session.execute(sqlite3_free_update())
    window = QMainWindow()
    qtbot.addWidget(window)
    action = restore_backup_action(window, db)
    assert action.text() == "恢复备份…" and action.isEnabled()
    when_dialog_opens(qtbot, lambda dialog: dialog.restore_button.click())
    action.trigger()
    assert all_rows(populated_db) == before
    assert {change.topic for change in changes} == {"catalogue", "forms"}
    assert "恢复前的数据已备份" in said.notices[0]
    with db.reading() as session:  # the open database reads the restored content
        assert session.execute(sqlite3_setting()).scalar_one() == "市商务局"
    db.close()


def sqlite3_free_update():  # noqa: ANN201 - a SQLAlchemy statement
    from sqlalchemy import update

    from gwr_desktop.storage import models as m

    return update(m.Setting).values(value="改过")


def sqlite3_setting():  # noqa: ANN201 - a SQLAlchemy statement
    from sqlalchemy import select

    from gwr_desktop.storage import models as m

    return select(m.Setting.value).where(m.Setting.key == "unit")


def test_restore_action_is_disabled_for_a_server_database(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    remote = Database(url="postgresql+psycopg://u@server/gwr", engine=None, sessions=None, hub=ChangeHub())  # type: ignore[arg-type]
    action = restore_backup_action(window, remote)
    assert not action.isEnabled() and "管理员" in action.toolTip()
    assert open_restore_dialog(window, remote) is False


def test_backup_table_model(qtmodeltester, populated_db: Path) -> None:  # noqa: ANN001 - pytest-qt fixture
    first = backups.create_backup(populated_db, reason="startup", now=NOON)
    second = backups.create_backup(populated_db, reason="manual", now=NOON + dt.timedelta(hours=1))
    model = BackupTableModel(backups.list_backups(backups.backup_folder(populated_db)))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.data(model.index(0, 0)) == "2026-03-02 13:00:00"
    assert model.data(model.index(0, 1)) == "手动备份"
    assert "322 个事项" in model.data(model.index(1, 2))
    assert model.data(model.index(1, 0), BACKUP_ROLE) == first and second is not None
