"""Who sent a socket event, re-read from the database every time (the socket's copy of the
cookie session is forked at connect and would not see a revoked invitation or role)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import session
from sqlalchemy.orm import Session

from ..auth.access import participant_for
from ..models import Invitation, Participant, User
from .errors import LiveError

JOINED = "live_joined"


def mark_joined(review_day_id: int) -> None:
    session[JOINED] = sorted({*session.get(JOINED, []), review_day_id})


def has_joined(review_day_id: int) -> bool:
    return review_day_id in session.get(JOINED, [])


def resolve_actor(db_session: Session, review_day_id: int) -> tuple[Participant, User | None]:
    """The participant (and staff user, if any) behind this socket for that Review Day."""
    participant = participant_for(db_session, review_day_id)
    if participant is None:
        raise LiveError("unauthorized")
    if participant.user_id is not None:
        user = db_session.get(User, participant.user_id)
        if user is None or not user.is_active:
            raise LiveError("unauthorized", "Your account is no longer active.")
        return participant, user
    if participant.stakeholder_id is not None and participant.via == "invitation":
        revoked = db_session.scalar(sa.select(Invitation.revoked_at).where(
            Invitation.review_day_id == review_day_id,
            Invitation.stakeholder_id == participant.stakeholder_id))
        if revoked is not None:
            raise LiveError("unauthorized", "Your invitation has been withdrawn.")
    return participant, None
