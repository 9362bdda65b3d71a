"""The whole state of a live Review Day, sent to a client that joins fresh.

Bounded: the newest `proposals` proposals and `feedback` feedback, with a flag saying when
there are more (a day with thousands made every join megabytes long, for every participant
at once). Hidden proposals are never in it.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from ..models import Feedback, Participant
from .changes import load_review_day
from .serialise import feedback_dict, person, timer_dict
from .snapshot import newest_proposals


def _newest(session: Session, query: sa.Select, model: type, limit: int) -> tuple[list, bool]:
    """The newest `limit` rows, oldest first, and whether there are more."""
    found = list(session.scalars(query.order_by(model.id.desc()).limit(limit + 1)))
    return found[:limit][::-1], len(found) > limit


def room_state(session: Session, review_day_id: int, me: Participant, *,
               proposals: int, feedback: int) -> dict[str, Any]:
    day = load_review_day(session, review_day_id)
    shown, more_proposals = newest_proposals(session, day.id, proposals)
    given, more_feedback = _newest(session, sa.select(Feedback).where(
        Feedback.review_day_id == day.id)
        .options(joinedload(Feedback.author).joinedload(Participant.organisation)),
        Feedback, feedback)
    return {"seq": day.last_seq, "status": day.status,
            "focus_agenda_item_id": day.focus_agenda_item_id,
            "timers": [timer_dict(a) for a in day.agenda],
            "proposals": shown, "more_proposals": more_proposals,
            "feedback": [feedback_dict(f) for f in given], "more_feedback": more_feedback,
            "me": person(me)}
