"""Restore is row-for-row, backs up the current state first, and refuses unusable backups without changes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.restore import RestoreError, restore_backup
from gwr_desktop.services.database import open_database
from gwr_desktop.storage import models as m
from tests.safety.conftest import add_typed_rows, all_rows, file_digests
from tests.safety.damage import garbage_page

NOON = dt.datetime(2026, 3, 2, 12, 0)


def _change_everything(path: Path) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DELETE FROM typed_rows WHERE id < 3")
        connection.execute("UPDATE settings SET value = '市财政局'")
        connection.execute("UPDATE items SET text = text || '（已改）' WHERE id % 7 = 0")
    connection.close()
    add_typed_rows(path, 40, start=500)


def test_restore_is_row_for_row_and_keeps_the_state_it_replaced(populated_db: Path) -> None:
    good = backups.create_backup(populated_db, reason="manual", now=NOON)
    assert good is not None
    _change_everything(populated_db)
    replaced = all_rows(populated_db)
    assert replaced != all_rows(good.path)

    outcome = restore_backup(populated_db, good.path, now=NOON + dt.timedelta(hours=2))
    assert all_rows(populated_db) == all_rows(good.path)
    assert outcome.set_aside is None and outcome.safety_backup is not None
    assert outcome.safety_backup.reason == "restore"
    assert all_rows(outcome.safety_backup.path) == replaced  # the restore can itself be undone

    undo = restore_backup(populated_db, outcome.safety_backup.path, now=NOON + dt.timedelta(hours=3))
    assert all_rows(populated_db) == replaced and undo.safety_backup is not None


def test_restore_under_an_open_database_is_seen_by_its_sessions(populated_db: Path) -> None:
    good = backups.create_backup(populated_db, reason="manual", now=NOON)
    assert good is not None
    db = open_database(str(populated_db))
    with db.transaction() as session:
        session.execute(m.Setting.__table__.update().values(value="改过"))
    restore_backup(populated_db, good.path, now=NOON + dt.timedelta(minutes=5))
    with db.reading() as session:
        assert session.scalars(select(m.Setting.value)).all() == ["市商务局"]
    with db.transaction() as session:  # and the app keeps writing normally afterwards
        session.add(m.Setting(key="after_restore", value="yes"))
    db.close()
    assert ("after_restore", "yes") in all_rows(populated_db)["settings"]


def test_a_damaged_backup_is_refused_and_nothing_changes(populated_db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    backups.export_backup(populated_db, bad)
    garbage_page(bad)
    before = file_digests(populated_db)
    with pytest.raises(RestoreError, match="完整性检查"):
        restore_backup(populated_db, bad)
    with pytest.raises(RestoreError, match="找不到"):
        restore_backup(populated_db, tmp_path / "missing.db")
    assert file_digests(populated_db) == before
    assert not backups.backup_folder(populated_db).exists()


def test_a_backup_from_a_newer_app_is_refused(populated_db: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    backups.export_backup(populated_db, newer)
    connection = sqlite3.connect(newer)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = file_digests(populated_db)
    with pytest.raises(RestoreError, match="更新版本"):
        restore_backup(populated_db, newer)
    assert file_digests(populated_db) == before


def test_restore_into_a_missing_database(populated_db: Path, tmp_path: Path) -> None:
    good = backups.create_backup(populated_db, reason="manual", now=NOON)
    assert good is not None
    fresh = tmp_path / "elsewhere" / "new.db"
    fresh.parent.mkdir()
    outcome = restore_backup(fresh, good.path)
    assert outcome.set_aside is None and all_rows(fresh) == all_rows(good.path)
