"""Start-up detection: damage and newer schemas are found through a read-only connection; no byte is written."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.restore import restore_backup
from gwr_desktop.safety.startup_checks import DatabaseDamagedError, DbState, check_database
from gwr_desktop.services.database import open_database
from gwr_desktop.storage import migrate
from gwr_desktop.storage.engine import make_engine
from tests.safety.conftest import all_rows, file_digests, stored_digests
from tests.safety.damage import DAMAGES

NOON = dt.datetime(2026, 3, 2, 12, 0)


def test_sound_new_and_remote_databases(populated_db: Path, tmp_path: Path) -> None:
    sound = check_database(f"sqlite:///{populated_db}", thorough=True)
    assert sound.state is DbState.OK and sound.usable and sound.revision is not None
    assert check_database(str(tmp_path / "nothing-yet.db")).state is DbState.NEW
    assert check_database("postgresql+psycopg://u@localhost/x").state is DbState.NOT_SQLITE


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damage_is_detected_without_a_write_and_the_newest_good_backup_restores(
        damage: str, populated_db: Path) -> None:
    url = f"sqlite:///{populated_db}"
    good = backups.create_backup(populated_db, reason="startup", now=NOON)
    assert good is not None
    DAMAGES[damage](populated_db)
    damaged_bytes = file_digests(populated_db)

    result = check_database(url)
    assert result.state is DbState.DAMAGED and not result.usable
    assert populated_db.name in result.message and "备份" in result.message and result.problems
    with pytest.raises(DatabaseDamagedError):
        open_database(url)
    with pytest.raises(DatabaseDamagedError):
        open_database(url, upgrade=False)
    assert file_digests(populated_db) == damaged_bytes  # not one byte written

    outcome = restore_backup(populated_db, good.path, now=NOON + dt.timedelta(hours=1))
    assert outcome.set_aside is not None and outcome.safety_backup is None
    kept = {name.replace(populated_db.name, outcome.set_aside.name, 1): digest
            for name, digest in damaged_bytes.items()}
    assert file_digests(outcome.set_aside) == kept  # the damaged set is kept, byte for byte, under a new name
    assert check_database(url, thorough=True).state is DbState.OK
    assert all_rows(populated_db) == all_rows(good.path)
    open_database(url).close()


def test_damage_messages_say_what_happened(populated_db: Path) -> None:
    DAMAGES["stray_journal"](populated_db)
    assert "日志文件" in check_database(str(populated_db)).message
    header = populated_db.with_name("header.db")
    header.write_bytes(bytes(100) + b"\x01" * 8000)
    assert "文件头" in check_database(str(header)).message


@pytest.mark.parametrize("journal_mode", ["WAL", "DELETE"])
def test_newer_schema_is_refused_with_its_bytes_unchanged(sqlite_url: str, tmp_path: Path,
                                                          journal_mode: str) -> None:
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        connection.execute(text(f"PRAGMA journal_mode={journal_mode}"))
    engine.dispose()
    path = tmp_path / "test.db"
    before = file_digests(path)
    assert set(before) == {"test.db"}

    result = check_database(sqlite_url)
    assert result.state is DbState.TOO_NEW and result.revision == "9999_future" and "更新版本" in result.message
    with pytest.raises(migrate.SchemaTooNewError, match="未被改动"):
        open_database(sqlite_url)
    assert stored_digests(path) == before


def test_the_engine_alone_would_have_written_to_a_rollback_journal_database(sqlite_url: str,
                                                                             tmp_path: Path) -> None:
    """Why the read-only check must come first: connecting through the engine switches to WAL, a write."""
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine)
    engine.dispose()
    plain = sqlite3.connect(tmp_path / "test.db")  # a journal-mode switch cannot run inside a transaction
    plain.execute("PRAGMA journal_mode=DELETE")
    plain.close()
    before = file_digests(tmp_path / "test.db")
    engine = make_engine(sqlite_url)
    with engine.connect():
        pass
    engine.dispose()
    assert file_digests(tmp_path / "test.db") != before
