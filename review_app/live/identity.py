"""Who is this participant, and are they still allowed in? One check for the live page
over HTTP and for every socket event, re-read from the database every time (the socket's
copy of the cookie session is forked at connect and would not see a revoked invitation or
role).

A participant is admitted while: they have not been removed from the day; for staff, the
account is active and is the one the session is signed in as; for a stakeholder invited
personally, the invitation is neither revoked nor expired and the session joined from its
current link (re-issuing the invitation changes the link's nonce, so whoever holds the old
link is out). A participant from the open link stays in when the link is replaced: replacing
it stops newcomers; the facilitator removes a person (moderation.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from flask import session
from sqlalchemy.orm import Session

from ..auth.access import (
    link_nonce_for,
    participant_id_for,
    remember_participant,
    signed_in_user_id,
)
from ..auth.permissions import can
from ..auth.sessions import holds_staff_session, staff_in_session
from ..models import Invitation, Organisation, Participant, ReviewDay, User
from ..models.curriculum import utcnow
from ..prep.joining import REMOVED, join_as_staff
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


class NotAdmitted(LiveError):
    """A participant who may not be in the room (any more), and why (`reason`); pages show
    `title` and the message with `status`, socket events answer with the code (`removed`,
    else `unauthorized`) and message."""

    def __init__(self, reason: str, title: str, message: str, status: int = 403) -> None:
        super().__init__("removed" if reason == "removed" else "unauthorized", message)
        self.reason, self.title, self.status = reason, title, status


def _not_joined() -> NotAdmitted:
    return NotAdmitted("not_joined", "Join the Review Day first",
                       "Open the invitation link you were sent, or the join link in the "
                       "call's chat, or sign in if you are staff.")


def _refusal(row: Any, link_nonce: int | None, user_id: int | None,
             now: datetime) -> NotAdmitted | None:
    """Why the participant of this row may not act, or None: the one rule (module doc)."""
    if row.participant_id is None:
        return _not_joined()
    if row.removed_at is not None:
        return NotAdmitted("removed", *REMOVED[1:])
    if row.user_id is not None:
        if not row.user_active:  # (None: the account is gone)
            return NotAdmitted("inactive", "Your account is no longer active",
                               "Your account is no longer active. Ask an administrator if "
                               "you still need it.")
        if user_id != row.user_id or not holds_staff_session(row.user_id,
                                                              row.user_session_version):
            # A cookie copied before a sign-out or a password change is worthless here, as
            # it is over HTTP.
            return NotAdmitted("signed_out", "Sign in to join as staff",
                               "Your session has ended. Sign in again to join this Review "
                               "Day as staff.")
    elif row.via == "invitation":
        if row.invitation_nonce is None or row.revoked_at is not None:
            return NotAdmitted("withdrawn", "Your invitation has been withdrawn",
                               "Your invitation has been withdrawn.", 410)
        if link_nonce != row.invitation_nonce:
            return NotAdmitted("replaced", "This invitation link has been replaced",
                               "Your invitation has been sent again with a new link: open "
                               "the newest link you were sent.", 410)
        if row.expires_at <= now:
            return NotAdmitted("expired", "Your invitation has expired",
                               "Your invitation has expired: ask the facilitator for a new "
                               "link.", 410)
    return None


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
                      Participant.removed_at, Organisation.name.label("organisation"),
                      Invitation.revoked_at, Invitation.expires_at,
                      Invitation.nonce.label("invitation_nonce"),
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
    """The Review Day, and the participant behind this session with their organisation,
    checked against the database (one query) on every event and page: NotAdmitted if they
    may not be in the room (`_refusal`).

    The participant comes back as a detached snapshot, never added to the session: their
    id, name, organisation and account, which is what the wire format reads (it hangs on
    the proposals, comments and changes it serialises). Rows that are stored take the
    participant's id, not the object. Whoever needs the staff user loads it
    (`staff_user`)."""
    participant_id = participant_id_for(review_day_id)
    if participant_id is None:  # no need to ask the database
        raise _not_joined()
    row = run(db_session, _actor_query(), {
        "review_day_id": review_day_id, "participant_id": participant_id}).first()
    if row is None:
        raise LiveError("not_found", "There is no such Review Day.")
    refusal = _refusal(row, link_nonce_for(review_day_id), signed_in_user_id(), utcnow())
    if refusal is not None:
        raise refusal
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
