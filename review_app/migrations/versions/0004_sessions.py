"""Sessions that can be ended: a per-user session version, and the wrong sign-ins counted
for throttling when there is no Redis.

Revision ID: 0004_sessions
Revises: 0002
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_sessions'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1',
                                      nullable=False))
    op.create_table('sign_in_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_failure'))
    )
    with op.batch_alter_table('sign_in_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_failure_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_failure_key'), ['key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sign_in_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_failure_key'))
        batch_op.drop_index(batch_op.f('ix_sign_in_failure_at'))
    op.drop_table('sign_in_failure')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_version')
