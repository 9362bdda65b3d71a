"""Planning a Review Day: the form, its validation, and editing the details."""

from datetime import date, time

import sqlalchemy as sa

from review_app.models import ReviewDay

from ..factories import sign_in


def form(curriculum_id, **changes):
    data = {"title": "Stage 1: self effectiveness", "curriculum_id": str(curriculum_id),
            "date-day": "24", "date-month": "11", "date-year": "2026", "starts_at": "10:00",
            "ends_at": "12:30", "call_link": "https://call.example.org/abc",
            "facilitator_id": ""}
    data.update(changes)
    return data


def test_a_facilitator_plans_a_review_day(client, session, sample_curriculum, make_user):
    facilitator = make_user()
    sign_in(client, facilitator)
    page = client.get("/review-days/new")
    assert page.status_code == 200 and b"Plan a Review Day" in page.data
    response = client.post("/review-days/new", data=form(sample_curriculum.id,
                                                         facilitator_id=str(facilitator.id)))
    assert response.status_code == 302
    day = session.scalars(sa.select(ReviewDay)).one()
    assert (day.title, day.date, day.starts_at, day.ends_at, day.status) == (
        "Stage 1: self effectiveness", date(2026, 11, 24), time(10), time(12, 30), "draft")
    assert day.week.starts_on == date(2026, 11, 23) and day.facilitator_id == facilitator.id
    assert response.headers["Location"].endswith(f"/review-days/{day.id}#agenda")


def test_bad_input_shows_every_error_and_creates_nothing(client, session, sample_curriculum,
                                                         make_user):
    sign_in(client, make_user())
    response = client.post("/review-days/new", data=form(
        sample_curriculum.id, title="", **{"date-day": "31", "date-month": "2"},
        starts_at="25:00", call_link="call.example.org"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    for message in ("Enter a title", "must be a real date", "must be a 24-hour time"):
        assert message in page
    assert 'href="#date-day"' in page and 'href="#title"' in page
    assert session.scalars(sa.select(ReviewDay)).all() == []


def test_the_slot_must_end_after_it_starts(client, session, sample_curriculum, make_user):
    sign_in(client, make_user())
    response = client.post("/review-days/new", data=form(sample_curriculum.id,
                                                         starts_at="14:00", ends_at="13:00"))
    assert response.status_code == 400
    assert "End time must be after the start time" in response.get_data(as_text=True)
    assert session.scalars(sa.select(ReviewDay)).all() == []


def test_editing_the_date_moves_the_day_to_its_week(client, session, make_day):
    day = make_day()
    sign_in(client, day.facilitator)
    response = client.post(f"/review-days/{day.id}/edit", data=form(
        day.curriculum_id, **{"date-day": "1", "date-month": "12", "date-year": "2026"},
        facilitator_id=str(day.facilitator_id)))
    assert response.status_code == 302
    session.refresh(day)
    assert day.date == date(2026, 12, 1) and day.week.starts_on == date(2026, 11, 30)


def test_the_dashboard_lists_weeks_and_their_days(client, make_day):
    day = make_day(title="Wellbeing competencies")
    sign_in(client, day.facilitator)
    page = client.get("/review-days/").get_data(as_text=True)
    assert "Wellbeing competencies" in page
    assert f"Week beginning {day.week.starts_on:%A} {day.week.starts_on.day}" in page
    assert "Draft" in page
