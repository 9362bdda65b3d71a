"""The curriculum and the people: curricula, focus areas, competency groups, competencies,
their items with history; staff accounts, organisations, stakeholder groups, stakeholders.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('curriculum',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_curriculum')),
    sa.UniqueConstraint('stage', name=op.f('uq_curriculum_stage'))
    )
    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('name', name=op.f('uq_organisation_name'))
    )
    op.create_table('stakeholder_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stakeholder_group')),
    sa.UniqueConstraint('name', name=op.f('uq_stakeholder_group_name'))
    )
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('email', name=op.f('uq_user_email'))
    )
    op.create_table('focus_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('curriculum_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['curriculum_id'], ['curriculum.id'], name=op.f('fk_focus_area_curriculum_id_curriculum')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_focus_area'))
    )
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_focus_area_curriculum_id'), ['curriculum_id'], unique=False)

    op.create_table('stakeholder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['stakeholder_group.id'], name=op.f('fk_stakeholder_group_id_stakeholder_group')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_stakeholder_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stakeholder'))
    )
    op.create_table('competency_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('focus_area_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['focus_area_id'], ['focus_area.id'], name=op.f('fk_competency_group_focus_area_id_focus_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competency_group'))
    )
    with op.batch_alter_table('competency_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competency_group_focus_area_id'), ['focus_area_id'], unique=False)

    op.create_table('competency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('code_values', sa.JSON(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['competency_group.id'], name=op.f('fk_competency_group_id_competency_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competency'))
    )
    with op.batch_alter_table('competency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competency_group_id'), ['group_id'], unique=False)

    op.create_table('curriculum_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competency_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['competency_id'], ['competency.id'], name=op.f('fk_curriculum_item_competency_id_competency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_curriculum_item'))
    )
    with op.batch_alter_table('curriculum_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_curriculum_item_competency_id'), ['competency_id'], unique=False)

    op.create_table('item_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['curriculum_item.id'], name=op.f('fk_item_revision_item_id_curriculum_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_revision')),
    sa.UniqueConstraint('item_id', 'version', name=op.f('uq_item_revision_item_id_version'))
    )
    with op.batch_alter_table('item_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_revision_item_id'), ['item_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('item_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_revision_item_id'))

    op.drop_table('item_revision')
    with op.batch_alter_table('curriculum_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_curriculum_item_competency_id'))

    op.drop_table('curriculum_item')
    with op.batch_alter_table('competency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competency_group_id'))

    op.drop_table('competency')
    with op.batch_alter_table('competency_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competency_group_focus_area_id'))

    op.drop_table('competency_group')
    op.drop_table('stakeholder')
    with op.batch_alter_table('focus_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_focus_area_curriculum_id'))

    op.drop_table('focus_area')
    op.drop_table('user')
    op.drop_table('stakeholder_group')
    op.drop_table('organisation')
    op.drop_table('curriculum')
