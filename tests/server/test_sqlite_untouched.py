"""Issue 14 #5: SQLite stays the embedded default, untouched by the server machinery."""

from __future__ import annotations

from sqlalchemy import inspect

from gwr_desktop.services.database import Database
from gwr_desktop.services.server_watch import start_watch


def test_no_server_tables_roles_or_threads_on_sqlite(sqlite_db: Database) -> None:
    tables = inspect(sqlite_db.engine).get_table_names()
    assert not [name for name in tables if name.startswith("gwr_")]
    assert sqlite_db.login is None and sqlite_db.connection is None
    assert start_watch(sqlite_db) is None
    from gwr_desktop.ui.server.status import install_server_status

    assert install_server_status(None, sqlite_db) is None  # type: ignore[arg-type]
