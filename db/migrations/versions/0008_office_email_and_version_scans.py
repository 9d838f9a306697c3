"""the 督查室's e-mail address per plan; scans of signed pages kept with their version

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from gwr_desktop.storage.migration_ops import drop_columns

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plans imported before this revision have no address: 报送 then opens the e-mail without a recipient.
    op.add_column('plans', sa.Column('office_email', sa.String(length=254), server_default='', nullable=False))
    op.create_table(
        'version_scans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('media_type', sa.String(length=40), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['version_id'], ['form_versions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('version_scans') as batch:
        batch.create_index('ix_version_scans_version', ['version_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('version_scans') as batch:
        batch.drop_index('ix_version_scans_version')
    op.drop_table('version_scans')
    drop_columns('plans', ('office_email',))

