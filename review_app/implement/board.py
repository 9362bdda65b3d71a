"""What the implementation pages show: a board per review week and the overview of weeks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from ..auth.permissions import require
from ..models import Change, Competency, CompetencyGroup, Proposal, ReviewDay, ReviewWeek
from ..models.implement import CHANGE_STATES


@dataclass
class WeekSummary:
    week: ReviewWeek
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHANGE_STATES, 0))
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def still_open(self) -> int:
        return self.total - self.counts["done"]


def _changes_query():
    return sa.select(Change).join(Change.proposal).join(Proposal.review_day).options(
        joinedload(Change.owner),
        joinedload(Change.proposal).options(
            joinedload(Proposal.review_day).joinedload(ReviewDay.week),
            joinedload(Proposal.item),
            joinedload(Proposal.decision),
            joinedload(Proposal.competency).joinedload(Competency.group)
            .joinedload(CompetencyGroup.focus_area)))


def week_changes(session: Session, actor: Any, week: ReviewWeek) -> list[Change]:
    """The week's changes, by due day then Review Day order, with what the board shows."""
    require(actor, "implement")
    query = _changes_query().where(ReviewDay.week_id == week.id).order_by(
        Change.due_on, ReviewDay.date, Proposal.id)
    return list(session.scalars(query).unique())


def weeks_overview(session: Session, actor: Any, today: date) -> list[WeekSummary]:
    """Every review week, latest first, with its changes counted by state and overdue."""
    require(actor, "implement")
    weeks = session.scalars(sa.select(ReviewWeek).options(selectinload(ReviewWeek.review_days))
                            .order_by(ReviewWeek.starts_on.desc())).all()
    summaries = {w.id: WeekSummary(w) for w in weeks}
    rows = session.execute(
        sa.select(ReviewDay.week_id, Change.state,
                  sa.func.count(Change.id),
                  sa.func.sum(sa.case((sa.and_(Change.state != "done", Change.due_on < today),
                                       1), else_=0)))
        .join(Change.proposal).join(Proposal.review_day)
        .group_by(ReviewDay.week_id, Change.state))
    for week_id, state, count, overdue in rows:
        summaries[week_id].counts[state] = count
        summaries[week_id].overdue += int(overdue or 0)
    return list(summaries.values())


def open_changes(session: Session, actor: Any) -> list[Change]:
    """Every change not yet done, across all weeks, oldest due first."""
    require(actor, "implement")
    query = _changes_query().where(Change.state != "done").order_by(
        Change.due_on, ReviewDay.date, Proposal.id)
    return list(session.scalars(query).unique())


def get_change(session: Session, actor: Any, change_id: int) -> Change | None:
    """One change with everything its page shows, or None."""
    require(actor, "implement")
    return session.scalars(_changes_query().where(Change.id == change_id)).unique().first()


def get_week(session: Session, actor: Any, week_id: int) -> ReviewWeek | None:
    require(actor, "implement")
    return session.get(ReviewWeek, week_id)
