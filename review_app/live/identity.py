"""Who sent a socket event, re-read from the database every time (the socket's copy of the
cookie session is forked at connect and would not see a revoked invitation or role)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from flask import session
from sqlalchemy.orm import Session

from ..auth.access import participant_id_for, remember_participant
from ..auth.permissions import can
from ..auth.sessions import holds_staff_session, staff_in_session
from ..models import Invitation, Organisation, Participant, ReviewDay, User
from ..prep.joining import join_as_staff
from .errors import LiveError
from .statements import run

JOINED = "live_joined"


@dataclass(frozen=True, slots=True)
class LiveDay:
    """What a live event reads of its Review Day, as the check of who is acting found it.
    Whoever changes the day itself, or shows its agenda and timers, loads the day
    (`changes.load_review_day`)."""

    id: int
    status: str
    curriculum_id: int
    last_seq: int


def mark_joined(review_day_id: int) -> None:
    session[JOINED] = sorted({*session.get(JOINED, []), review_day_id})


def has_joined(review_day_id: int) -> bool:
    return review_day_id in session.get(JOINED, [])


@cache
def _actor_query() -> sa.Select:
    """Built once: it runs on every live event, and building it cost more than running it.
    Columns, not objects: building the day, participant, organisation and user as ORM
    objects, and expiring them at the commit, was a sixth of a change's CPU in the server
    (benchmarks/README.md)."""
    invitation = sa.and_(Invitation.review_day_id == Participant.review_day_id,
                         Invitation.stakeholder_id == Participant.stakeholder_id)
    return (sa.select(ReviewDay.id, ReviewDay.status, ReviewDay.curriculum_id,
                      ReviewDay.last_seq, Participant.id.label("participant_id"),
                      Participant.name, Participant.user_id, Participant.stakeholder_id,
                      Participant.organisation_id, Participant.via,
                      Organisation.name.label("organisation"), Invitation.revoked_at,
                      User.active.label("user_active"),
                      User.session_version.label("user_session_version"))
            .outerjoin(Participant, sa.and_(Participant.id == sa.bindparam("participant_id"),
                                            Participant.review_day_id == ReviewDay.id))
            .outerjoin(Organisation, Organisation.id == Participant.organisation_id)
            .outerjoin(Invitation, invitation).outerjoin(User, User.id == Participant.user_id)
            .where(ReviewDay.id == sa.bindparam("review_day_id")))


def enter_as_staff(db_session: Session, review_day_id: int) -> None:
    """A signed-in member of staff becomes a participant of the day when their socket
    joins it: this, not loading the page, is what records their attendance."""
    user = staff_in_session(db_session)
    if user is None or not can(user, "view_weeks"):
        return
    day = db_session.get(ReviewDay, review_day_id)
    if day is None:
        return  # resolve_actor says not_found
    remember_participant(join_as_staff(db_session, day, user))


def resolve_actor(db_session: Session, review_day_id: int) -> tuple[LiveDay, Participant]:
    """The Review Day, and the participant behind this socket with their organisation,
    checked against the database (one query) on every event.

    The participant comes back as a detached snapshot, never added to the session: their
    id, name, organisation and account, which is what the wire format reads (it hangs on
    the proposals, comments and changes it serialises). Rows that are stored take the
    participant's id, not the object. Whoever needs the staff user loads it
    (`staff_user`)."""
    row = run(db_session, _actor_query(), {
        "review_day_id": review_day_id,
        "participant_id": participant_id_for(review_day_id)}).first()
    if row is None:
        raise LiveError("not_found", "There is no such Review Day.")
    if row.participant_id is None:
        raise LiveError("unauthorized")
    if row.user_id is not None and not row.user_active:  # (None: the account is gone)
        raise LiveError("unauthorized", "Your account is no longer active.")
    if row.user_id is not None and not holds_staff_session(row.user_id,
                                                           row.user_session_version):
        # A staff participant acts only from a cookie still signed in as them: one copied
        # before a sign-out or a password change is worthless here as over HTTP.
        raise LiveError("unauthorized", "Your session has ended. Sign in again.")
    if row.user_id is None and row.stakeholder_id is not None and row.via == "invitation" \
            and row.revoked_at is not None:
        raise LiveError("unauthorized", "Your invitation has been withdrawn.")
    day = LiveDay(id=row.id, status=row.status, curriculum_id=row.curriculum_id,
                  last_seq=row.last_seq)
    organisation = None if row.organisation is None else Organisation(
        id=row.organisation_id, name=row.organisation)
    participant = Participant(
        id=row.participant_id, review_day_id=row.id, name=row.name, user_id=row.user_id,
        stakeholder_id=row.stakeholder_id, organisation_id=row.organisation_id, via=row.via,
        organisation=organisation)
    return day, participant


def staff_user(db_session: Session, participant: Participant) -> User | None:
    """The account behind a staff participant (resolve_actor has checked it is active)."""
    return None if participant.user_id is None else db_session.get(User, participant.user_id)
