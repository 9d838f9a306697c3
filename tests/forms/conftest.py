"""Fixtures for the forms tests: a database holding the bundled 2023 plan, on SQLite (copied from a template
imported once per session) or on PostgreSQL (imported per test)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gwr_desktop.paths import bundled_plan
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.storage.engine import sqlite_file

PLAN = "2023"
UNIT = "市商务局"


@pytest.fixture(scope="session")
def plan_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "plan.db"
    db = open_database(f"sqlite:///{path}")
    import_plan(db, bundled_plan())
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def _open_with_plan(url: str, template: Path) -> Database:
    target = sqlite_file(url)
    if target is not None:
        shutil.copyfile(template, target)
        return open_database(url)
    db = open_database(url)
    import_plan(db, bundled_plan())
    return db


@pytest.fixture
def db(db_url: str, plan_template: Path) -> Iterator[Database]:
    """The plan imported, on each back-end."""
    database = _open_with_plan(db_url, plan_template)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(sqlite_url: str, plan_template: Path) -> Iterator[Database]:
    database = _open_with_plan(sqlite_url, plan_template)
    yield database
    database.close()
