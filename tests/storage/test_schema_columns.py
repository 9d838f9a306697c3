"""The schema check reads a SQLite database's columns in one query (issue 15): the same answer as the inspector."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from gwr_desktop.services.database import DatabaseSchemaError, open_database
from gwr_desktop.storage.engine import make_engine
from gwr_desktop.storage.schema import engine_columns, expected_columns, missing_parts


def inspected(engine) -> dict[str, set[str]]:  # noqa: ANN001 - Engine
    with engine.connect() as connection:
        found = inspect(connection).get_multi_columns()
    return {table: {column["name"] for column in columns} for (_schema, table), columns in found.items()}


def test_sqlite_columns_in_one_query_agree_with_the_inspector(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "a.db"))
    try:
        with db.engine.begin() as connection:
            connection.execute(text('CREATE TABLE "extra table" ("a b" INTEGER, c TEXT)'))
        assert engine_columns(db.engine) == inspected(db.engine)
        assert missing_parts(engine_columns(db.engine)) == []
        assert set(expected_columns()) <= set(engine_columns(db.engine))
    finally:
        db.close()


def test_a_dropped_column_is_still_refused_at_open(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    open_database(str(path)).close()
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE plans DROP COLUMN office_email"))
    engine.dispose()
    try:
        open_database(str(path)).close()
    except DatabaseSchemaError as error:
        assert "数据表 plans 的列 office_email" in str(error)
    else:
        raise AssertionError("a database lacking a column opened")
