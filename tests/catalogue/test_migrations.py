"""Alembic: an empty database reaches head; a database from a newer app is refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from gwr_desktop.storage import migrate, row_security
from gwr_desktop.storage.engine import make_engine, sqlite_file
from gwr_desktop.storage.models import Base


def test_empty_database_upgrades_to_head(db_url: str) -> None:
    engine = make_engine(db_url)
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    assert not migrate.needs_upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    migrate.upgrade(engine)  # idempotent
    engine.dispose()


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(db_url)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        # The login table and the change counters exist only on a shared server, made by revision 0009 from
        # storage/row_security.py (no model maps them: the app reaches them through SQL functions and polls).
        server_only = {row_security.LOGINS, row_security.CHANGES}
        context = MigrationContext.configure(connection, opts={
            "include_name": lambda name, kind, _parent: not (kind == "table" and name in server_only)})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_newer_database_is_refused_without_a_write(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    path = sqlite_file(sqlite_url)
    assert path is not None
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    engine = make_engine(sqlite_url)
    with pytest.raises(migrate.SchemaTooNewError, match="更新版本"):
        migrate.upgrade(engine)
    engine.dispose()
    assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == digest


def test_sqlite_ddl_is_transactional(sqlite_url: str) -> None:
    """Regression: a migration interrupted half-way must leave nothing behind (kill soak, 2026-11-29)."""
    engine = make_engine(sqlite_url)
    with pytest.raises(RuntimeError), engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("killed half-way")
    assert "half_done" not in inspect(engine).get_table_names()
    engine.dispose()


def test_a_failed_first_migration_can_be_run_again(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from alembic.operations import Operations

    engine = make_engine(sqlite_url)
    real_create = Operations.create_table
    calls = {"n": 0}

    def create_then_fail(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("killed during the first migration")
        return real_create(self, *args, **kwargs)

    monkeypatch.setattr(Operations, "create_table", create_then_fail)
    with pytest.raises(RuntimeError):
        migrate.upgrade(engine)
    assert inspect(engine).get_table_names() == []  # nothing half-created
    monkeypatch.setattr(Operations, "create_table", real_create)
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    engine.dispose()
