"""Backups through the SQLite backup API: verified, summarised, skipped when nothing changed, taken before risks."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from gwr_desktop.paths import bundled_plan, user_data_dir
from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.sqlite_files import verify_file
from gwr_desktop.services.database import open_database
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.storage import migrate
from gwr_desktop.storage import models as m
from tests.safety.conftest import add_typed_rows, all_rows

NOON = dt.datetime(2026, 3, 2, 12, 0, 0)


def test_backup_is_verified_summarised_and_listed(populated_db: Path) -> None:
    info = backups.create_backup(populated_db, reason="manual", now=NOON)
    assert info is not None
    assert info.path.parent == populated_db.with_name("工作.db.backups")
    assert info.path.name == "工作-20260302-120000-manual.db"
    assert verify_file(info.path) == []
    assert (info.summary.plans, info.summary.items, info.summary.filled_rows) == (1, 322, 5)
    assert info.summary.revision == migrate.head_revision(None)  # type: ignore[arg-type]
    assert "1 个方案，322 个事项，已填写 5 条" in info.summary.describe()
    assert all_rows(info.path) == all_rows(populated_db)
    listed = backups.list_backups(info.path.parent)
    assert [b.path for b in listed] == [info.path]
    assert listed[0] == info
    # A backup is one self-contained file: no -wal/-shm beside it.
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name, info.path.stem + ".json"]


def test_default_database_backs_up_into_the_user_folder(private_user_folders: Path) -> None:
    db = open_database(None)
    import_plan(db, bundled_plan())
    db.close()
    info = backups.backup_before(f"sqlite:///{user_data_dir() / 'gwr.db'}", "manual", now=NOON)
    assert info is not None and info.path.parent == private_user_folders / "backups"


def test_unchanged_content_is_not_backed_up_twice(populated_db: Path) -> None:
    url = f"sqlite:///{populated_db}"
    first = backups.backup_before(url, "startup", now=NOON)
    assert first is not None
    assert backups.backup_before(url, "startup", now=NOON + dt.timedelta(hours=1)) is None
    add_typed_rows(populated_db, 1, start=100)
    second = backups.backup_before(url, "startup", now=NOON + dt.timedelta(hours=2))
    assert second is not None and second.summary.filled_rows == 6
    assert [b.path for b in backups.list_backups(first.path.parent)] == [second.path, first.path]


def test_nothing_to_back_up(tmp_path: Path) -> None:
    assert backups.backup_before("postgresql+psycopg://nobody@localhost/none", "startup") is None
    assert backups.backup_before(f"sqlite:///{tmp_path / 'absent.db'}", "startup") is None
    empty = tmp_path / "empty.db"
    open_database(str(empty)).close()  # schema only: no plan, nothing typed
    assert backups.backup_before(f"sqlite:///{empty}", "startup") is None


def test_leftovers_of_an_interrupted_backup_are_removed_not_listed(populated_db: Path) -> None:
    folder = backups.backup_folder(populated_db)
    folder.mkdir()
    dead_pid = 2**22 + 12345  # above Linux's pid_max
    (folder / f".incomplete-{dead_pid}.db").write_bytes(b"half a backup")
    assert backups.list_backups(folder) == []
    info = backups.create_backup(populated_db, reason="manual", now=NOON)
    assert info is not None
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name, info.path.stem + ".json"]


def test_backup_without_sidecar_is_still_listed(populated_db: Path) -> None:
    info = backups.create_backup(populated_db, reason="manual", now=NOON)
    assert info is not None
    info.path.with_suffix(".json").unlink()
    (listed,) = backups.list_backups(info.path.parent)
    assert listed.reason == "unknown" and listed.summary == info.summary and listed.fingerprint == info.fingerprint


def test_plan_import_backs_up_first(populated_db: Path) -> None:
    db = open_database(str(populated_db))
    with db.transaction() as session:
        session.add(m.Setting(key="last_export", value="2026-03-01"))
    before = all_rows(populated_db)
    import_plan(db, bundled_plan())  # the same plan again: a no-op, but the backup is still taken first
    db.close()
    (taken,) = backups.list_backups(backups.backup_folder(populated_db))
    assert taken.reason == "import"
    assert all_rows(taken.path) == before


def test_failed_backup_stops_the_import(populated_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gwr_desktop.services.plan_import import PlanImportError

    def disk_full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "copy_database", disk_full)
    db = open_database(str(populated_db))
    with db.transaction() as session:
        session.query(m.Plan).delete()
    with pytest.raises(PlanImportError, match="无法备份"):
        import_plan(db, bundled_plan())
    with db.reading() as session:
        assert session.query(m.Plan).count() == 0
    db.close()


def test_migration_backs_up_first(populated_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = all_rows(populated_db)
    # Only one schema revision exists so far; pretend the app just gained a newer one.
    monkeypatch.setattr(migrate, "needs_upgrade", lambda _engine: True)
    open_database(str(populated_db)).close()
    (taken,) = backups.list_backups(backups.backup_folder(populated_db))
    assert taken.reason == "migration" and all_rows(taken.path) == before


def test_export_backup_writes_a_verified_copy(populated_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "外带" / "副本.db"
    summary = backups.export_backup(populated_db, out)
    assert summary.items == 322 and verify_file(out) == [] and all_rows(out) == all_rows(populated_db)
    assert sorted(p.name for p in out.parent.iterdir()) == ["副本.db"]


def test_the_fingerprint_reads_a_large_file_in_pieces_and_ignores_the_write_counters(tmp_path: Path) -> None:
    """Issue 15: the whole file was read into memory twice at every start-up backup; now in 1 MB pieces."""
    import hashlib
    import os

    from gwr_desktop.safety.backup import fingerprint

    body = bytearray(os.urandom(3 * (1 << 20) + 12345))
    path = tmp_path / "big.db"
    path.write_bytes(bytes(body))
    counted = bytearray(body)
    counted[24:28], counted[92:100] = b"\1\2\3\4", b"\5" * 8  # what SQLite bumps on a write
    other = tmp_path / "bumped.db"
    other.write_bytes(bytes(counted))
    body[24:28], body[92:100] = b"\0" * 4, b"\0" * 8
    assert fingerprint(path) == fingerprint(other) == hashlib.sha256(body).hexdigest()
    counted[-1] ^= 1  # any other byte counts
    other.write_bytes(bytes(counted))
    assert fingerprint(other) != fingerprint(path)
