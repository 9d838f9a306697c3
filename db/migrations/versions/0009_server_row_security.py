"""row-level security per unit, the login table and change notification (PostgreSQL only)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 10:00:00

The policies and triggers are generated from gwr_desktop.storage.row_security.UNIT_OWNED (one list of the
tables units own). SQLite is left exactly as it was: the embedded database has one user and no roles.
"""

from alembic import op

from gwr_desktop.storage import row_security

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    if row_security.is_postgresql(connection):
        row_security.install(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if row_security.is_postgresql(connection):
        row_security.uninstall(connection)
