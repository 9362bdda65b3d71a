"""Staff joining their own Review Day's room get a participant record too."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Participant, ReviewDay, User
from ..models.curriculum import utcnow


def staff_participant(session: Session, day: ReviewDay, user: User) -> Participant:
    """The participant a signed-in facilitator, lead or admin appears as on that day."""
    participant = session.scalars(sa.select(Participant).where(
        Participant.review_day_id == day.id, Participant.user_id == user.id)).first()
    if participant is None:
        participant = Participant(review_day_id=day.id, user_id=user.id, name=user.name,
                                  via="account")
        session.add(participant)
    participant.last_seen_at = utcnow()
    session.flush()
    return participant
