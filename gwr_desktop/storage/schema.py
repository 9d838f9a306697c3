"""Is the schema what its version says? The tables and columns the models expect, against what the database has.

A database whose alembic_version says "head" but which lacks a table (dropped by another tool, half-restored by
hand) used to open and then fail at the first screen that needed the table, with a traceback. It is now refused
at open, and `check` names what is missing. Extra tables and columns are allowed (a newer minor tool may add
some; the tests add their own).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

from sqlalchemy import Engine, inspect

Columns = Mapping[str, set[str]]


def expected_columns() -> dict[str, set[str]]:
    """Every table the models define at the head revision, with its column names."""
    from gwr_desktop.storage.models import Base

    return {name: {column.name for column in table.columns} for name, table in Base.metadata.tables.items()}


def missing_parts(actual: Columns, expected: Columns | None = None) -> list[str]:
    """What the database lacks, in Chinese: "数据表 items", "数据表 plans 的列 year"; [] when complete."""
    expected = expected_columns() if expected is None else expected
    missing: list[str] = []
    for table in sorted(expected):
        if table not in actual:
            missing.append(f"数据表 {table}")
            continue
        missing += [f"数据表 {table} 的列 {column}" for column in sorted(expected[table] - actual[table])]
    return missing


def engine_columns(engine: Engine) -> dict[str, set[str]]:
    """The tables and columns of a database: SQLite in one query, other back-ends through the inspector.

    Every open runs this check; the inspector costs SQLite one PRAGMA per table plus its reflection (~15 ms of
    a command's ~0.5 s, issue 15), where one join over sqlite_master gives the same names.
    """
    from gwr_desktop.storage.engine import READ_ONLY_SESSION

    with engine.connect().execution_options(**READ_ONLY_SESSION) as connection:
        if engine.dialect.name == "sqlite":
            return _grouped(connection.exec_driver_sql(_SQLITE_COLUMNS).all())
        found = inspect(connection).get_multi_columns()
    return {table: {column["name"] for column in columns} for (_schema, table), columns in found.items()}


_SQLITE_COLUMNS = ("SELECT m.name, p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p "
                   "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'")


def _grouped(rows: Sequence[Sequence[str]]) -> dict[str, set[str]]:
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return columns


def sqlite_columns(connection: sqlite3.Connection) -> dict[str, set[str]]:
    """The same through a plain (read-only) sqlite3 connection: what `check` uses."""
    return _grouped(connection.execute(_SQLITE_COLUMNS).fetchall())


def schema_message(where: str, revision: str | None, missing: list[str]) -> str:
    shown = "、".join(missing[:5]) + (f" 等 {len(missing)} 处" if len(missing) > 5 else "")
    version = f"（结构版本 {revision}）" if revision else ""
    return f"{where}的结构不完整{version}：缺少{shown}。它可能被其他工具改动过或已损坏。"
