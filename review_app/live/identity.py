"""Who sent a socket event, re-read from the database every time (the socket's copy of the
cookie session is forked at connect and would not see a revoked invitation or role)."""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa
from flask import session
from sqlalchemy.orm import Session, joinedload

from ..auth.access import participant_id_for
from ..models import Invitation, Participant, ReviewDay, User
from .errors import LiveError

JOINED = "live_joined"


def mark_joined(review_day_id: int) -> None:
    session[JOINED] = sorted({*session.get(JOINED, []), review_day_id})


def has_joined(review_day_id: int) -> bool:
    return review_day_id in session.get(JOINED, [])


@cache
def _actor_query() -> sa.Select:
    """Built once: it runs on every live event, and building it cost more than running it."""
    invitation = sa.and_(Invitation.review_day_id == Participant.review_day_id,
                         Invitation.stakeholder_id == Participant.stakeholder_id)
    return (sa.select(ReviewDay, Participant, Invitation.revoked_at, User)
            .outerjoin(Participant, sa.and_(Participant.id == sa.bindparam("participant_id"),
                                            Participant.review_day_id == ReviewDay.id))
            .outerjoin(Invitation, invitation).outerjoin(User, User.id == Participant.user_id)
            .where(ReviewDay.id == sa.bindparam("review_day_id"))
            .options(joinedload(Participant.organisation)))


def resolve_actor(db_session: Session, review_day_id: int
                  ) -> tuple[ReviewDay, Participant, User | None]:
    """The Review Day, and the participant (and staff user, if any) behind this socket, with
    the participant's organisation (every change names it) and invitation: one query."""
    row = db_session.execute(_actor_query(), {
        "review_day_id": review_day_id,
        "participant_id": participant_id_for(review_day_id)}).first()
    if row is None:
        raise LiveError("not_found", "There is no such Review Day.")
    day, participant, revoked, user = row
    if participant is None:
        raise LiveError("unauthorized")
    if participant.user_id is not None:
        if user is None or not user.is_active:
            raise LiveError("unauthorized", "Your account is no longer active.")
        return day, participant, user
    if participant.stakeholder_id is not None and participant.via == "invitation" \
            and revoked is not None:
        raise LiveError("unauthorized", "Your invitation has been withdrawn.")
    return day, participant, None
