"""Engine creation: SQLite gets WAL, synchronous=FULL, foreign keys and a busy timeout on every connection."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from gwr_desktop.storage.urls import is_sqlite, resolve_url, sqlite_file

__all__ = ["is_sqlite", "make_engine", "make_session_factory", "resolve_url", "sqlite_file"]


def make_engine(url: str) -> Engine:
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI connection
    # Durability first: WAL + FULL survives power loss when the disk honours fsync (reliability.md §1.3).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Python's sqlite3 module opens a transaction only before INSERT/UPDATE/DELETE, so CREATE TABLE ran
    # outside any transaction: a start killed half-way through the first migration left some tables and
    # no alembic_version, and every later start failed on "table plans already exists" (found by the kill
    # soak). The driver is put in autocommit and SQLAlchemy's own BEGIN (below) covers DDL as well.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    connection.exec_driver_sql("BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
