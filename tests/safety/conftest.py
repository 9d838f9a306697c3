"""Fixtures for the data-safety tests: a per-test user folder and databases with real content."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from gwr_desktop.paths import bundled_plan
from gwr_desktop.services.database import open_database
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.storage import models as m


def add_typed_rows(path: Path, count: int, start: int = 0) -> None:
    """Rows in a table outside the catalogue, standing in for what officers type into the forms."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE IF NOT EXISTS typed_rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        connection.executemany("INSERT INTO typed_rows (id, body) VALUES (?, ?)",
                               [(i, f"第{i}条：完成情况良好") for i in range(start, start + count)])
    connection.close()


@pytest.fixture
def populated_db(tmp_path: Path) -> Path:
    """A migrated SQLite file holding the bundled plan, a setting and 5 typed rows; no connection left open."""
    path = tmp_path / "data" / "工作.db"
    db = open_database(str(path))
    import_plan(db, bundled_plan())
    with db.transaction() as session:
        session.add(m.Setting(key="unit", value="市商务局"))
    db.close()
    add_typed_rows(path, 5)
    return path


def file_digests(path: Path) -> dict[str, str]:
    """SHA-256 of the database and every companion file beside it, by name."""
    names = [path.name + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    return {name: hashlib.sha256((path.parent / name).read_bytes()).hexdigest()
            for name in names if (path.parent / name).exists()}


def stored_digests(path: Path) -> dict[str, str]:
    """Digests of everything that holds data: the file, a non-empty -wal and a -journal.

    A read-only reader of a WAL database may create an empty -wal and the -shm index; neither holds data.
    """
    return {name: digest for name, digest in file_digests(path).items()
            if not name.endswith("-shm") and not (name.endswith("-wal") and digest == _EMPTY)}


_EMPTY = hashlib.sha256(b"").hexdigest()


def all_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: the row-for-row picture of a database."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                for table in tables}
    finally:
        connection.close()
