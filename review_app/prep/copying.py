""""Copy last week": next week's Review Day started from this one's agenda and invite list."""

from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import ActionRefused
from ..models import AgendaItem, ReviewDay
from .invitations import invitation_state, invite_stakeholders
from .weeks import week_for

log = logging.getLogger(__name__)


def copy_to_next_week(session: Session, user, source: ReviewDay) -> ReviewDay:
    """A draft day seven days later, with the same details, agenda and (live) invitees.

    Retired competencies and texts are left out; revoked invitations are not copied.
    """
    require(user, "prepare")
    when = source.date + timedelta(days=7)
    clash = session.scalars(sa.select(ReviewDay).where(
        ReviewDay.date == when, ReviewDay.curriculum_id == source.curriculum_id)).first()
    if clash is not None:
        raise ActionRefused(f"There is already a Review Day for this curriculum on that date: "
                            f"{clash.title}.")
    day = ReviewDay(week=week_for(session, when), curriculum_id=source.curriculum_id,
                    facilitator_id=source.facilitator_id, title=source.title, date=when,
                    starts_at=source.starts_at, ends_at=source.ends_at,
                    call_link=source.call_link, status="draft", join_link_nonce=1, last_seq=0)
    session.add(day)
    kept = [a for a in source.agenda if not a.competency.retired
            and (a.item is None or not a.item.retired)]
    for position, agenda_item in enumerate(kept):
        day.agenda.append(AgendaItem(
            position=position, competency_id=agenda_item.competency_id,
            item_id=agenda_item.item_id, timebox_minutes=agenda_item.timebox_minutes,
            prompts=agenda_item.prompts))
    session.flush()
    invitees = [i.stakeholder_id for i in source.invitations
                if invitation_state(i) != "revoked"]
    if invitees:
        invite_stakeholders(session, user, day, invitees)
    log.info("%s copied Review Day %s to %s (Review Day %s)", user.email, source.id, when, day.id)
    return day
