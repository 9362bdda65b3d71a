"""Anonymising or deleting a stakeholder: their personal data goes, their contributions
stay.

Their name becomes "A stakeholder from ORG" on the stakeholder record, on every
participant record of theirs (which is what proposals, comments, votes and feedback point
at) and inside the stored live events that name them (the replay log), and their email is
removed. Their invitations are revoked, so no link of theirs works any more. Their
organisation and group stay: reports count contributions by them. Deleting does the same
to what they contributed, then removes the stakeholder record and their invitations.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..models import Invitation, LiveEvent, Participant, Stakeholder
from ..models.curriculum import utcnow

log = logging.getLogger(__name__)


@dataclass
class Anonymised:
    label: str
    participants: int
    events: int
    invitations: int


def anonymous_label(stakeholder: Stakeholder) -> str:
    return f"A stakeholder from {stakeholder.organisation.name}"


def _renamed(value: Any, ids: set[int], label: str) -> Any:
    """`value` with every {"id": <one of ids>, "name": ...} given `label` as its name."""
    if isinstance(value, list):
        return [_renamed(v, ids, label) for v in value]
    if isinstance(value, dict):
        out = {k: _renamed(v, ids, label) for k, v in value.items()}
        if out.get("id") in ids and "name" in out:
            out["name"] = label
        return out
    return value


def _participations(session: Session, stakeholder: Stakeholder) -> list[Participant]:
    return list(session.scalars(sa.select(Participant).where(
        Participant.stakeholder_id == stakeholder.id)))


def anonymise_stakeholder(session: Session, user, stakeholder: Stakeholder) -> Anonymised:
    """Remove the stakeholder's name and email everywhere they are kept; flush."""
    require(user, "manage_stakeholders")
    label = anonymous_label(stakeholder)
    stakeholder.name, stakeholder.email = label, None
    people = _participations(session, stakeholder)
    ids = {p.id for p in people}
    for person in people:
        person.name = label
    changed = 0
    days = {p.review_day_id for p in people}
    for event in session.scalars(sa.select(LiveEvent).where(
            LiveEvent.review_day_id.in_(days))) if days else []:
        data = _renamed(event.data, ids, label)
        if data != event.data:
            event.data, changed = data, changed + 1  # a new object: JSON is not mutable-tracked
    invitations = list(session.scalars(sa.select(Invitation).where(
        Invitation.stakeholder_id == stakeholder.id, Invitation.revoked_at.is_(None))))
    for invitation in invitations:
        invitation.revoked_at = utcnow()
    session.flush()
    log.info("%s anonymised stakeholder %s", user.email, stakeholder.id)
    return Anonymised(label, len(people), changed, len(invitations))


def deletion_counts(session: Session, user, stakeholder: Stakeholder) -> tuple[int, int]:
    """(Review Days they took part in, invitations) for the confirmation page."""
    require(user, "manage_stakeholders")
    invitations = session.scalar(sa.select(sa.func.count()).select_from(Invitation).where(
        Invitation.stakeholder_id == stakeholder.id))
    return len({p.review_day_id for p in _participations(session, stakeholder)}), invitations


def delete_stakeholder(session: Session, user, stakeholder: Stakeholder) -> Anonymised:
    """Anonymise what they contributed, then delete the record and its invitations; flush."""
    done = anonymise_stakeholder(session, user, stakeholder)
    for person in _participations(session, stakeholder):
        person.stakeholder_id = None  # the contribution stays, no longer tied to anyone
    session.execute(sa.delete(Invitation).where(Invitation.stakeholder_id == stakeholder.id))
    session.delete(stakeholder)
    session.flush()
    log.info("%s deleted stakeholder %s", user.email, stakeholder.id)
    return done
