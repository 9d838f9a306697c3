"""Put a backup back: the current state is backed up first, a damaged file is set aside, never overwritten.

A sound database is restored in place through the backup API: SQLite replaces every page in one
transaction, so connections the app keeps open stay valid and simply read the restored content.
A damaged (or missing) database is renamed with its companions to `<name>.damaged-<time>` and the
backup is materialised under the original name from a verified temporary copy.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from gwr_desktop.os_errors import os_error_text, sqlite_error_text
from gwr_desktop.safety.backup import BackupError, BackupInfo, create_backup, summarize
from gwr_desktop.safety.durable import flush_file, flush_folder
from gwr_desktop.safety.sqlite_files import connect_read_only, copy_database, set_aside, verify_file
from gwr_desktop.safety.startup_checks import DbState, check_file, known_revisions, write_access_problem

log = logging.getLogger(__name__)


class RestoreError(RuntimeError):
    """The backup could not be restored; the database is as it was. The message is in Chinese."""


@dataclass(frozen=True)
class RestoreOutcome:
    restored_from: Path
    safety_backup: BackupInfo | None  # the state just before the restore (sound databases only)
    set_aside: Path | None  # where a damaged database was moved


def check_backup_file(backup: Path) -> None:
    """A backup must be a sound database from a schema this app knows; otherwise refuse before anything moves."""
    if not backup.is_file():
        raise RestoreError(f"找不到备份文件“{backup}”。")
    problems = verify_file(backup)
    if problems:
        raise RestoreError(f"备份文件“{backup.name}”未通过完整性检查，不能用于恢复：{problems[0]}")
    revision = summarize(backup).revision
    if revision is not None and revision not in known_revisions():
        raise RestoreError(f"备份文件“{backup.name}”来自更新版本的程序（结构版本 {revision}），当前版本不能恢复它。")


def restore_backup(db_path: Path, backup: Path, *, now: dt.datetime | None = None) -> RestoreOutcome:
    now = now or dt.datetime.now()
    check_backup_file(backup)
    read_only = write_access_problem(db_path)  # a restore writes the file and renames beside it: say so first
    if read_only is not None:
        raise RestoreError(f"无法恢复：{read_only}")
    state = check_file(db_path).state if db_path.exists() else DbState.NEW
    if state is DbState.OK:
        try:
            safety = create_backup(db_path, reason="restore", now=now)
        except BackupError as error:
            raise RestoreError(f"恢复前无法备份当前数据，已取消恢复：{error}") from error
        _copy_into_live(backup, db_path)
        outcome = RestoreOutcome(backup, safety, None)
    else:
        outcome = _replace_damaged(db_path, backup, now)
    log.info("恢复备份：%s → %s%s", backup, db_path,
             f"（损坏的文件已改名为 {outcome.set_aside.name}）" if outcome.set_aside else "")
    return outcome


def _replace_damaged(db_path: Path, backup: Path, now: dt.datetime) -> RestoreOutcome:
    try:
        moved = set_aside(db_path, "damaged", now) if db_path.exists() else None
    except OSError as error:
        raise RestoreError(f"无法把损坏的数据库“{db_path.name}”改名保留：{os_error_text(error)}。"
                           "请先关闭可能正在使用它的程序，数据库保持原样。") from error
    _materialise(backup, db_path)
    return RestoreOutcome(backup, None, moved)


def _copy_into_live(backup: Path, db_path: Path) -> None:
    reader = connect_read_only(backup)
    writer = sqlite3.connect(db_path, isolation_level=None, timeout=10)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        reader.backup(writer)
        writer.execute("PRAGMA wal_checkpoint(FULL)")
    except sqlite3.Error as error:
        raise RestoreError(f"恢复失败，数据库保持原样：{sqlite_error_text(error)}") from error
    finally:
        writer.close()
        reader.close()


def _materialise(backup: Path, db_path: Path) -> None:
    temporary = db_path.with_name(f".restoring-{db_path.name}")
    try:
        temporary.unlink(missing_ok=True)
        copy_database(backup, temporary)
        _switch_to_wal(temporary)
        flush_file(temporary)
        os.replace(temporary, db_path)
    except sqlite3.Error as error:
        temporary.unlink(missing_ok=True)
        raise RestoreError(f"恢复失败：{sqlite_error_text(error)}") from error
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise RestoreError(f"恢复失败：{os_error_text(error)}（{db_path.parent}）。") from error
    flush_folder(db_path.parent)


def _switch_to_wal(path: Path) -> None:
    """WAL before the rename: the app's first connection would switch it through a -journal, and a kill at that
    moment left what the next start rightly reports as a stray hot journal (tests/storage/test_new_database.py)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()  # the last connection: -wal and -shm are removed, the file stands alone
