"""Replies under a comment, and when a proposal was last edited by its author.

Revision ID: 0009_room
Revises: 0008_manage
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_room'
down_revision = '0008_manage'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_comment_parent_id_comment'), 'comment',
                                    ['parent_id'], ['id'])
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edited_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_column('edited_at')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_parent_id_comment'), type_='foreignkey')
        batch_op.drop_column('parent_id')
