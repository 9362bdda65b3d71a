"""Who sent a socket event, re-read from the database every time (the socket's copy of the
cookie session is forked at connect and would not see a revoked invitation or role)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import session
from sqlalchemy.orm import Session, joinedload

from ..auth.access import participant_for, participant_id_for
from ..models import Invitation, Participant, User
from .errors import LiveError

JOINED = "live_joined"


def mark_joined(review_day_id: int) -> None:
    session[JOINED] = sorted({*session.get(JOINED, []), review_day_id})


def has_joined(review_day_id: int) -> bool:
    return review_day_id in session.get(JOINED, [])


def resolve_actor(db_session: Session, review_day_id: int) -> tuple[Participant, User | None]:
    """The participant (and staff user, if any) behind this socket for that Review Day."""
    loaded, revoked = _load_participant(db_session, participant_id_for(review_day_id))
    participant = participant_for(db_session, review_day_id)  # checks it, from the identity map
    del loaded  # (held until here: the identity map keeps only weak references)
    if participant is None:
        raise LiveError("unauthorized")
    if participant.user_id is not None:
        user = db_session.get(User, participant.user_id)
        if user is None or not user.is_active:
            raise LiveError("unauthorized", "Your account is no longer active.")
        return participant, user
    if participant.stakeholder_id is not None and participant.via == "invitation" \
            and revoked is not None:
        raise LiveError("unauthorized", "Your invitation has been withdrawn.")
    return participant, None


def _load_participant(db_session: Session, participant_id: int | None
                      ) -> tuple[Participant | None, datetime | None]:
    """The participant with its organisation (every change names it) and its invitation's
    revocation time, in one query instead of three."""
    if participant_id is None:
        return None, None
    invitation = sa.and_(Invitation.review_day_id == Participant.review_day_id,
                         Invitation.stakeholder_id == Participant.stakeholder_id)
    row = db_session.execute(
        sa.select(Participant, Invitation.revoked_at).outerjoin(Invitation, invitation)
        .where(Participant.id == participant_id)
        .options(joinedload(Participant.organisation))).first()
    return (row.Participant, row.revoked_at) if row is not None else (None, None)
