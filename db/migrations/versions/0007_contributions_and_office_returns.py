"""contributions (配合材料) of helping units and lead units; the 督查室's returned files

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 18:16:19
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def _owned(*columns: sa.Column) -> list:
    """The columns every contribution table starts with: its id, plan and owning unit."""
    return [sa.Column('id', sa.Integer(), nullable=False), sa.Column('plan_id', sa.Integer(), nullable=False),
            sa.Column('unit_id', sa.Integer(), nullable=False), *columns,
            sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], ondelete='CASCADE'),
            sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ondelete='CASCADE'),
            sa.PrimaryKeyConstraint('id')]


def upgrade() -> None:
    op.create_table(
        'contribution_drafts',
        *_owned(sa.Column('item_key', sa.String(length=20), nullable=False),
                sa.Column('level', sa.String(length=8), nullable=False),
                sa.Column('quarter', sa.Integer(), nullable=False),
                sa.Column('ordinal', sa.Integer(), nullable=False),
                sa.Column('values_json', sa.Text(), nullable=False),
                sa.Column('version', sa.Integer(), nullable=False),
                sa.Column('updated_at', sa.DateTime(), nullable=False)),
        sa.UniqueConstraint('plan_id', 'unit_id', 'item_key', 'level', 'quarter', 'ordinal',
                            name='uq_contribution_drafts_place'),
    )
    op.create_table(
        'contribution_files',
        *_owned(sa.Column('helper_id', sa.Integer(), nullable=False),
                sa.Column('quarter', sa.Integer(), nullable=False),
                sa.Column('file_name', sa.String(length=255), nullable=False),
                sa.Column('file_sha256', sa.String(length=64), nullable=False),
                sa.Column('cells_digest', sa.String(length=64), nullable=False),
                sa.Column('exported_at', sa.DateTime(), nullable=False),
                sa.Column('imported_at', sa.DateTime(), nullable=False),
                sa.Column('replaced_by_id', sa.Integer(), nullable=True),
                sa.Column('version', sa.Integer(), nullable=False)),
        sa.ForeignKeyConstraint(['helper_id'], ['units.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['replaced_by_id'], ['contribution_files.id'], ondelete='SET NULL'),
        sa.UniqueConstraint('plan_id', 'unit_id', 'file_sha256', name='uq_contribution_files_file'),
    )
    with op.batch_alter_table('contribution_files') as batch:
        batch.create_index('ix_contribution_files_helper', ['plan_id', 'unit_id', 'helper_id', 'quarter'])
    op.create_table(
        'contribution_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('file_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('item_key', sa.String(length=20), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('work_json', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['file_id'], ['contribution_files.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('contribution_items') as batch:
        batch.create_index('ix_contribution_items_file_id', ['file_id'])
    op.create_table(
        'contribution_merges',
        *_owned(sa.Column('contribution_id', sa.Integer(), nullable=True),
                sa.Column('helper', sa.String(length=120), nullable=False),
                sa.Column('file_name', sa.String(length=255), nullable=False),
                sa.Column('item_key', sa.String(length=20), nullable=False),
                sa.Column('kind', sa.String(length=20), nullable=False),
                sa.Column('quarter', sa.Integer(), nullable=False),
                sa.Column('target', sa.String(length=80), nullable=False),
                sa.Column('mode', sa.String(length=10), nullable=False),
                sa.Column('merged_at', sa.DateTime(), nullable=False)),
        sa.ForeignKeyConstraint(['contribution_id'], ['contribution_items.id'], ondelete='SET NULL'),
    )
    with op.batch_alter_table('contribution_merges') as batch:
        batch.create_index('ix_contribution_merges_item', ['plan_id', 'unit_id', 'item_key'])
    op.create_table(
        'office_returns',
        *_owned(sa.Column('kind', sa.String(length=20), nullable=False),
                sa.Column('quarter', sa.Integer(), nullable=False),
                sa.Column('version', sa.Integer(), nullable=True),
                sa.Column('source', sa.String(length=10), nullable=False),
                sa.Column('confirmed', sa.Boolean(), nullable=False),
                sa.Column('edited', sa.Boolean(), nullable=False),
                sa.Column('checkable', sa.Boolean(), nullable=False),
                sa.Column('file_name', sa.String(length=255), nullable=False),
                sa.Column('file_sha256', sa.String(length=64), nullable=False),
                sa.Column('cells_digest', sa.String(length=64), nullable=False),
                sa.Column('document_digest', sa.String(length=64), nullable=False),
                sa.Column('received_on', sa.Date(), nullable=False),
                sa.Column('imported_at', sa.DateTime(), nullable=False),
                sa.Column('content_json', sa.Text(), nullable=False),
                sa.Column('current', sa.Boolean(), nullable=False),
                sa.Column('note', sa.Text(), nullable=False),
                sa.Column('row_version', sa.Integer(), nullable=False)),
        sa.UniqueConstraint('plan_id', 'file_sha256', name='uq_office_returns_file'),
    )
    with op.batch_alter_table('office_returns') as batch:
        batch.create_index('ix_office_returns_round', ['plan_id', 'kind', 'quarter', 'unit_id'])


def downgrade() -> None:
    for table, index in (('office_returns', 'ix_office_returns_round'),
                         ('contribution_merges', 'ix_contribution_merges_item'),
                         ('contribution_items', 'ix_contribution_items_file_id'),
                         ('contribution_files', 'ix_contribution_files_helper')):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(index)
        op.drop_table(table)
    op.drop_table('contribution_drafts')
