"""Database URLs without SQLAlchemy: which URL to use, and the SQLite file a URL names.

The window's start-up path (instance lock, read-only checks, the start-view snapshot) needs only these,
and importing SQLAlchemy costs about half a second, so the parsing here is plain string handling that
agrees with `sqlalchemy.engine.make_url` for the URLs the app accepts (tests/storage/test_urls.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gwr_desktop.paths import default_database_url

URL_EXAMPLES = ("本程序支持：SQLite 数据库文件（直接写文件路径，或 sqlite:///路径）和 PostgreSQL 服务器"
                "（postgresql+psycopg://用户名@服务器:端口/数据库名）。")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
# The drivers the app ships and is tested with; `postgresql://` alone means psycopg (3), not SQLAlchemy's psycopg2.
_DRIVERS = {"sqlite": ("", "pysqlite"), "postgresql": ("psycopg",)}
_SERVER_ALIASES = ("postgresql://", "postgres://")


def resolve_url(explicit: str | None = None) -> str:
    """--db beats GWR_DB beats the per-user default. A bare path means a SQLite file."""
    value = explicit or os.environ.get("GWR_DB") or default_database_url()
    if "://" not in value:
        value = f"sqlite:///{Path(value).expanduser().resolve()}"
    for alias in _SERVER_ALIASES:
        if value.startswith(alias):
            value = "postgresql+psycopg://" + value[len(alias):]
    return value


def url_problem(url: str) -> str | None:
    """Why the app cannot use this URL, in Chinese (checked without connecting), or None when it may try."""
    scheme, _, _ = url.partition("://")
    backend, _, driver = scheme.partition("+")
    if not _SCHEME.match(scheme):
        return f"数据库地址“{_shown(url)}”的格式不正确。{URL_EXAMPLES}"
    if backend not in _DRIVERS:
        return f"不支持的数据库类型“{backend}”（地址“{_shown(url)}”）。{URL_EXAMPLES}"
    if driver not in _DRIVERS[backend]:
        return f"不支持的数据库驱动“{driver or '默认'}”（地址“{_shown(url)}”）。{URL_EXAMPLES}"
    if backend == "sqlite" and sqlite_file(url) is None:
        return f"“{_shown(url)}”是内存数据库，关闭后什么也不会保存。请指定一个数据库文件。{URL_EXAMPLES}"
    try:
        urlsplit(url).port  # noqa: B018 - parsing is the check: a port that is not a number raises
    except ValueError:
        return f"数据库地址“{_shown(url)}”中的端口不是有效的数字。{URL_EXAMPLES}"
    return None


def display_url(url: str) -> str:
    """The URL as a message may show it: never with its password."""
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if not password:
        return url
    return url.replace(f":{password}@", ":***@", 1)


_shown = display_url


def backend_name(url: str) -> str:
    """"sqlite" for sqlite:// and sqlite+driver://, "postgresql" for postgresql+psycopg://, and so on."""
    scheme, _, _ = url.partition("://")
    return scheme.split("+", 1)[0]


def is_sqlite(url: str) -> bool:
    return backend_name(url) == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for a server database or an in-memory one."""
    if not is_sqlite(url):
        return None
    _, _, rest = url.partition("://")
    _host, slash, database = rest.partition("/")  # sqlite:///x.db: empty host, then the path
    database = unquote(database.split("?", 1)[0])
    if not slash or not database or database == ":memory:":
        return None
    return Path(database)
