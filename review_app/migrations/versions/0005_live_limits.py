"""Live limits and moderation: a participant removed from the day, a proposal hidden by the
facilitator, and an index for counting a participant's open proposals.

Revision ID: 0005_live_limits
Revises: 0002
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_live_limits'
down_revision = '0004_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('removed_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hidden_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_proposal_author_id'), ['author_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_author_id'))
        batch_op.drop_column('hidden_at')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('removed_at')
