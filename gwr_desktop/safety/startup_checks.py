"""Read-only checks before the app writes anything: is the file a sound SQLite database from a known schema?

Why read-only first: merely connecting through the engine writes. `PRAGMA journal_mode=WAL` rewrites the
header of a rollback-journal database, and a read-write open rolls a stray `-journal` back into the file
(tried: a foreign hot journal beside a WAL database silently replaced its pages). A `mode=ro` connection
can do neither, so damaged or too-new files are reported with their bytes untouched.
"""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from gwr_desktop.safety.sqlite_files import connect_read_only, integrity_problems
from gwr_desktop.storage.urls import resolve_url, sqlite_file


class DbState(enum.Enum):
    OK = "ok"
    NEW = "new"  # no file yet: the app will create it
    DAMAGED = "damaged"
    TOO_NEW = "too_new"
    NOT_SQLITE = "not_sqlite"  # PostgreSQL: the server guards its own files


@dataclass(frozen=True)
class DbCheck:
    state: DbState
    path: Path | None = None
    message: str = ""  # what happened and what to do, for the user (Chinese)
    problems: list[str] = field(default_factory=list)  # SQLite's own words, for the log and "details"
    revision: str | None = None

    @property
    def usable(self) -> bool:
        return self.state in (DbState.OK, DbState.NEW, DbState.NOT_SQLITE)


class DatabaseDamagedError(RuntimeError):
    """The SQLite file failed the start-up check; nothing was written to it. The message is in Chinese."""


def known_revisions() -> set[str]:
    # Read from the version scripts without importing Alembic (start-up speed; see storage/migrate.py).
    from gwr_desktop.storage.migrate import known_revisions as scripted_revisions

    return scripted_revisions()


def check_database(url: str | None = None, *, thorough: bool = False) -> DbCheck:
    """quick_check (or the full integrity_check) and the schema version, through a read-only connection."""
    path = sqlite_file(resolve_url(url))
    if path is None:
        return DbCheck(DbState.NOT_SQLITE)
    if not path.exists():
        return DbCheck(DbState.NEW, path)
    return check_file(path, thorough=thorough)


def check_file(path: Path, *, thorough: bool = False) -> DbCheck:
    if not path.is_file():
        return _damaged(path, ["不是普通文件"], f"“{path}”不是一个文件。")
    try:
        connection = connect_read_only(path)
        try:
            problems = integrity_problems(connection, quick=not thorough)
            revision = None if problems else _revision(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        return _damaged(path, [str(error)], _explain(error, path))
    if problems:
        return _damaged(path, problems, f"数据库文件“{path.name}”的内容已损坏（完整性检查未通过）。")
    if revision is not None and revision not in known_revisions():
        return DbCheck(DbState.TOO_NEW, path, _too_new_message(revision), revision=revision)
    return DbCheck(DbState.OK, path, revision=revision)


def _revision(connection: sqlite3.Connection) -> str | None:
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
    if not has_table:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _explain(error: sqlite3.Error, path: Path) -> str:
    code = getattr(error, "sqlite_errorname", "")
    if code == "SQLITE_READONLY_ROLLBACK":
        return (f"数据库文件“{path.name}”旁有一个未完成事务的日志文件（{path.name}-journal）。本程序从不产生这种文件，"
                "它可能来自其他程序或被错误地复制过来；直接打开会把它写进数据库。")
    if code == "SQLITE_NOTADB":
        return f"“{path.name}”的文件头已损坏，或者它根本不是本程序的数据库文件。"
    if code in ("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR", "SQLITE_BUSY"):
        return f"无法读取数据库文件“{path.name}”（{error}）。请检查文件权限、磁盘，以及是否被杀毒或同步软件占用。"
    return f"数据库文件“{path.name}”已损坏，无法读取（{error}）。"


def _damaged(path: Path, problems: list[str], what: str) -> DbCheck:
    advice = "为保护数据，程序没有对它做任何改动。可以从最近一次完好的备份恢复；原文件会被改名保留，不会删除。"
    return DbCheck(DbState.DAMAGED, path, f"{what}\n{advice}", problems)


def _too_new_message(revision: str) -> str:
    return (f"这个数据库由更新版本的本程序写入（数据库结构版本 {revision}），当前版本无法安全打开。"
            "请安装新版本后再打开；数据库未被改动。")


def refuse_unusable(url: str) -> None:
    """Raise before anything writes: SchemaTooNewError for a newer schema, DatabaseDamagedError for damage."""
    from gwr_desktop.storage.migrate import SchemaTooNewError

    result = check_database(url)
    if result.state is DbState.TOO_NEW:
        raise SchemaTooNewError(result.message)
    if result.state is DbState.DAMAGED:
        raise DatabaseDamagedError(result.message)
