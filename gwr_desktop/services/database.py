"""The open database: engine, session factory, schema upgrade and the change hub, as one object."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from gwr_desktop.safety.backup import backup_before
from gwr_desktop.safety.startup_checks import refuse_unusable
from gwr_desktop.services.events import ChangeHub
from gwr_desktop.storage import migrate
from gwr_desktop.storage.engine import make_engine, make_session_factory, resolve_url


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    hub: ChangeHub

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, upgrade: bool = True) -> Database:
    """Open (and by default migrate) the database at url, --db, GWR_DB or the per-user default."""
    resolved = resolve_url(url)
    refuse_unusable(resolved)  # read-only check first: a damaged or too-new file is never written to
    engine = make_engine(resolved)
    if upgrade:
        if migrate.current_revision(engine) is not None and migrate.needs_upgrade(engine):
            backup_before(resolved, "migration")
        migrate.upgrade(engine)
    return Database(url=resolved, engine=engine, sessions=make_session_factory(engine), hub=ChangeHub())
