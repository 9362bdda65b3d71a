"""Deferred proposals carry over into a later Review Day's preparation.

Carrying one sets `carried_to_review_day_id` and puts its competency on that day's agenda
(unless it is there already) with a prompt that names the carried proposal.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from ..auth.permissions import require
from ..models import AgendaItem, Curriculum, Proposal, ReviewDay
from .edits import index_of
from .labels import item_label, long_date, proposal_ref
from .services import ChangeError


def deferred_proposals(session: Session, curriculum: Curriculum | None = None) -> list[Proposal]:
    """Deferred proposals not carried yet (of one curriculum, or all), oldest first."""
    query = (sa.select(Proposal).join(Proposal.review_day)
             .where(Proposal.status == "deferred", Proposal.carried_to_review_day_id.is_(None))
             .options(joinedload(Proposal.review_day), joinedload(Proposal.decision),
                      joinedload(Proposal.competency), joinedload(Proposal.item),
                      joinedload(Proposal.author))
             .order_by(ReviewDay.date, Proposal.id))
    if curriculum is not None:
        query = query.where(ReviewDay.curriculum_id == curriculum.id)
    return list(session.scalars(query).unique())


def carry_targets(session: Session) -> list[ReviewDay]:
    """Review Days still in preparation (draft), soonest first: where carried items can go."""
    return list(session.scalars(sa.select(ReviewDay).where(ReviewDay.status == "draft")
                                .options(selectinload(ReviewDay.agenda))
                                .order_by(ReviewDay.date, ReviewDay.id)))


def carried_prompt(proposal: Proposal) -> str:
    index = index_of(proposal.item) if proposal.item is not None else None
    what = item_label(proposal.item_kind, index, proposal.field)
    reason = proposal.decision.reason if proposal.decision else "no reason recorded"
    return (f"Carried over from the Review Day of {long_date(proposal.review_day.date)}: "
            f"{proposal_ref(proposal.id)} on {what.lower()} (deferred: {reason})")


def carry_proposals(session: Session, actor: Any, proposals: list[Proposal],
                    target: ReviewDay) -> list[AgendaItem]:
    """Carry deferred proposals into `target`'s preparation; return the agenda items that
    now hold them."""
    require(actor, "prepare")
    if target.status != "draft":
        raise ChangeError("Carry proposals into a Review Day that is still in preparation.")
    touched: list[AgendaItem] = []
    for proposal in proposals:
        if proposal.status != "deferred" or proposal.carried_to_review_day_id is not None:
            raise ChangeError(f"{proposal_ref(proposal.id)} is not a deferred proposal "
                              "waiting to be carried over.")
        if proposal.review_day.curriculum_id != target.curriculum_id:
            raise ChangeError(f"{proposal_ref(proposal.id)} belongs to another curriculum.")
        if target.date <= proposal.review_day.date:
            raise ChangeError(f"{proposal_ref(proposal.id)} can only be carried to a later "
                              "Review Day.")
        item = next((a for a in target.agenda if a.competency_id == proposal.competency_id),
                    None)
        if item is None:
            position = max((a.position for a in target.agenda), default=-1) + 1
            item = AgendaItem(competency_id=proposal.competency_id, position=position,
                              timebox_minutes=10, prompts="")
            target.agenda.append(item)
        item.prompts = "\n".join(p for p in (item.prompts.strip(), carried_prompt(proposal))
                                 if p)
        proposal.carried_to_review_day_id = target.id
        touched.append(item)
    session.flush()
    return touched
