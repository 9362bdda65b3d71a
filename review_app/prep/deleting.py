"""Deleting a draft Review Day that was planned by mistake, and archiving one that was held.

Only a draft that nobody has joined and that holds no live record (events, proposals,
feedback) can go: what happened on a day is kept for the reports. Its agenda, frozen
baseline and invitations go with it (the invitation links stop working), and deferred
proposals carried over to it go back to waiting to be carried over. A held (closed) day
is archived instead: it leaves the Review Days list and stays in every report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import ActionRefused
from ..models import ReviewDay
from ..models.curriculum import utcnow
from ..models.live import Feedback, LiveEvent, Proposal
from ..models.prep import BaselineEntry, Participant

log = logging.getLogger(__name__)


@dataclass
class DeletionEffects:
    agenda: int
    invitations: int
    carried: int


def _count(session: Session, model, column, day_id: int) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model).where(column == day_id))


def deletion_effects(session: Session, user, day: ReviewDay) -> DeletionEffects:
    """What deleting the day would remove; ActionRefused when it may not be deleted."""
    require(user, "prepare")
    if day.status != "draft":
        raise ActionRefused("Only a draft Review Day can be deleted: this one is "
                            f"{day.status}. A day that was held stays for the reports.")
    for model, what in ((Participant, "people have joined it"),
                        (LiveEvent, "it has live records"), (Proposal, "it has proposals"),
                        (Feedback, "it has feedback")):
        if _count(session, model, model.review_day_id, day.id):
            raise ActionRefused(f"This Review Day cannot be deleted: {what}.")
    return DeletionEffects(len(day.agenda), len(day.invitations),
                           _count(session, Proposal, Proposal.carried_to_review_day_id,
                                  day.id))


def delete_draft_day(session: Session, user, day: ReviewDay) -> DeletionEffects:
    """Delete the day after the checks of `deletion_effects`; flush."""
    effects = deletion_effects(session, user, day)
    session.execute(sa.update(Proposal).where(Proposal.carried_to_review_day_id == day.id)
                    .values(carried_to_review_day_id=None))
    session.execute(sa.delete(BaselineEntry).where(BaselineEntry.review_day_id == day.id))
    session.delete(day)  # its agenda and invitations by cascade
    session.flush()
    log.info("%s deleted draft Review Day %s", user.email, day.id)
    return effects


def archive_day(session: Session, user, day: ReviewDay, archived: bool = True) -> None:
    """Put a closed day away (or bring it back); its records and reports do not change."""
    require(user, "prepare")
    if day.status != "closed":
        raise ActionRefused("Only a Review Day that was held and closed can be archived. "
                            "Delete a draft instead.")
    day.archived_at = utcnow() if archived else None
    session.flush()
    log.info("%s %s Review Day %s", user.email, "archived" if archived else "restored", day.id)
