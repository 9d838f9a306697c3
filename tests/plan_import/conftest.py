"""Fixtures for importing plans through the services, the command line and the window.

`database_state(db)` is what "nothing was written" is checked against: the bytes of the SQLite file (and
its write-ahead log) — byte for byte — or, on PostgreSQL, every table's rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from gwr_desktop.domain.units import UnitRegistry
from gwr_desktop.paths import bundled_plan, registry_path
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.storage import models as m
from gwr_desktop.storage.engine import sqlite_file

SEED_YEAR = "2023"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return bundled_plan()


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def registry() -> UnitRegistry:
    return UnitRegistry.from_json(registry_path())


@pytest.fixture
def empty_db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def next_year_text(seed_text: str, year: int = 2024) -> str:
    """The seed as another year's plan: its own title, 文号 and dates, the same 322 items."""
    return seed_text.replace(SEED_YEAR, str(year))


def write_text(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def database_state(db: Database) -> str:
    """A digest of everything stored: the SQLite file's bytes (and its WAL), or every row on a server."""
    path = sqlite_file(db.url)
    digest = hashlib.sha256()
    if path is not None:
        for part in (path, path.with_name(path.name + "-wal")):
            digest.update(part.read_bytes() if part.exists() else b"<none>")
        return digest.hexdigest()
    with db.reading() as session:
        for table in m.Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            for row in session.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
