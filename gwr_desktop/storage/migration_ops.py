"""Operations the Alembic revisions share (db/migrations/versions/*).

Kept in the package, like row_security.py, so a revision's rule is written once and is found from a wheel and
from a frozen bundle alike.
"""

from __future__ import annotations

from alembic import op


def drop_columns(table: str, columns: tuple[str, ...]) -> None:
    """Drop columns in place. On SQLite (3.35+ drops a plain column itself) a batch copy would DROP TABLE the
    original, and with foreign keys on (storage.engine) that cascades into every row referring to it: a
    downgrade of `plans` or `items` would empty the assignments and the forms."""
    for column in columns:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        else:
            op.drop_column(table, column)
