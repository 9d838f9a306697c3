"""Low-level handling of a SQLite database file and its companions (-wal, -shm, -journal) as one unit.

Rules from reliability.md §1.2: never copy a live database with a file copy (use the backup API), never
separate a database from its journal, and never open the file with plain open() while connected.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from gwr_desktop.safety.durable import flush_file, flush_folder

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class SqliteFileError(RuntimeError):
    """The file could not be read as a SQLite database; the message is in Chinese."""


def companions(path: Path) -> list[Path]:
    """The companion files that exist next to the database right now."""
    candidates = (path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES)
    return [candidate for candidate in candidates if candidate.exists()]


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open without any right to write: SQLite refuses to roll back a hot journal or change the header."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def integrity_problems(connection: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    """Empty when the database is sound; otherwise SQLite's own descriptions of what is wrong."""
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}(20)")]
    return [] if rows == ["ok"] else rows


def verify_file(path: Path, *, quick: bool = False) -> list[str]:
    """integrity_check (or quick_check) of a file opened read-only; problems as text, [] when ok."""
    try:
        connection = connect_read_only(path)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        return integrity_problems(connection, quick=quick)
    except sqlite3.Error as error:
        return [str(error)]
    finally:
        connection.close()


def fsync_path(path: Path) -> None:
    """Flush a file through a handle opened for writing, or a folder's entries where the system allows it."""
    if path.is_dir():
        flush_folder(path)
    else:
        flush_file(path)


def set_aside(path: Path, label: str, when: dt.datetime) -> Path:
    """Rename the database and its companions together to `<name>.<label>-<time>`; their bytes stay as they were."""
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 2
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
        counter += 1
    moved_companions = companions(path)
    os.replace(path, target)
    for companion in moved_companions:
        os.replace(companion, target.with_name(target.name + companion.name[len(path.name):]))
    fsync_path(path.parent)
    return target


def copy_database(source: Path, target: Path) -> None:
    """Snapshot source into a new file through the backup API, as a single-file (rollback-journal) database."""
    reader = connect_read_only(source)
    writer = sqlite3.connect(target, isolation_level=None)
    try:
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode=DELETE")
    finally:
        writer.close()
        reader.close()
