"""Review weeks start on a Monday and take their phase from the calendar."""

from datetime import date

import pytest

from review_app.models import ReviewWeek
from review_app.prep.weeks import calendar_phase, monday_of, week_for, week_phase

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(("today", "phase"), [
    (date(2026, 11, 20), "upcoming"),
    (date(2026, 11, 23), "preparation"),
    (date(2026, 11, 24), "review_day"),
    (date(2026, 11, 25), "implementation"),
    (date(2026, 11, 27), "implementation"),
    (date(2026, 11, 28), "closed"),
    (date(2027, 1, 4), "closed"),
])
def test_the_calendar_gives_the_phase(today, phase):
    assert calendar_phase(MONDAY, today) == phase


def test_monday_of_any_day():
    assert monday_of(date(2026, 11, 29)) == MONDAY
    assert monday_of(MONDAY) == MONDAY


def test_week_for_creates_a_week_once(session):
    first = week_for(session, date(2026, 11, 24))
    again = week_for(session, date(2026, 11, 27))
    assert first is again and first.starts_on == MONDAY
    assert session.query(ReviewWeek).count() == 1


def test_a_live_day_makes_the_week_live_whatever_the_calendar(session, make_day, make_user):
    from review_app.prep.status import mark_ready, open_day

    facilitator = make_user()
    day = make_day(facilitator=facilitator, on=date(2026, 11, 24))
    assert week_phase(day.week, date(2026, 11, 23)) == "preparation"
    mark_ready(session, facilitator, day)
    open_day(session, facilitator, day)  # a day early
    assert week_phase(day.week, date(2026, 11, 23)) == "live"
