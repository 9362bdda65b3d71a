"""Proposals: the quality findings their new wording puts right.

Revision ID: 0007_proposal_fixes
Revises: 0006_monday
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_proposal_fixes'
down_revision = '0006_monday'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fixes', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_column('fixes')
