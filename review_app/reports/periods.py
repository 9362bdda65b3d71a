"""What can be reported on: the review weeks and the whole review period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..auth.permissions import require
from ..curriculum.store import list_curricula
from ..models import Curriculum, ReviewDay, ReviewWeek
from .baseline import baseline_of_day, first_review_day, implemented_since
from .tracked import TrackedCurriculum


@dataclass
class TrackedChoice:
    """A curriculum's tracked-changes download against its first Review Day's baseline,
    with what it contains in words."""

    curriculum: Curriculum
    first_day: ReviewDay | None
    summary: str
    days: list[ReviewDay]


@dataclass
class Periods:
    weeks: list[tuple[ReviewWeek, date, date]]  # week, Monday, Sunday
    first: date | None
    last: date | None
    curricula: list[Curriculum]
    tracked: list[TrackedChoice]


def tracked_choice(session: Session, curriculum: Curriculum) -> TrackedChoice:
    days = list(session.scalars(sa.select(ReviewDay).where(
        ReviewDay.curriculum_id == curriculum.id).order_by(ReviewDay.date, ReviewDay.id)))
    first = first_review_day(session, curriculum)
    baseline = baseline_of_day(first) if first else None
    if baseline is None:
        return TrackedChoice(curriculum, None, "no Review Day yet, so no baseline", days)
    changes = session.scalar(sa.select(sa.func.count()).select_from(
        implemented_since(curriculum, baseline).subquery()))
    return TrackedChoice(curriculum, first, TrackedCurriculum(
        None, None, 0, changes, baseline).summary, days)


def report_periods(session: Session, actor: Any) -> Periods:
    """The weeks with Review Days, newest first, and the span of all Review Days."""
    require(actor, "export")
    weeks = session.scalars(sa.select(ReviewWeek).where(ReviewWeek.review_days.any())
                            .options(selectinload(ReviewWeek.review_days))
                            .order_by(ReviewWeek.starts_on.desc())).all()
    first, last = session.execute(sa.select(sa.func.min(ReviewDay.date),
                                             sa.func.max(ReviewDay.date))).one()
    curricula = list_curricula(session)
    return Periods([(w, w.starts_on, w.starts_on + timedelta(days=6)) for w in weeks],
                   first, last, curricula, [tracked_choice(session, c) for c in curricula])
