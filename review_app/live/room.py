"""The whole state of a live Review Day, sent to a client that joins fresh.

Bounded: the newest `proposals` proposals and `feedback` feedback, with a flag saying when
there are more (a day with thousands made every join megabytes long, for every participant
at once). Hidden proposals are never in it.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from ..models import Comment, Decision, Feedback, Participant, Proposal
from .changes import load_review_day
from .serialise import feedback_dict, person, proposal_dict, timer_dict


def _newest(session: Session, query: sa.Select, model: type, limit: int) -> tuple[list, bool]:
    """The newest `limit` rows, oldest first, and whether there are more."""
    found = list(session.scalars(query.order_by(model.id.desc()).limit(limit + 1)))
    return found[:limit][::-1], len(found) > limit


def room_state(session: Session, review_day_id: int, me: Participant, *,
               proposals: int, feedback: int) -> dict[str, Any]:
    day = load_review_day(session, review_day_id)
    author = joinedload(Proposal.author).joinedload(Participant.organisation)
    shown, more_proposals = _newest(session, sa.select(Proposal).where(
        Proposal.review_day_id == day.id, Proposal.hidden_at.is_(None))
        .options(author, selectinload(Proposal.votes),
                 selectinload(Proposal.comments).joinedload(Comment.author)
                 .joinedload(Participant.organisation),
                 selectinload(Proposal.decision).joinedload(Decision.decided_by)),
        Proposal, proposals)
    given, more_feedback = _newest(session, sa.select(Feedback).where(
        Feedback.review_day_id == day.id)
        .options(joinedload(Feedback.author).joinedload(Participant.organisation)),
        Feedback, feedback)
    return {"seq": day.last_seq, "status": day.status,
            "focus_agenda_item_id": day.focus_agenda_item_id,
            "timers": [timer_dict(a) for a in day.agenda],
            "proposals": [proposal_dict(p) for p in shown], "more_proposals": more_proposals,
            "feedback": [feedback_dict(f) for f in given], "more_feedback": more_feedback,
            "me": person(me)}
