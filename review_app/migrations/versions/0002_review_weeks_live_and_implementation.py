"""The week: review weeks and Review Days with agendas, baselines, invitations and
attendance; the live event log, proposals, comments, votes, feedback and decisions; changes
to implement.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('review_week',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_week')),
    sa.UniqueConstraint('starts_on', name=op.f('uq_review_week_starts_on'))
    )
    op.create_table('review_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_id', sa.Integer(), nullable=False),
    sa.Column('curriculum_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=False),
    sa.Column('call_link', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('baseline_frozen_at', sa.DateTime(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('join_link_nonce', sa.Integer(), nullable=False),
    sa.Column('focus_agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['curriculum_id'], ['curriculum.id'], name=op.f('fk_review_day_curriculum_id_curriculum')),
    sa.ForeignKeyConstraint(['facilitator_id'], ['user.id'], name=op.f('fk_review_day_facilitator_id_user')),
    sa.ForeignKeyConstraint(['week_id'], ['review_week.id'], name=op.f('fk_review_day_week_id_review_week')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_day'))
    )
    with op.batch_alter_table('review_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_day_week_id'), ['week_id'], unique=False)

    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_day_id', sa.Integer(), nullable=False),
    sa.Column('stakeholder_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('nonce', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_day_id'], ['review_day.id'], name=op.f('fk_invitation_review_day_id_review_day')),
    sa.ForeignKeyConstraint(['stakeholder_id'], ['stakeholder.id'], name=op.f('fk_invitation_stakeholder_id_stakeholder')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('review_day_id', 'stakeholder_id', name=op.f('uq_invitation_review_day_id_stakeholder_id'))
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_review_day_id'), ['review_day_id'], unique=False)

    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_day_id', sa.Integer(), nullable=False),
    sa.Column('stakeholder_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('via', sa.String(length=12), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['stakeholder_group.id'], name=op.f('fk_participant_group_id_stakeholder_group')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_participant_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['review_day_id'], ['review_day.id'], name=op.f('fk_participant_review_day_id_review_day')),
    sa.ForeignKeyConstraint(['stakeholder_id'], ['stakeholder.id'], name=op.f('fk_participant_stakeholder_id_stakeholder')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_participant_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_review_day_id'), ['review_day_id'], unique=False)

    op.create_table('live_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_day_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('op_id', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['participant.id'], name=op.f('fk_live_event_actor_id_participant')),
    sa.ForeignKeyConstraint(['review_day_id'], ['review_day.id'], name=op.f('fk_live_event_review_day_id_review_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_event')),
    sa.UniqueConstraint('review_day_id', 'op_id', name=op.f('uq_live_event_review_day_id_op_id')),
    sa.UniqueConstraint('review_day_id', 'seq', name=op.f('uq_live_event_review_day_id_seq'))
    )
    with op.batch_alter_table('live_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_event_review_day_id'), ['review_day_id'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_day_id', sa.Integer(), nullable=False),
    sa.Column('competency_id', sa.Integer(), nullable=True),
    sa.Column('theme', sa.String(length=100), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['participant.id'], name=op.f('fk_feedback_author_id_participant')),
    sa.ForeignKeyConstraint(['competency_id'], ['competency.id'], name=op.f('fk_feedback_competency_id_competency')),
    sa.ForeignKeyConstraint(['review_day_id'], ['review_day.id'], name=op.f('fk_feedback_review_day_id_review_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_review_day_id'), ['review_day_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_day_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('competency_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('timebox_minutes', sa.Integer(), nullable=False),
    sa.Column('prompts', sa.Text(), nullable=False),
    sa.Column('used_seconds', sa.Integer(), nullable=False),
    sa.Column('extra_minutes', sa.Integer(), nullable=False),
    sa.Column('timer_started_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['competency_id'], ['competency.id'], name=op.f('fk_agenda_item_competency_id_competency')),
    sa.ForeignKeyConstraint(['item_id'], ['curriculum_item.id'], name=op.f('fk_agenda_item_item_id_curriculum_item')),
    sa.ForeignKeyConstraint(['review_day_id'], ['review_day.id'], name=op.f('fk_agenda_item_review_day_id_review_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_review_day_id'), ['review_day_id'], unique=False)

    op.create_table('baseline_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_day_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['curriculum_item.id'], name=op.f('fk_baseline_entry_item_id_curriculum_item')),
    sa.ForeignKeyConstraint(['review_day_id'], ['review_day.id'], name=op.f('fk_baseline_entry_review_day_id_review_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_baseline_entry')),
    sa.UniqueConstraint('review_day_id', 'item_id', name=op.f('uq_baseline_entry_review_day_id_item_id'))
    )
    with op.batch_alter_table('baseline_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baseline_entry_review_day_id'), ['review_day_id'], unique=False)

    op.create_table('proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_day_id', sa.Integer(), nullable=False),
    sa.Column('competency_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('item_kind', sa.String(length=24), nullable=False),
    sa.Column('field', sa.String(length=10), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('base_title', sa.String(length=300), nullable=True),
    sa.Column('base_text', sa.Text(), nullable=True),
    sa.Column('new_title', sa.String(length=300), nullable=True),
    sa.Column('new_text', sa.Text(), nullable=True),
    sa.Column('new_position', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('carried_to_review_day_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['participant.id'], name=op.f('fk_proposal_author_id_participant')),
    sa.ForeignKeyConstraint(['carried_to_review_day_id'], ['review_day.id'], name=op.f('fk_proposal_carried_to_review_day_id_review_day')),
    sa.ForeignKeyConstraint(['competency_id'], ['competency.id'], name=op.f('fk_proposal_competency_id_competency')),
    sa.ForeignKeyConstraint(['item_id'], ['curriculum_item.id'], name=op.f('fk_proposal_item_id_curriculum_item')),
    sa.ForeignKeyConstraint(['review_day_id'], ['review_day.id'], name=op.f('fk_proposal_review_day_id_review_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal'))
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_review_day_id'), ['review_day_id'], unique=False)

    op.create_table('change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('accepted_text', sa.Text(), nullable=True),
    sa.Column('implemented_text', sa.Text(), nullable=True),
    sa.Column('implemented_at', sa.DateTime(), nullable=True),
    sa.Column('implemented_version', sa.Integer(), nullable=True),
    sa.Column('conflict_resolution', sa.Text(), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=True),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('previous_position', sa.Integer(), nullable=True),
    sa.Column('implemented_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['implemented_by_id'], ['user.id'], name=op.f('fk_change_implemented_by_id_user')),
    sa.ForeignKeyConstraint(['item_id'], ['curriculum_item.id'], name=op.f('fk_change_item_id_curriculum_item')),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_change_owner_id_user')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_change_proposal_id_proposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change')),
    sa.UniqueConstraint('proposal_id', name=op.f('uq_change_proposal_id'))
    )
    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['participant.id'], name=op.f('fk_comment_author_id_participant')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_comment_proposal_id_proposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('amended_text', sa.Text(), nullable=True),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_decision_decided_by_id_user')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_decision_proposal_id_proposal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('proposal_id', name=op.f('uq_decision_proposal_id'))
    )
    op.create_table('vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('voter_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=10), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_vote_proposal_id_proposal')),
    sa.ForeignKeyConstraint(['voter_id'], ['participant.id'], name=op.f('fk_vote_voter_id_participant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote')),
    sa.UniqueConstraint('proposal_id', 'voter_id', name=op.f('uq_vote_proposal_id_voter_id'))
    )
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_proposal_id'), ['proposal_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_proposal_id'))

    op.drop_table('vote')
    op.drop_table('decision')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_proposal_id'))

    op.drop_table('comment')
    op.drop_table('change')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_review_day_id'))

    op.drop_table('proposal')
    with op.batch_alter_table('baseline_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_baseline_entry_review_day_id'))

    op.drop_table('baseline_entry')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_review_day_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_review_day_id'))

    op.drop_table('feedback')
    with op.batch_alter_table('live_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_event_review_day_id'))

    op.drop_table('live_event')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_review_day_id'))

    op.drop_table('participant')
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_review_day_id'))

    op.drop_table('invitation')
    with op.batch_alter_table('review_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_day_week_id'))

    op.drop_table('review_day')
    op.drop_table('review_week')
