"""The facilitator's answer to someone disrupting the day: remove them from it, or reject or
hide all their proposals at once, always with a reason. Each returns the change to store:
(type, data); the event handler then sends a removed participant's sockets away.

Removing sets `removed_at`: every later event and page of theirs is refused
(identity.py), and neither their invitation nor the open link lets them back in with the
same browser. Hiding rejects their open proposals with the reason (so they leave the
report's open items, decided like any other) and takes every proposal of theirs that is not
accepted or deferred out of everyone's view and the snapshot. Staff are not moderated here:
an admin deactivates an account.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Decision, Participant, Proposal, User
from ..models.curriculum import utcnow
from ..models.prep import ReviewDay
from . import schemas
from .contributions import Result
from .errors import LiveError
from .facilitation import STATUS_FOR, staff
from .serialise import decision_dict

log = logging.getLogger(__name__)
HIDDEN_FROM = ("open", "rejected", "withdrawn")  # accepted and deferred ones go on


def _target(session: Session, day: ReviewDay, participant_id: int) -> Participant:
    target = session.get(Participant, participant_id)
    if target is None or target.review_day_id != day.id:
        raise LiveError("not_found", "There is no such participant on this Review Day.")
    if target.user_id is not None:
        raise LiveError("forbidden", "Staff are not removed from a day here: an "
                        "administrator can deactivate an account.")
    return target


def _reject_open(session: Session, day: ReviewDay, user: User, target: Participant,
                 reason: str) -> list[Proposal]:
    """Reject every open proposal of the participant with the reason."""
    if day.status not in ("live", "closed"):
        raise LiveError("not_live")
    found = list(session.scalars(sa.select(Proposal).where(
        Proposal.review_day_id == day.id, Proposal.author_id == target.id,
        Proposal.status == "open").order_by(Proposal.id)))
    for proposal in found:
        proposal.decision = Decision(outcome="reject", reason=reason, decided_by=user)
        proposal.status = STATUS_FOR["reject"]
    session.flush()
    return found


def moderate(session: Session, day: ReviewDay, user: User | None,
             cmd: schemas.Moderate) -> Result:
    user = staff(user, "run_review_day")
    target = _target(session, day, cmd.participant_id)
    about = {"participant_id": target.id, "name": target.name, "reason": cmd.reason}
    if cmd.action == "remove":
        if target.removed_at is not None:
            raise LiveError("invalid_state", f"{target.name} has already been removed.")
        target.removed_at = utcnow()
        log.info("%s removed participant %s from Review Day %s", user.email, target.id, day.id)
        return "participant.removed", about
    if cmd.action == "reject_proposals":
        rejected = _reject_open(session, day, user, target, cmd.reason)
        if not rejected:
            raise LiveError("invalid_state", f"{target.name} has no open proposals.")
        return "proposals.rejected", {**about, "proposal_ids": [p.id for p in rejected],
                                      "status": "rejected",
                                      "decision": decision_dict(rejected[0].decision)}
    hidden = list(session.scalars(sa.select(Proposal).where(
        Proposal.review_day_id == day.id, Proposal.author_id == target.id,
        Proposal.status.in_(HIDDEN_FROM), Proposal.hidden_at.is_(None))))
    if not hidden:
        raise LiveError("invalid_state", f"{target.name} has no proposals left to hide.")
    if any(p.status == "open" for p in hidden):
        _reject_open(session, day, user, target, cmd.reason)
    now = utcnow()
    for proposal in hidden:
        proposal.hidden_at = now
    log.info("%s hid %s proposals of participant %s", user.email, len(hidden), target.id)
    return "proposals.hidden", {**about, "proposal_ids": sorted(p.id for p in hidden)}
