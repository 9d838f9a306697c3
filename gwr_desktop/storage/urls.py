"""Database URLs without SQLAlchemy: which URL to use, and the SQLite file a URL names.

The window's start-up path (instance lock, read-only checks, the start-view snapshot) needs only these,
and importing SQLAlchemy costs about half a second, so the parsing here is plain string handling that
agrees with `sqlalchemy.engine.make_url` for the URLs the app accepts (tests/storage/test_urls.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

from gwr_desktop.paths import default_database_url


def resolve_url(explicit: str | None = None) -> str:
    """--db beats GWR_DB beats the per-user default. A bare path means a SQLite file."""
    value = explicit or os.environ.get("GWR_DB") or default_database_url()
    if "://" not in value:
        value = f"sqlite:///{Path(value).expanduser().resolve()}"
    return value


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
