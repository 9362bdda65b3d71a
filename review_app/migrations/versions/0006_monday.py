"""Invitation emails: when the last one was sent and by whom, or when and why it failed.

Revision ID: 0006_monday
Revises: 0004_sessions
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_monday'
down_revision = '0005_live_limits'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_sent_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('email_sent_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('email_failed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('email_failure', sa.String(length=500), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_invitation_email_sent_by_id_user'), 'user',
                                    ['email_sent_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invitation_email_sent_by_id_user'),
                                 type_='foreignkey')
        batch_op.drop_column('email_failure')
        batch_op.drop_column('email_failed_at')
        batch_op.drop_column('email_sent_by_id')
        batch_op.drop_column('email_sent_at')
