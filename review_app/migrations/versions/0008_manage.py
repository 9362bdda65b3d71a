"""Archived Review Days; invitation emails' Message-ID and bounces.

Revision ID: 0008_manage
Revises: 0007_proposal_fixes
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_manage'
down_revision = '0007_proposal_fixes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('review_day', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_message_id', sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column('email_bounced_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('email_bounce', sa.String(length=500), nullable=True))
        batch_op.create_index(batch_op.f('ix_invitation_email_message_id'),
                              ['email_message_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_email_message_id'))
        batch_op.drop_column('email_bounce')
        batch_op.drop_column('email_bounced_at')
        batch_op.drop_column('email_message_id')
    with op.batch_alter_table('review_day', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
