"""From a driver's exception to the `DatabaseError` that says, in Chinese, what happened and what to do.

Only failures of the environment are translated (disk, permissions, locks, network, a damaged or foreign
schema). A programming error (an integrity violation, bad SQL) is not: it stays a bug, logged with its
traceback, because a friendly message would hide it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from gwr_desktop.storage import errors as e
from gwr_desktop.storage.errors import NOT_APPLIED, where
from gwr_desktop.storage.urls import URL_EXAMPLES, display_url, url_problem

WRITE_WAIT_SECONDS = 10.0  # how long a writer waits for another program's write before giving up


@contextmanager
def translated(url: str, *, os_errors: bool = False) -> Iterator[None]:
    """Run a block; an environmental database failure inside it leaves as the matching DatabaseError.

    os_errors: also file-system errors (while opening: making the folder, building a new file). Inside a
    transaction they are left alone, since they may come from other files (an export) and would be misnamed.
    """
    try:
        yield
    except e.DatabaseError:
        raise
    except Exception as error:
        mapped = translate(error, url, os_errors=os_errors)
        if mapped is None:
            raise
        raise mapped from error


def translate(error: BaseException, url: str, *, os_errors: bool = False) -> e.DatabaseError | None:
    """The DatabaseError for error, or None when it is not a failure of the environment."""
    if isinstance(error, e.DatabaseError):
        return error
    driver_error = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's exception
    if isinstance(driver_error, sqlite3.Error):
        return _from_sqlite(driver_error, url)
    if type(driver_error).__module__.startswith("psycopg"):
        return _from_postgresql(driver_error, url)
    if isinstance(error, OSError):
        return _from_os(error, url) if os_errors else None
    return _from_sqlalchemy_setup(error, url)


# ---- SQLite ------------------------------------------------------------------------------------------------

def _from_sqlite(error: sqlite3.Error, url: str) -> e.DatabaseError | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    base = "_".join(name.split("_")[:2])  # SQLITE_IOERR_WRITE → SQLITE_IOERR
    text = str(error)
    if base in ("SQLITE_BUSY", "SQLITE_LOCKED") or "database is locked" in text:
        return e.DatabaseBusyError(e.busy_message(url, WRITE_WAIT_SECONDS))
    if base == "SQLITE_FULL":
        return e.DatabaseFullError(
            f"磁盘空间已满，无法写入{where(url)}。{NOT_APPLIED}请清理磁盘空间（或把数据库放到空间充足的位置）后重试。")
    if name == "SQLITE_READONLY_DBMOVED":
        return e.DatabaseReadOnlyError(
            f"{where(url)}在程序运行期间被移动、改名或删除，不能再写入。{NOT_APPLIED}请关闭程序，把文件放回原处后重新打开。")
    if base in ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"):
        return e.DatabaseReadOnlyError(e.read_only_message(url))
    if base == "SQLITE_IOERR":
        return e.DatabaseIOError(_io_message(url))
    if base == "SQLITE_CANTOPEN":
        return e.DatabaseAccessError(
            f"无法打开{where(url)}：文件夹不存在或不允许访问，或者这个位置是一个文件夹而不是文件。请检查路径和权限。")
    if base in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return e.DatabaseDamagedError(
            f"{where(url)}已损坏，无法读取（SQLite：{text}）。为保护数据，程序没有改动它。{e.RESTORE_HINT}")
    if base == "SQLITE_NOMEM":
        return e.DatabaseIOError(f"内存不足，无法处理{where(url)}。{NOT_APPLIED}请关闭其他程序后重试。")
    if text.startswith(("no such table", "no such column")):
        return e.DatabaseSchemaError(_schema_message(url, text))
    return None


def _io_message(url: str) -> str:
    return (f"读写{where(url)}时磁盘出错：磁盘可能已满、文件超过了系统允许的大小，或者U盘、网络盘已断开。"
            f"{NOT_APPLIED}请检查磁盘后重试；如果反复出现，请用 check 命令检查数据库。")


def _schema_message(url: str, detail: str) -> str:
    return (f"{where(url)}的结构不完整（{detail}），它可能被其他工具改动过或已损坏。为保护数据，程序没有改动它。"
            f"{e.RESTORE_HINT}")


# ---- PostgreSQL --------------------------------------------------------------------------------------------

def _from_postgresql(error: BaseException, url: str) -> e.DatabaseError | None:
    import psycopg

    state = getattr(error, "sqlstate", None) or ""
    server = e.server_host(url)
    lost = not state and isinstance(error, psycopg.OperationalError)  # libpq's own connection failures
    if lost or state.startswith(("08", "57P")) or state == "3D000":
        return e.DatabaseUnreachableError(
            f"无法连接数据库服务器 {server}：{_connection_reason(str(error), url)}。请检查网络、服务器地址和端口，"
            "或联系数据库管理员。")
    if state == "53100":
        return e.DatabaseFullError(f"数据库服务器 {server} 的磁盘已满。{NOT_APPLIED}请联系数据库管理员。")
    if state.startswith("53"):
        return e.DatabaseIOError(
            f"数据库服务器 {server} 资源不足（内存或连接数）。{NOT_APPLIED}请稍后重试或联系管理员。")
    if state in ("25006", "42501"):
        return e.DatabaseReadOnlyError(
            f"没有写入{where(url)}的权限（只读连接或权限不足）。{NOT_APPLIED}请联系数据库管理员。")
    if state in ("55P03", "57014", "40001", "40P01"):
        return e.DatabaseBusyError(
            f"{where(url)}正被其他人同时修改，这次的操作与之冲突或等待超时，请稍后重试。{NOT_APPLIED}")
    if state in ("42P01", "42703"):
        return e.DatabaseSchemaError(_schema_message(url, str(error).splitlines()[0]))
    return None


_CONNECTION_REASONS = (
    (("connection refused",), "服务器拒绝连接（服务没有运行，或端口不对）"),
    (("failed to resolve host", "could not translate host name", "name or service not known"),
     "找不到这个服务器名称（名称写错了，或网络不通）"),
    (("timeout expired", "timed out"), "连接超时（服务器没有响应，或网络不通）"),
    (("password authentication failed", "no password supplied", "role \"", "no pg_hba.conf entry"),
     "用户名或密码不正确，或者没有访问权限"),
    (("no such file or directory",), "本机找不到数据库服务（服务没有运行）"),
    (("terminating connection", "server closed the connection", "connection is lost", "consuming input failed"),
     "连接被服务器中断（服务器可能正在重启）"),
)


def _connection_reason(text: str, url: str) -> str:
    lowered = text.lower()
    if "does not exist" in lowered and "database" in lowered:
        return f"服务器上没有名为“{e.server_database(url)}”的数据库"
    for needles, reason in _CONNECTION_REASONS:
        if any(needle in lowered for needle in needles):
            return reason
    first = text.strip().splitlines()[0] if text.strip() else type(text).__name__
    return f"服务器返回：{first}"


# ---- before any connection: the URL and the driver ---------------------------------------------------------

def _from_os(error: OSError, url: str) -> e.DatabaseError | None:
    if isinstance(error, PermissionError):
        return e.DatabaseAccessError(f"没有权限访问{where(url)}或它所在的文件夹。请检查路径和权限。")
    import errno

    if error.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return e.DatabaseFullError(f"磁盘空间已满，无法写入{where(url)}。{NOT_APPLIED}请清理磁盘空间后重试。")
    if error.errno in (errno.EROFS,):
        return e.DatabaseReadOnlyError(e.read_only_message(url))
    return e.DatabaseIOError(_io_message(url))


def _from_sqlalchemy_setup(error: BaseException, url: str) -> e.DatabaseError | None:
    from sqlalchemy import exc

    if isinstance(error, exc.NoSuchModuleError | exc.ArgumentError):
        return e.DatabaseUrlError(url_problem(url) or f"数据库地址“{display_url(url)}”的格式不正确。{URL_EXAMPLES}")
    if isinstance(error, ModuleNotFoundError):
        if (error.name or "").split(".")[0] in ("psycopg", "psycopg_binary", "psycopg_c"):
            return e.DatabaseDriverMissingError(driver_missing_message(url))
        return e.DatabaseUrlError(
            f"数据库地址“{display_url(url)}”需要的驱动程序 {error.name} 没有安装。PostgreSQL 请写成 "
            "postgresql+psycopg://用户名@服务器/数据库名。")
    return None


def driver_missing_message(url: str) -> str:
    return (f"要连接 PostgreSQL 服务器（{e.server_host(url)}），需要程序的服务器支持组件 psycopg，这台电脑上没有安装。"
            "请安装带服务器支持的版本：pip install \"gwr-desktop[postgres]\"，或请信息中心安装。"
            "使用本机的 SQLite 数据库文件不需要它。")
