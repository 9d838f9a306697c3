"""plan lead rule and source format; printed leader, deadline and grammar of items

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-29 16:30:00
"""

import sqlalchemy as sa
from alembic import op

from gwr_desktop.storage.migration_ops import drop_columns

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plans and items imported before this revision read as "no rule stated, nothing printed, text dump":
    # what the old importer knew (the rule it applied is still in item_assignments.effective_role).
    op.add_column('plans', sa.Column('lead_rule_kind', sa.String(length=40), nullable=True))
    op.add_column('plans', sa.Column('lead_rule_quote', sa.Text(), server_default='', nullable=False))
    op.add_column('plans', sa.Column('source_format', sa.String(length=8), server_default='txt', nullable=False))
    op.add_column('items', sa.Column('leader', sa.Text(), server_default='', nullable=False))
    op.add_column('items', sa.Column('deadline', sa.Text(), server_default='', nullable=False))
    op.add_column('items', sa.Column('grammar', sa.String(length=80), server_default='', nullable=False))


def downgrade() -> None:
    drop_columns('items', ('grammar', 'deadline', 'leader'))
    drop_columns('plans', ('source_format', 'lead_rule_quote', 'lead_rule_kind'))

