"""Read-only checks before the app writes anything: is the file a sound SQLite database of ours, from a known schema?

Why read-only first: merely connecting through the engine writes. `PRAGMA journal_mode=WAL` rewrites the
header of a rollback-journal database, and a read-write open rolls a stray `-journal` back into the file
(tried: a foreign hot journal beside a WAL database silently replaced its pages). A `mode=ro` connection
can do neither, so damaged or too-new files are reported with their bytes untouched.

Not even a companion file is left behind: a `mode=ro` reader of a WAL database creates `-wal` and `-shm`
beside it. A database with no companions has nothing but its file to read, so it is read as `immutable`
(no lock, no companion) — and its size, time and companions are compared before and after, so a writer that
started meanwhile sends the check round again through `mode=ro`.

What is not damage is not called damage: a file we may not read or write, a database another program holds
locked, a 0-byte file or another program's database each get their own state and their own advice.
"""

from __future__ import annotations

import enum
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gwr_desktop.safety.sqlite_files import companions, connect_read_only, integrity_problems
from gwr_desktop.storage import errors
from gwr_desktop.storage.errors import DatabaseDamagedError
from gwr_desktop.storage.urls import resolve_url, sqlite_file

__all__ = ["DatabaseDamagedError", "DbCheck", "DbState", "check_database", "check_file", "known_revisions",
           "refuse_unusable", "write_access_problem"]

# Tables only this app's databases have: a file holding some of them but no alembic_version is ours, damaged.
OUR_TABLES = frozenset({"plans", "plan_parts", "items", "item_assignments", "plan_problems", "form_headers"})


class DbState(enum.Enum):
    OK = "ok"
    NEW = "new"  # no file yet, or a SQLite file without a single table: the app will build the schema
    DAMAGED = "damaged"  # integrity check failed, or the schema is not what its version says
    TOO_NEW = "too_new"
    NOT_OURS = "not_ours"  # a 0-byte file, a folder, or another program's database: refused, never adopted
    UNREADABLE = "unreadable"  # no permission to read, or the disk failed: not damage
    BUSY = "busy"  # another program holds the file locked so that not even a reader gets in
    NOT_SQLITE = "not_sqlite"  # PostgreSQL: the server guards its own files


@dataclass(frozen=True)
class DbCheck:
    state: DbState
    path: Path | None = None
    message: str = ""  # what happened and what to do, for the user (Chinese)
    problems: list[str] = field(default_factory=list)  # SQLite's own words, for the log and "details"
    revision: str | None = None
    read_only: str | None = None  # why the database can be read but not changed (Chinese); None: writable

    @property
    def usable(self) -> bool:
        return self.state in (DbState.OK, DbState.NEW, DbState.NOT_SQLITE)


@dataclass(frozen=True)
class _Findings:
    problems: list[str]
    revision: str | None
    tables: set[str]
    missing: list[str]  # parts of the head schema the file lacks (thorough checks at head only)


def known_revisions() -> set[str]:
    # Read from the version scripts without importing Alembic (start-up speed; see storage/migrate.py).
    from gwr_desktop.storage.migrate import known_revisions as scripted_revisions

    return scripted_revisions()


def check_database(url: str | None = None, *, thorough: bool = False) -> DbCheck:
    """quick_check (or the full integrity_check) and the schema version, through a read-only connection."""
    resolved = resolve_url(url)
    path = sqlite_file(resolved)
    if path is None:
        return DbCheck(DbState.NOT_SQLITE)
    try:
        if not path.exists():
            return DbCheck(DbState.NEW, path, read_only=write_access_problem(path))
        return check_file(path, thorough=thorough)
    except OSError as error:  # a folder on the way we may not enter, a disk gone: not damage
        return DbCheck(DbState.UNREADABLE, path, _unreadable_message(path, "无法访问文件或它所在的文件夹"),
                       [str(error)])


def check_file(path: Path, *, thorough: bool = False) -> DbCheck:
    refusal = _refuse_without_reading(path)
    if refusal is not None:
        return refusal
    try:
        findings = _read_without_writing(path, thorough)
    except sqlite3.Error as error:
        return _unreadable(path, error)
    return _judge(path, findings)


def _refuse_without_reading(path: Path) -> DbCheck | None:
    """A folder, a file we may not read, a 0-byte file: told apart before SQLite is asked."""
    if path.is_dir():
        return DbCheck(DbState.NOT_OURS, path, f"“{path}”是一个文件夹，不是数据库文件。请用 --db 指定数据库文件。")
    if not path.is_file():
        return _not_ours(path, f"“{path}”不是一个普通文件（可能是设备或管道）。")
    if not os.access(path, os.R_OK):
        return DbCheck(DbState.UNREADABLE, path, _unreadable_message(path, "没有读取这个文件的权限"))
    if path.stat().st_size == 0 and not companions(path):
        return _not_ours(path, f"“{path.name}”是一个空文件（0 字节），里面没有任何数据，不是本程序的数据库。"
                         "如果它本应是已有的数据库，说明文件内容已经丢失，请从备份恢复；如果要新建数据库，"
                         "请删除这个空文件或换一个新的文件名。")
    return None


def _read_without_writing(path: Path, thorough: bool) -> _Findings:
    if not companions(path):
        before = _fingerprint(path)
        findings = _read(_connect_immutable(path), thorough)
        if _fingerprint(path) == before:
            return findings
    return _read(connect_read_only(path), thorough)  # a writer is (or was just) at work: read it properly


def _connect_immutable(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)


def _fingerprint(path: Path) -> tuple[int, int, tuple[str, ...]]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, tuple(sorted(companion.name for companion in companions(path)))


def _read(connection: sqlite3.Connection, thorough: bool) -> _Findings:
    try:
        problems = integrity_problems(connection, quick=not thorough)
        if problems:
            return _Findings(problems, None, set(), [])
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        revision = _revision(connection) if "alembic_version" in tables else None
        missing = _missing_at_head(connection, revision) if thorough else []
        return _Findings([], revision, tables, missing)
    finally:
        connection.close()


def _revision(connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _missing_at_head(connection: sqlite3.Connection, revision: str | None) -> list[str]:
    from gwr_desktop.storage.migrate import head_revision

    if revision is None or revision != head_revision():
        return []  # an older schema is upgraded (and checked) at open; only head has an expected shape here
    from gwr_desktop.storage.schema import missing_parts, sqlite_columns

    return missing_parts(sqlite_columns(connection))


def _judge(path: Path, found: _Findings) -> DbCheck:
    if found.problems:
        return _damaged(path, found.problems, f"数据库文件“{path.name}”的内容已损坏（完整性检查未通过）。")
    if found.revision is None and found.tables:
        return _unversioned(path, found.tables)
    if found.revision is not None and found.revision not in known_revisions():
        return DbCheck(DbState.TOO_NEW, path, _too_new_message(found.revision), revision=found.revision)
    if found.missing:
        from gwr_desktop.storage.schema import schema_message

        return _damaged(path, found.missing, schema_message(f"数据库文件“{path.name}”", found.revision, found.missing))
    state = DbState.OK if found.revision is not None else DbState.NEW
    return DbCheck(state, path, revision=found.revision, read_only=write_access_problem(path))


def _unversioned(path: Path, tables: set[str]) -> DbCheck:
    """Tables but no alembic_version: ours with its version record lost, or another program's database."""
    if len(tables & OUR_TABLES) >= 2:
        what = (f"数据库文件“{path.name}”里有本程序的数据，但记录结构版本的 alembic_version 表不见了"
                "（可能被其他工具改动过），无法确定该如何使用它。")
        return _damaged(path, [], what)
    shown = "、".join(sorted(tables)[:5]) + (" 等" if len(tables) > 5 else "")
    return _not_ours(path, f"“{path.name}”是一个 SQLite 数据库，但不是本程序的数据库（里面是 {shown}，"
                     "没有本程序的结构版本记录）。为免弄乱其中的数据，程序不会使用它，也没有改动它。"
                     "请用 --db 指定本程序的数据库文件，或换一个新的文件名以新建数据库。")


def _not_ours(path: Path, message: str) -> DbCheck:
    return DbCheck(DbState.NOT_OURS, path, message)


def _unreadable(path: Path, error: sqlite3.Error) -> DbCheck:
    code = getattr(error, "sqlite_errorname", "")
    if code == "SQLITE_READONLY_ROLLBACK":
        return _damaged(path, [str(error)], (
            f"数据库文件“{path.name}”旁有一个未完成事务的日志文件（{path.name}-journal）。本程序从不产生这种文件，"
            "它可能来自其他程序或被错误地复制过来；直接打开会把它写进数据库。"))
    if code.startswith("SQLITE_BUSY") or code.startswith("SQLITE_LOCKED"):
        message = (f"数据库文件“{path.name}”正被另一程序独占，连读取都不允许。请关闭正在使用它的程序"
                   "（例如数据库查看工具）后重试。数据库没有被改动。")
        return DbCheck(DbState.BUSY, path, message, [str(error)])
    if code.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return DbCheck(DbState.UNREADABLE, path, _unreadable_message(path, "无法打开文件"), [str(error)])
    if code.startswith("SQLITE_IOERR"):
        return DbCheck(DbState.UNREADABLE, path, _unreadable_message(path, "读取时磁盘出错"), [str(error)])
    if code == "SQLITE_NOTADB":
        return _damaged(path, [str(error)], f"“{path.name}”的文件头已损坏，或者它根本不是本程序的数据库文件。")
    return _damaged(path, [str(error)], f"数据库文件“{path.name}”已损坏，无法读取（{error}）。")


def _unreadable_message(path: Path, cause: str) -> str:
    return (f"无法读取数据库文件“{path.name}”（位于 {path.parent}）：{cause}。这不表示数据库已损坏。"
            "请检查文件和文件夹的权限（是否属于其他用户）、磁盘或U盘是否正常，以及是否被杀毒或同步软件占用。"
            "如果文件属于其他用户，可以请对方复制一份给你。")


def _damaged(path: Path, problems: list[str], what: str) -> DbCheck:
    advice = "为保护数据，程序没有对它做任何改动。可以从最近一次完好的备份恢复；原文件会被改名保留，不会删除。"
    return DbCheck(DbState.DAMAGED, path, f"{what}\n{advice}", problems)


def _too_new_message(revision: str) -> str:
    return (f"这个数据库由更新版本的本程序写入（数据库结构版本 {revision}），当前版本无法安全打开。"
            "请安装新版本后再打开；数据库未被改动。")


def write_access_problem(path: Path) -> str | None:
    """Why this SQLite file cannot be changed by us (Chinese), or None when the file and its folder are writable.

    Both matter: SQLite writes the -wal, -shm or -journal file beside the database. `os.access` honours
    permissions, ownership and the immutable flag (even for root), and the read-only attribute on Windows.
    """
    url = f"sqlite:///{path}"
    if path.exists() and not os.access(path, os.W_OK):
        return errors.read_only_message(url)
    if path.parent.exists() and not os.access(path.parent, os.W_OK):
        return errors.read_only_message(url, folder=path.parent)
    return None


_RAISES: dict[DbState, Callable[[str], errors.DatabaseError]] = {
    DbState.DAMAGED: DatabaseDamagedError,
    DbState.NOT_OURS: errors.NotOurDatabaseError,
    DbState.UNREADABLE: errors.DatabaseAccessError,
    DbState.BUSY: errors.DatabaseBusyError,
}


def refuse_unusable(url: str) -> DbCheck:
    """The check, or the DatabaseError it calls for, raised before anything writes (SchemaTooNewError, …)."""
    from gwr_desktop.storage.migrate import SchemaTooNewError

    result = check_database(url)
    if result.state is DbState.TOO_NEW:
        raise SchemaTooNewError(result.message)
    if result.state in _RAISES:
        raise _RAISES[result.state](result.message)
    return result
