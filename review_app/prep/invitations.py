"""Ways into a Review Day: personal invitation links and the open join link.

Both are signed with itsdangerous using the app's SECRET_KEY. A personal link names its
invitation, Review Day and nonce: revoking it or re-issuing (which bumps the nonce) kills
the old link, and it expires at `Invitation.expires_at`. The open link, for pasting into
the call's chat, names the day and `ReviewDay.join_link_nonce`; resetting bumps the nonce.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import ActionRefused, InvalidInput, found
from ..links import external_url
from ..models import Invitation, ReviewDay, Stakeholder
from ..models.curriculum import utcnow

log = logging.getLogger(__name__)
INVITATION_SALT = "review-day.invitation"
OPEN_LINK_SALT = "review-day.open-link"


def _serializer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)


def invitation_token(invitation: Invitation) -> str:
    return _serializer(INVITATION_SALT).dumps(
        {"invitation": invitation.id, "day": invitation.review_day_id, "nonce": invitation.nonce})


def open_link_token(day: ReviewDay) -> str:
    return _serializer(OPEN_LINK_SALT).dumps({"day": day.id, "nonce": day.join_link_nonce})


def read_token(salt: str, token: str) -> dict[str, Any] | None:
    """The signed payload, or None when the token was tampered with or is not ours."""
    try:
        payload = _serializer(salt).loads(token)
    except BadSignature:
        return None
    return payload if isinstance(payload, dict) else None


def invitation_url(invitation: Invitation) -> str:
    return external_url("prep.join_invitation", review_day_id=invitation.review_day_id,
                        token=invitation_token(invitation))


def open_link_url(day: ReviewDay) -> str:
    return external_url("prep.join_open", review_day_id=day.id, token=open_link_token(day))


def invitation_state(invitation: Invitation, now: datetime | None = None) -> str:
    if invitation.revoked_at is not None:
        return "revoked"
    return "expired" if invitation.expires_at <= (now or utcnow()) else "active"


def _expiry(day: ReviewDay) -> datetime:
    """INVITATION_MAX_AGE_DAYS from now, but never before the day after the Review Day."""
    days = int(current_app.config.get("INVITATION_MAX_AGE_DAYS", 14))
    after_the_day = datetime.combine(day.date + timedelta(days=2), datetime.min.time())
    return max(utcnow() + timedelta(days=days), after_the_day)


def uninvited_stakeholders(session: Session, day: ReviewDay) -> list[Stakeholder]:
    invited = {i.stakeholder_id for i in day.invitations}
    return [s for s in session.scalars(sa.select(Stakeholder)
                                       .order_by(sa.func.lower(Stakeholder.name)))
            if s.id not in invited]


def invite_stakeholders(session: Session, user, day: ReviewDay,
                        stakeholder_ids: list[int]) -> list[Invitation]:
    """One invitation per stakeholder: new ones are created, dead ones re-issued."""
    require(user, "prepare")
    if not stakeholder_ids:
        raise InvalidInput({"stakeholder_ids": "Select at least one stakeholder to invite"})
    if day.status == "closed":
        raise ActionRefused("This Review Day has closed: reopen it before inviting anyone.")
    existing = {i.stakeholder_id: i for i in day.invitations}
    changed = []
    for stakeholder_id in dict.fromkeys(stakeholder_ids):
        if session.get(Stakeholder, stakeholder_id) is None:
            raise InvalidInput({"stakeholder_ids": "Select stakeholders from the list"})
        invitation = existing.get(stakeholder_id)
        if invitation is None:
            invitation = Invitation(stakeholder_id=stakeholder_id, expires_at=_expiry(day),
                                    nonce=1)
            day.invitations.append(invitation)
            changed.append(invitation)
        elif invitation_state(invitation) != "active":
            _renew(invitation)
            changed.append(invitation)
    session.flush()
    log.info("%s invited %s stakeholders to Review Day %s", user.email, len(changed), day.id)
    return changed


def get_invitation(session: Session, user, review_day_id: int,
                   invitation_id: int) -> Invitation:
    """One invitation to that Review Day (404 for another day's or a missing one)."""
    require(user, "prepare")
    return found(session.get(Invitation, invitation_id), review_day_id=review_day_id)


def revoke_invitation(session: Session, user, invitation: Invitation) -> None:
    require(user, "prepare")
    if invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
    session.flush()
    log.info("%s revoked invitation %s", user.email, invitation.id)


def _renew(invitation: Invitation) -> None:
    invitation.nonce += 1
    invitation.revoked_at = None
    invitation.expires_at = _expiry(invitation.review_day)


def reissue_invitation(session: Session, user, invitation: Invitation) -> None:
    """A fresh link for the same stakeholder; every earlier link stops working."""
    require(user, "prepare")
    _renew(invitation)
    session.flush()
    log.info("%s re-issued invitation %s", user.email, invitation.id)


def reset_open_link(session: Session, user, day: ReviewDay) -> None:
    """A new open join link; the old one stops working (people already in stay in)."""
    require(user, "prepare")
    day.join_link_nonce += 1
    session.flush()
    log.info("%s reset the open join link of Review Day %s", user.email, day.id)


def active_links(day: ReviewDay) -> list[tuple[Invitation, str]]:
    """Each working invitation of the day with its personal link, by name."""
    invitations = sorted(day.invitations, key=lambda i: i.stakeholder.name.casefold())
    return [(i, invitation_url(i)) for i in invitations if invitation_state(i) == "active"]
