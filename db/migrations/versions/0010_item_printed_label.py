"""the item's own number as the plan prints it ("（三）", "83.", "①"), for the forms' 序号

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 19:00:00
"""

import sqlalchemy as sa
from alembic import op

from gwr_desktop.storage.migration_ops import drop_columns

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Items imported before this revision print their 序号 as before (domain.forms.seq_label's old rule).
    op.add_column('items', sa.Column('label', sa.String(length=24), server_default='', nullable=False))


def downgrade() -> None:
    drop_columns('items', ('label',))
