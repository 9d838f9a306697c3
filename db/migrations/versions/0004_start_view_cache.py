"""start view cache: the window's first paint without SQLAlchemy

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 02:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'start_view_cache',
        sa.Column('name', sa.String(length=20), nullable=False),
        sa.Column('app_version', sa.String(length=40), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('start_view_cache')
