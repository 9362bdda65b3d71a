"""Joining a Review Day and recording attendance (one Participant per person and day).

Links are checked completely before anything is written: a refused link records nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..auth.permissions import require
from ..errors import InvalidInput
from ..models import Invitation, Organisation, Participant, ReviewDay, StakeholderGroup
from ..models.curriculum import utcnow
from .invitations import INVITATION_SALT, OPEN_LINK_SALT, read_token

log = logging.getLogger(__name__)


class JoinRefused(Exception):
    """A link that does not let anyone in; `status` is 403 (not valid) or 410 (gone)."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


NOT_VALID = (403, "This link is not valid",
             "Check that you copied the whole link, or ask the facilitator for a new one.")

REMOVED = (403, "You have been removed from this Review Day",
           "The facilitator has removed you from this Review Day, so you can no longer see "
           "or change it.")


@dataclass
class Newcomer:
    name: str
    organisation_id: int
    group_id: int | None


def _open(day: ReviewDay | None) -> ReviewDay:
    if day is None:
        raise JoinRefused(*NOT_VALID)
    if day.status == "closed":
        raise JoinRefused(410, "This Review Day has closed",
                          "Thank you for your interest. The facilitator can reopen the day "
                          "if it is still going on.")
    return day


def check_invitation_link(session: Session, review_day_id: int, token: str) -> Invitation:
    """The invitation a personal link stands for, or JoinRefused saying why not."""
    payload = read_token(INVITATION_SALT, token)
    if payload is None or payload.get("day") != review_day_id:
        raise JoinRefused(*NOT_VALID)
    invitation_id = payload.get("invitation")
    invitation = session.get(Invitation, invitation_id) if isinstance(invitation_id, int) else None
    if invitation is None or invitation.review_day_id != review_day_id:
        raise JoinRefused(*NOT_VALID)
    if invitation.revoked_at is not None or invitation.nonce != payload.get("nonce"):
        raise JoinRefused(410, "This invitation link no longer works",
                          "The facilitator has withdrawn or replaced it. Ask them for a "
                          "new link if you still want to join.")
    if invitation.expires_at <= utcnow():
        raise JoinRefused(410, "This invitation link has expired",
                          "Ask the facilitator to send you a new link.")
    _open(invitation.review_day)
    return invitation


def check_open_link(session: Session, review_day_id: int, token: str) -> ReviewDay:
    payload = read_token(OPEN_LINK_SALT, token)
    if payload is None or payload.get("day") != review_day_id:
        raise JoinRefused(*NOT_VALID)
    day = _open(session.get(ReviewDay, review_day_id))
    if day.join_link_nonce != payload.get("nonce"):
        raise JoinRefused(410, "This join link has been replaced",
                          "Ask the facilitator for the current link in the call's chat.")
    return day


def join_by_invitation(session: Session, invitation: Invitation) -> Participant:
    """The stakeholder's Participant for the day: created on first join, reused after."""
    stakeholder = invitation.stakeholder
    participant = session.scalars(sa.select(Participant).where(
        Participant.review_day_id == invitation.review_day_id,
        Participant.stakeholder_id == stakeholder.id)).first()
    if participant is not None and participant.removed_at is not None:
        raise JoinRefused(*REMOVED)
    if participant is None:
        participant = Participant(
            review_day_id=invitation.review_day_id, stakeholder_id=stakeholder.id,
            name=stakeholder.name, organisation_id=stakeholder.organisation_id,
            group_id=stakeholder.group_id, via="invitation")
        session.add(participant)
        log.info("Stakeholder %s joined Review Day %s", stakeholder.id, invitation.review_day_id)
    participant.last_seen_at = utcnow()
    session.flush()
    return participant


def join_by_open_link(session: Session, day: ReviewDay, newcomer: Newcomer) -> Participant:
    """A newcomer from the open link, with the name and organisation they gave."""
    errors = {}
    if session.get(Organisation, newcomer.organisation_id) is None:
        errors["organisation_id"] = "Select your organisation"
    if newcomer.group_id is not None and session.get(StakeholderGroup, newcomer.group_id) is None:
        errors["group_id"] = "Select a stakeholder group from the list"
    if errors:
        raise InvalidInput(errors)
    participant = Participant(review_day_id=day.id, name=newcomer.name, via="open-link",
                              organisation_id=newcomer.organisation_id,
                              group_id=newcomer.group_id)
    session.add(participant)
    session.flush()
    log.info("Participant %s joined Review Day %s from the open link", participant.id, day.id)
    return participant


def staff_participant(session: Session, review_day_id: int, user) -> Participant | None:
    """A member of staff's Participant for the day if they have joined it, else None."""
    require(user, "view_weeks")
    return session.scalars(sa.select(Participant).where(
        Participant.review_day_id == review_day_id, Participant.user_id == user.id)).first()


def staff_visitor(user) -> Participant:
    """Who a member of staff will be in a live room they have not joined yet: shown on the
    page, never stored (loading a page is not attending)."""
    return Participant(user_id=user.id, name=user.name, via="account")


def join_as_staff(session: Session, review_day: ReviewDay, user) -> Participant:
    """A member of staff's own Participant for the day, kept across visits (facilitators
    run the day; programme leads may watch it). Called when their live socket joins."""
    participant = staff_participant(session, review_day.id, user)
    if participant is None:
        participant = Participant(review_day_id=review_day.id, user_id=user.id, name=user.name,
                                  via="account")
        session.add(participant)
        log.info("%s joined Review Day %s", user.email, review_day.id)
    participant.last_seen_at = utcnow()
    session.flush()
    return participant


def attendance(session: Session, user, day: ReviewDay) -> list[Participant]:
    """Who joined the day, in the order they joined."""
    require(user, "view_weeks")
    return list(session.scalars(
        sa.select(Participant).where(Participant.review_day_id == day.id)
        .order_by(Participant.joined_at, Participant.id)
        .options(selectinload(Participant.organisation), selectinload(Participant.group))))


def attendance_by_organisation(participants: list[Participant]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for participant in participants:
        counts[participant.organisation_name] = counts.get(participant.organisation_name, 0) + 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
