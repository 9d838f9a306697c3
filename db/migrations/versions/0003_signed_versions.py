"""signed form versions and their submissions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 01:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'form_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('quarter', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('content_json', sa.Text(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('signed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('plan_id', 'unit_id', 'kind', 'quarter', 'version'),
    )
    op.create_table(
        'form_submissions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('occasion', sa.String(length=12), nullable=False),
        sa.Column('written_at', sa.DateTime(), nullable=False),
        sa.Column('folder', sa.Text(), nullable=False),
        sa.Column('files', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['version_id'], ['form_versions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('form_submissions', schema=None) as batch_op:
        batch_op.create_index('ix_form_submissions_version', ['version_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('form_submissions', schema=None) as batch_op:
        batch_op.drop_index('ix_form_submissions_version')
    op.drop_table('form_submissions')
    op.drop_table('form_versions')
