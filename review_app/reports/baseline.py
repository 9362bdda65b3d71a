"""What a tracked-changes curriculum is measured against: a baseline.

A Review Day's baseline is the moment its facilitator froze it on Monday; a date's is the
start of that date. Either way only *implemented* changes after it become revisions: an
import or re-import of the curriculum is the new starting text, never a change (its item
revisions carry no author; an implemented one names who applied it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..implement.labels import long_date
from ..models import Change, Curriculum, ItemRevision, Proposal, ReviewDay


@dataclass(frozen=True)
class Baseline:
    moment: datetime  # implemented revisions after this are tracked
    label: str  # "the baseline of the Review Day on Tuesday 14 July 2026"


def baseline_of_date(since: date) -> Baseline:
    return Baseline(datetime.combine(since, time.min), f"the start of {long_date(since)}")


def baseline_of_day(day: ReviewDay) -> Baseline:
    """The baseline frozen for a Review Day; the start of its date if it was never frozen."""
    when = f"the Review Day on {long_date(day.date)}"
    if day.baseline_frozen_at is None:
        return Baseline(datetime.combine(day.date, time.min), f"the start of {when}")
    return Baseline(day.baseline_frozen_at, f"the baseline frozen for {when}")


def first_review_day(session: Session, curriculum: Curriculum, date_from: date | None = None,
                     date_to: date | None = None) -> ReviewDay | None:
    """The curriculum's first Review Day in the range that has a frozen baseline (the one a
    board pack starts from), else its first Review Day in the range at all."""
    query = sa.select(ReviewDay).where(ReviewDay.curriculum_id == curriculum.id)
    if date_from is not None:
        query = query.where(ReviewDay.date >= date_from)
    if date_to is not None:
        query = query.where(ReviewDay.date <= date_to)
    order = (ReviewDay.baseline_frozen_at.is_(None), ReviewDay.date, ReviewDay.id)
    return session.scalars(query.order_by(*order).limit(1)).first()


def is_implemented(revision: ItemRevision) -> bool:
    """A revision written by implementing a change (it names who); imports name no one."""
    return revision.author is not None


def revision_at(revisions: list[ItemRevision], baseline: Baseline) -> ItemRevision | None:
    """The item's text in force at the baseline: its latest revision from before it, or any
    later import (which restates the starting text). None when it did not exist then."""
    found = [r for r in revisions if r.changed_at < baseline.moment or not is_implemented(r)]
    return max(found, key=lambda r: r.version) if found else None


def implemented_since(curriculum: Curriculum, baseline: Baseline) -> sa.Select:
    """The changes to the curriculum implemented (and written) after the baseline, latest
    first, as a query to refine."""
    return (sa.select(Change).join(Change.proposal).join(Proposal.review_day)
            .where(ReviewDay.curriculum_id == curriculum.id, Change.state == "done",
                   Change.implemented_at >= baseline.moment,
                   sa.or_(Change.conflict_resolution.is_(None),
                          Change.conflict_resolution != "current"))
            .order_by(Change.implemented_at.desc(), Change.id.desc()))
