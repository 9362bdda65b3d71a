"""The whole state of a live Review Day, sent to a client that joins fresh."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from ..models import Comment, Decision, Feedback, Participant, Proposal
from .changes import load_review_day
from .serialise import feedback_dict, person, proposal_dict, timer_dict


def room_state(session: Session, review_day_id: int, me: Participant) -> dict[str, Any]:
    day = load_review_day(session, review_day_id)
    author = joinedload(Proposal.author).joinedload(Participant.organisation)
    proposals = session.scalars(
        sa.select(Proposal).where(Proposal.review_day_id == day.id).order_by(Proposal.id)
        .options(author, selectinload(Proposal.votes),
                 selectinload(Proposal.comments).joinedload(Comment.author)
                 .joinedload(Participant.organisation),
                 selectinload(Proposal.decision).joinedload(Decision.decided_by))).all()
    feedback = session.scalars(
        sa.select(Feedback).where(Feedback.review_day_id == day.id).order_by(Feedback.id)
        .options(joinedload(Feedback.author).joinedload(Participant.organisation))).all()
    return {"seq": day.last_seq, "status": day.status,
            "focus_agenda_item_id": day.focus_agenda_item_id,
            "timers": [timer_dict(a) for a in day.agenda],
            "proposals": [proposal_dict(p) for p in proposals],
            "feedback": [feedback_dict(f) for f in feedback],
            "me": person(me)}
