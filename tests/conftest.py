"""Shared test infrastructure: Qt offscreen by default, and database URLs for both back-ends.

`db_url` runs a test once on SQLite and once on PostgreSQL. The PostgreSQL server comes from
the environment variable GWR_TEST_PG_URL (an admin URL; `.ci/run` and `tools/test.sh` start a
throwaway server and set it). Each test gets its own freshly created database, dropped afterwards.
Without GWR_TEST_PG_URL the PostgreSQL variant is skipped, or fails when CI is set.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from gwr_desktop.services.database import Database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL_ENV = "GWR_TEST_PG_URL"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own per-user folder (database, backups, logs, UI state); never the real one."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("GWR_DATA_DIR", str(folder))
    monkeypatch.delenv("GWR_DB", raising=False)
    return folder


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of an empty SQLite database file in the test's temporary directory."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty database: a SQLite file, or a fresh database on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return

    admin_url = os.environ.get(PG_URL_ENV, "").strip()
    if not admin_url:
        if _in_ci():
            pytest.fail(f"{PG_URL_ENV} missing in CI")
        pytest.skip(f"{PG_URL_ENV} not set; run `bash tools/test.sh` to test against PostgreSQL")

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"gwr_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
        try:
            # Keeps the query (host=<socket dir>&port=...) of the admin URL.
            yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def plan_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the bundled 2023 plan imported once per session; tests copy it."""
    from gwr_desktop.paths import bundled_plan
    from gwr_desktop.services.database import open_database
    from gwr_desktop.services.plan_import import import_plan

    path = tmp_path_factory.mktemp("template") / "plan.db"
    db = open_database(f"sqlite:///{path}")
    import_plan(db, bundled_plan())
    raw = db.engine.raw_connection()  # outside a transaction: a checkpoint cannot run inside one
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    db.close()
    return path


def open_with_plan(url: str, template: Path) -> Database:
    """An open database holding the plan: a copy of the template (SQLite) or a fresh import (PostgreSQL)."""
    from gwr_desktop.paths import bundled_plan
    from gwr_desktop.services.database import open_database
    from gwr_desktop.services.plan_import import import_plan
    from gwr_desktop.storage.engine import sqlite_file

    target = sqlite_file(url)
    if target is not None:
        shutil.copyfile(template, target)
        return open_database(url)
    db = open_database(url)
    import_plan(db, bundled_plan())
    return db


@pytest.fixture
def db(db_url: str, plan_template: Path) -> Iterator[Database]:
    """The bundled plan imported, on each back-end (SQLite and PostgreSQL)."""
    database = open_with_plan(db_url, plan_template)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(sqlite_url: str, plan_template: Path) -> Iterator[Database]:
    """The bundled plan imported, on SQLite only (pragmas, files, processes)."""
    database = open_with_plan(sqlite_url, plan_template)
    yield database
    database.close()
