"""Database failures a person must be told about, each a `DatabaseError` whose message (Chinese) names the cause.

Every way of reaching a database (open, check, read, write; SQLite or PostgreSQL) ends either in a result or in
one of these: the CLI prints the message and exits 2, the window shows it in a dialog. No SQLAlchemy here, so the
window's start-up checks can raise them before SQLAlchemy is imported (see storage/urls.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from gwr_desktop.storage.urls import sqlite_file

NOT_APPLIED = "这次的操作没有生效，已保存的数据不受影响。"
RESTORE_HINT = "可用命令 check 查看最近的完好备份，用 restore 恢复；在窗口中可用“文件 → 恢复备份…”。"


class DatabaseError(RuntimeError):
    """A failure to report to the user as it is: the message already says what happened and what to do."""


class DatabaseUrlError(DatabaseError):
    """The --db / GWR_DB value is malformed, names a database kind the app does not support, or lacks a driver."""


class DatabaseDriverMissingError(DatabaseUrlError):
    """A server URL on a PC without the driver: PostgreSQL support is an optional part of the installation."""


class DatabaseUnreachableError(DatabaseError):
    """The database server cannot be reached, refused us, or has no such database."""


class DatabaseBusyError(DatabaseError):
    """Another program kept the database locked for longer than a writer waits."""


class DatabaseReadOnlyError(DatabaseError):
    """The database (or its folder) cannot be written by this user: it may be read, not changed."""


class DatabaseAccessError(DatabaseError):
    """The database file cannot be opened at all: missing folder, no permission to read, a folder in its place."""


class DatabaseFullError(DatabaseError):
    """The disk is full (or the file reached the size the system allows)."""


class DatabaseIOError(DatabaseError):
    """The disk failed while reading or writing (removed USB stick, network drive gone, hardware error)."""


class DatabaseSchemaError(DatabaseError):
    """The schema is not what its version says: the version record is missing, or tables/columns are missing."""


class DatabaseDamagedError(DatabaseError):
    """The SQLite file failed the integrity check; nothing was written to it."""


class NotOurDatabaseError(DatabaseError):
    """The file is empty (0 bytes) or another program's database: it is refused rather than adopted."""


def where(url: str) -> str:
    """How a message names the database: the SQLite file with its folder, or the server and database name."""
    path = sqlite_file(url)
    if path is not None:
        return f"数据库文件“{path.name}”（位于 {path.parent}）"
    if url.startswith("sqlite"):
        return "内存数据库"
    return f"服务器数据库“{server_database(url)}”（{server_host(url)}）"


def server_host(url: str) -> str:
    """host:port of a server URL, or the socket folder of a local socket URL (…?host=/run/postgresql)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host:
        query = dict(pair.partition("=")[::2] for pair in parts.query.split("&") if pair)
        host = unquote(query.get("host", "")) or "本机"
    return f"{host}:{parts.port}" if parts.port else host


def server_database(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/")) or "（未指定）"


def read_only_message(url: str, folder: Path | None = None) -> str:
    """What a read-only database can and cannot do, and how to get a writable one."""
    if folder is not None:
        cause = f"数据库所在的文件夹“{folder}”是只读的（不允许写入，而 SQLite 需要在数据库旁边建立临时文件）"
    else:
        cause = f"{where(url)}是只读的（没有写入权限，或被设为不可修改）"
    return (f"{cause}，所以只能查看和导出，不能保存修改。要修改：请把数据库文件复制到自己有写入权限的文件夹，"
            "再用 --db 指定它打开；或请管理员修改文件和文件夹的权限。这不表示数据库已损坏。")


def busy_message(url: str, seconds: float) -> str:
    return (f"数据库正被另一程序写入，等待 {seconds:g} 秒后仍未结束，请稍后重试。{NOT_APPLIED}"
            f"如果一直如此，请关闭其他正在使用{where(url)}的程序（包括命令行）。")
