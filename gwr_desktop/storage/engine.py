"""Engine creation. SQLite: WAL, synchronous=FULL, foreign keys, and writers that wait for each other.

Why BEGIN IMMEDIATE: a deferred transaction takes SQLite's write lock only at its first write, and when that
lock is held elsewhere SQLite reports `database is locked` at once (waiting there could deadlock two upgrading
readers, so the busy timeout is not applied). With the window open and a command-line `fill` running, most
edits were refused that way. A transaction that takes the write lock at BEGIN waits for it under the busy
timeout instead. So every transaction on a SQLite engine begins IMMEDIATE unless it is marked as a read
(execution option `READ_ONLY_SESSION`, which `Database.reading()` uses): a forgotten mark costs a little
concurrency, never a refused write.

A writer first waits `QUICK_WAIT_MS` silently; when it has to wait longer, `WriteWaits` listeners are told
(the window shows "waiting" in its status bar) until the lock is granted or `WRITE_WAIT_SECONDS` have passed,
which ends in a `DatabaseBusyError` whose message says so.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from gwr_desktop.storage.errors import DatabaseBusyError, busy_message
from gwr_desktop.storage.translate import WRITE_WAIT_SECONDS
from gwr_desktop.storage.urls import is_sqlite, resolve_url, sqlite_file

__all__ = ["READ_ONLY_SESSION", "WriteWaits", "is_sqlite", "make_engine", "make_session_factory", "resolve_url",
           "sqlite_file"]

READ_ONLY_SESSION = {"gwr_begin": "deferred"}  # execution options of a read: BEGIN (deferred), no write lock
QUICK_WAIT_MS = 250  # waits shorter than this are not worth announcing
READ_WAIT_MS = int(WRITE_WAIT_SECONDS * 1000)  # readers rarely wait in WAL mode (a checkpoint, a recovery)
SERVER_CONNECT_TIMEOUT_S = 10  # an unreachable server is reported after this, not after the TCP default (minutes)

WaitListener = Callable[[bool], None]


class WriteWaits:
    """Who is told that a write waits for another program's write (True), and that the wait is over (False)."""

    def __init__(self) -> None:
        self._listeners: list[WaitListener] = []

    def subscribe(self, listener: WaitListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def announce(self, waiting: bool) -> None:
        for listener in list(self._listeners):
            listener(waiting)


def make_engine(url: str, *, read_only: bool = False, waits: WriteWaits | None = None) -> Engine:
    """An engine for url. read_only (SQLite): open the file with `mode=ro`, so not even a journal is written."""
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True, connect_args=_server_connect_args(url))
    path = sqlite_file(url)
    if read_only and path is not None:
        engine = create_engine(url, creator=partial(_connect_read_only, path))
    else:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
    event.listen(engine, "connect", partial(_sqlite_pragmas, read_only=read_only))
    event.listen(engine, "begin", partial(_sqlite_begin, waits or WriteWaits(), url))
    return engine


def _server_connect_args(url: str) -> dict[str, object]:
    query = parse_qs(urlsplit(url).query)
    args: dict[str, object] = {} if "connect_timeout" in query else {"connect_timeout": SERVER_CONNECT_TIMEOUT_S}
    if "application_name" not in query:
        # One name per open database: the change signal says which connection wrote, so a window can tell
        # its own commits (already shown) from other people's (storage/changes.py).
        args["application_name"] = f"gwr-desktop-{os.getpid()}-{secrets.token_hex(4)}"
    return args


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # A folder we may not write to cannot hold the -shm/-wal files a WAL reader needs: then the file is read as
    # immutable (a snapshot; nobody can be writing it through this folder's missing -wal either).
    writable_folder = _folder_writable(path)
    mode = "mode=ro" if writable_folder or _has_wal_index(path) else "immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, check_same_thread=False)


def _folder_writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK)


def _has_wal_index(path: Path) -> bool:
    return path.with_name(path.name + "-shm").exists()


def _sqlite_pragmas(dbapi_connection, _record, *, read_only: bool) -> None:  # noqa: ANN001 - DBAPI connection
    # Durability first: WAL + FULL survives power loss when the disk honours fsync (reliability.md §1.3).
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={READ_WAIT_MS}")
    if not read_only:  # switching the journal mode writes the header; a read-only file keeps its own
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Python's sqlite3 module opens a transaction only before INSERT/UPDATE/DELETE, so CREATE TABLE ran
    # outside any transaction: a start killed half-way through the first migration left some tables and
    # no alembic_version, and every later start failed on "table plans already exists" (found by the kill
    # soak). The driver is put in autocommit and SQLAlchemy's own BEGIN (below) covers DDL as well.
    dbapi_connection.isolation_level = None


def _sqlite_begin(waits: WriteWaits, url: str, connection) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    raw = connection.connection.driver_connection
    if connection.get_execution_options().get("gwr_begin") == "deferred":
        raw.execute("BEGIN")
        return
    begin_immediate(raw, waits, url)


def begin_immediate(raw: sqlite3.Connection, waits: WriteWaits, url: str) -> None:
    """BEGIN IMMEDIATE: silently for a moment, then announced, until the lock or WRITE_WAIT_SECONDS."""
    raw.execute(f"PRAGMA busy_timeout={QUICK_WAIT_MS}")
    try:
        if _try_begin_immediate(raw):
            return
        waits.announce(True)
        try:
            raw.execute(f"PRAGMA busy_timeout={max(int(WRITE_WAIT_SECONDS * 1000) - QUICK_WAIT_MS, 0)}")
            if not _try_begin_immediate(raw):
                raise DatabaseBusyError(busy_message(url, WRITE_WAIT_SECONDS))
        finally:
            waits.announce(False)
    finally:
        raw.execute(f"PRAGMA busy_timeout={READ_WAIT_MS}")


def _try_begin_immediate(raw: sqlite3.Connection) -> bool:
    """True when the write lock was taken; False when another connection held it past the busy timeout."""
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return False
        raise
    return True


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
