"""Creating, reading and editing Review Days (their details, not their agenda)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import InvalidInput, found
from ..models import Curriculum, ReviewDay, User
from .weeks import week_for

log = logging.getLogger(__name__)
RUNS_REVIEW_DAYS = ("facilitator", "admin")


@dataclass
class ReviewDayDetails:
    title: str
    curriculum_id: int
    date: date
    starts_at: time
    ends_at: time
    call_link: str
    facilitator_id: int | None


def get_review_day(session: Session, user, review_day_id: int) -> ReviewDay:
    require(user, "view_weeks")
    return found(session.get(ReviewDay, review_day_id))


def facilitator_choices(session: Session) -> list[User]:
    """The people who may facilitate: active facilitators and admins."""
    return list(session.scalars(sa.select(User).where(
        User.role.in_(RUNS_REVIEW_DAYS), User.active.is_(True)).order_by(User.name)))


def _check(session: Session, details: ReviewDayDetails, day: ReviewDay | None) -> None:
    errors: dict[str, str] = {}
    if session.get(Curriculum, details.curriculum_id) is None:
        errors["curriculum_id"] = "Select a curriculum"
    elif day is not None and day.agenda and day.curriculum_id != details.curriculum_id:
        errors["curriculum_id"] = ("Remove the agenda items before changing the curriculum "
                                   "under review")
    if details.ends_at <= details.starts_at:
        errors["ends_at"] = "End time must be after the start time"
    if details.call_link and not details.call_link.startswith(("https://", "http://")):
        errors["call_link"] = "Enter the call link as a web address starting with https://"
    if details.facilitator_id is not None:
        person = session.get(User, details.facilitator_id)
        if person is None or person.role not in RUNS_REVIEW_DAYS or not person.active:
            errors["facilitator_id"] = "Select a facilitator from the list"
    if errors:
        raise InvalidInput(errors)


def _apply(session: Session, day: ReviewDay, details: ReviewDayDetails) -> None:
    day.week = week_for(session, details.date)
    day.title, day.curriculum_id, day.date = details.title, details.curriculum_id, details.date
    day.starts_at, day.ends_at = details.starts_at, details.ends_at
    day.call_link, day.facilitator_id = details.call_link, details.facilitator_id


def create_review_day(session: Session, user, details: ReviewDayDetails) -> ReviewDay:
    """A new draft Review Day in the week of its date."""
    require(user, "prepare")
    _check(session, details, None)
    day = ReviewDay(status="draft", join_link_nonce=1, last_seq=0)
    _apply(session, day, details)
    session.add(day)
    session.flush()
    log.info("%s created Review Day %s on %s", user.email, day.id, day.date)
    return day


def update_review_day(session: Session, user, day: ReviewDay, details: ReviewDayDetails) -> None:
    require(user, "prepare")
    _check(session, details, day)
    _apply(session, day, details)
    session.flush()
    log.info("%s changed the details of Review Day %s", user.email, day.id)
