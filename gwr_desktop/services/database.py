"""The open database: engine, sessions, schema upgrade, the change hub and the write-wait hook, as one object.

This is the one door through which the command line and the window reach a database. Whatever goes wrong on
the way — a malformed URL, an unreachable server, a read-only, full, locked, damaged or foreign database —
leaves as a `DatabaseError` whose Chinese message names the cause and what to do (re-exported here, so the
CLI and the UI need nothing from storage). Importing this module does not import SQLAlchemy: the window's
start-up path uses `resolve_url`, `sqlite_file` and `url_problem` before its first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gwr_desktop.services.events import Change, ChangeHub
from gwr_desktop.storage.errors import (
    DatabaseAccessError,
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseDriverMissingError,
    DatabaseError,
    DatabaseFullError,
    DatabaseIOError,
    DatabaseReadOnlyError,
    DatabaseSchemaError,
    DatabaseUnreachableError,
    DatabaseUrlError,
    NotOurDatabaseError,
)
from gwr_desktop.storage.migrate import SchemaTooNewError
from gwr_desktop.storage.translate import WRITE_WAIT_SECONDS
from gwr_desktop.storage.urls import display_url, resolve_url, sqlite_file, url_problem

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from gwr_desktop.services.server_watch import ConnectionState
    from gwr_desktop.storage.engine import WriteWaits

__all__ = ["WRITE_WAIT_SECONDS", "Database", "DatabaseAccessError", "DatabaseBusyError", "DatabaseDamagedError",
           "DatabaseDriverMissingError", "DatabaseError", "DatabaseFullError", "DatabaseIOError",
           "DatabaseReadOnlyError", "DatabaseSchemaError", "DatabaseUnreachableError", "DatabaseUrlError",
           "NotOurDatabaseError", "SchemaTooNewError", "ServerLogin", "display_url", "is_server_url",
           "open_database", "resolve_url", "sqlite_file", "url_problem"]


@dataclass(frozen=True)
class ServerLogin:
    """Who a shared-server connection is (row-level security decides what it sees): one unit, or the 督查室."""

    unit: str | None  # the unit's canonical name; None for the office
    office: bool = False


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    hub: ChangeHub
    waits: WriteWaits | None = None
    read_only: str | None = None  # why nothing can be changed (Chinese), or None for a writable database
    login: ServerLogin | None = None  # a unit's or the office's login on a shared server; None: SQLite, owner
    # A server login's own choices (plan, and the office's unit), kept for this session instead of in the shared
    # settings table, which no unit may write (services/preferences.py).
    session_settings: dict[str, str] = field(default_factory=dict)
    connection: ConnectionState | None = None  # a server database's connection state (services/server_watch.py)
    _reader: Engine | None = field(default=None, init=False, repr=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error. SQLite: BEGIN IMMEDIATE (waits)."""
        if self.read_only is not None:
            raise DatabaseReadOnlyError(self.read_only)
        from gwr_desktop.storage.translate import translated

        with translated(self.url), self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read: SQLite begins deferred, so it never queues behind writers."""
        from gwr_desktop.storage.translate import translated

        with translated(self.url), self.sessions(bind=self._read_engine()) as session:
            yield session

    def on_write_wait(self, listener: Callable[[bool], None]) -> Callable[[], None]:
        """listener(True) when a write must wait for another program's write, listener(False) when it may go on.

        Called on the writing thread, while it waits; returns the unsubscribe function.
        """
        if self.waits is None:
            return lambda: None  # a server database: PostgreSQL's row locks are not announced
        return self.waits.subscribe(listener)

    def close(self) -> None:
        self.engine.dispose()

    def _read_engine(self) -> Engine:
        if self._reader is None:
            from gwr_desktop.storage.engine import READ_ONLY_SESSION

            self._reader = self.engine.execution_options(**READ_ONLY_SESSION)
        return self._reader


def open_database(url: str | None = None, *, upgrade: bool = True) -> Database:
    """Open (and by default migrate) the database at url, --db, GWR_DB or the per-user default.

    Raises a DatabaseError (with a Chinese message) when the database cannot be used; nothing is written then.
    """
    from gwr_desktop.services.database_open import open_checked_database

    resolved = resolve_url(url)
    problem = url_problem(resolved)
    if problem is not None:
        raise DatabaseUrlError(problem)
    engine, waits, read_only = open_checked_database(resolved, upgrade=upgrade)
    from gwr_desktop.storage.engine import make_session_factory

    db = Database(url=resolved, engine=engine, sessions=make_session_factory(engine), hub=ChangeHub(),
                  waits=waits, read_only=read_only)
    if is_server_url(resolved):
        from gwr_desktop.services.server_watch import identify

        identify(db)
    return db


def is_server_url(url: str) -> bool:
    """A PostgreSQL server (shared by many), as opposed to the embedded SQLite file."""
    return sqlite_file(url) is None and not url.startswith("sqlite")


def server_revision(url: str | None = None) -> str | None:
    """`check` for a server database: connects, refuses a newer or foreign schema; the revision (None: empty)."""
    db = open_database(url, upgrade=False)
    try:
        from gwr_desktop.storage import migrate
        from gwr_desktop.storage.translate import translated

        with translated(db.url):
            return migrate.current_revision(db.engine)
    finally:
        db.close()


def reopen_after_restore(db: Database, restored_from: str) -> None:
    """After a backup was restored into the open database: bring it to the current schema, tell every view."""
    from gwr_desktop.services.database_open import upgrade_with_backup

    upgrade_with_backup(db.engine, db.url)
    for topic in ("catalogue", "forms"):
        db.hub.emit(Change(topic, detail={"restored_from": restored_from}))
