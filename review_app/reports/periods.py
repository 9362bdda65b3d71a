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


@dataclass
class Periods:
    weeks: list[tuple[ReviewWeek, date, date]]  # week, Monday, Sunday
    first: date | None
    last: date | None
    curricula: list[Curriculum]


def report_periods(session: Session, actor: Any) -> Periods:
    """The weeks with Review Days, newest first, and the span of all Review Days."""
    require(actor, "export")
    weeks = session.scalars(sa.select(ReviewWeek).where(ReviewWeek.review_days.any())
                            .options(selectinload(ReviewWeek.review_days))
                            .order_by(ReviewWeek.starts_on.desc())).all()
    first, last = session.execute(sa.select(sa.func.min(ReviewDay.date),
                                             sa.func.max(ReviewDay.date))).one()
    return Periods([(w, w.starts_on, w.starts_on + timedelta(days=6)) for w in weeks],
                   first, last, list_curricula(session))
