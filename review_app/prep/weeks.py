"""Review weeks and their phase in the Monday-to-Friday rhythm."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..auth.permissions import require
from ..models import ReviewDay, ReviewWeek

PHASES = {
    "upcoming": "Upcoming",
    "preparation": "Preparation (Monday)",
    "review_day": "Review Day (Tuesday)",
    "live": "Review Day live",
    "implementation": "Implementation (Wednesday to Friday)",
    "closed": "Closed",
}
# A new Review Day's slot unless the facilitator changes it: a Tuesday morning.
DEFAULT_SLOT = (time(10), time(12))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def next_review_tuesday(now: datetime) -> date:
    """The next Tuesday whose default slot has not begun yet (`now` in London time)."""
    days = (1 - now.weekday()) % 7
    if days == 0 and now.time() >= DEFAULT_SLOT[0]:
        days = 7
    return now.date() + timedelta(days=days)


def calendar_phase(starts_on: date, today: date) -> str:
    """The phase the calendar gives a week that starts on `starts_on` (a Monday)."""
    offset = (today - starts_on).days
    if offset < 0:
        return "upcoming"
    if offset == 0:
        return "preparation"
    if offset == 1:
        return "review_day"
    if offset <= 4:
        return "implementation"
    return "closed"


def week_phase(week: ReviewWeek, today: date) -> str:
    """The calendar's phase, unless a facilitator has opened a Review Day of the week."""
    if any(day.status == "live" for day in week.review_days):
        return "live"
    return calendar_phase(week.starts_on, today)


def week_for(session: Session, day: date) -> ReviewWeek:
    """The review week containing `day`, created when it is the first of its week."""
    monday = monday_of(day)
    week = session.scalars(sa.select(ReviewWeek).where(ReviewWeek.starts_on == monday)).first()
    if week is None:
        week = ReviewWeek(starts_on=monday)
        session.add(week)
        session.flush()
    return week


def list_weeks(session: Session, user) -> list[ReviewWeek]:
    """Every review week, newest first, with its Review Days."""
    require(user, "view_weeks")
    return list(session.scalars(
        sa.select(ReviewWeek).order_by(ReviewWeek.starts_on.desc())
        .options(selectinload(ReviewWeek.review_days).selectinload(ReviewDay.curriculum))))


def latest_review_day_before(session: Session, user, monday: date) -> ReviewDay | None:
    """The most recent Review Day of an earlier week: what "Copy last week" starts from."""
    require(user, "view_weeks")
    return session.scalars(sa.select(ReviewDay).where(ReviewDay.date < monday)
                           .order_by(ReviewDay.date.desc(), ReviewDay.id.desc())).first()
