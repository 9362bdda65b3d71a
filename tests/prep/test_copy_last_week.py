""""Copy last week" starts next week's draft from a day's agenda and invite list."""

from datetime import timedelta

from review_app.prep.invitations import invite_stakeholders, revoke_invitation
from review_app.prep.status import mark_ready

from ..factories import sign_in


def test_copy_to_next_week(client, session, make_day, make_stakeholder):
    day = make_day(agenda=3, prompts="Keep or change?")
    kept, dropped = make_stakeholder(), make_stakeholder()
    invitations = invite_stakeholders(session, day.facilitator, day, [kept.id, dropped.id])
    revoke_invitation(session, day.facilitator, invitations[1])
    mark_ready(session, day.facilitator, day)
    session.commit()
    sign_in(client, day.facilitator)
    response = client.post(f"/review-days/{day.id}/copy")
    assert response.status_code == 302
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    copy = session.get(type(day), copy_id)
    assert copy.date == day.date + timedelta(days=7) and copy.status == "draft"
    assert copy.week.starts_on == day.week.starts_on + timedelta(days=7)
    assert (copy.title, copy.starts_at, copy.ends_at, copy.call_link, copy.facilitator_id) == (
        day.title, day.starts_at, day.ends_at, day.call_link, day.facilitator_id)
    assert [(a.competency_id, a.item_id, a.timebox_minutes, a.prompts) for a in copy.agenda] == [
        (a.competency_id, a.item_id, a.timebox_minutes, a.prompts) for a in day.agenda]
    assert [i.stakeholder_id for i in copy.invitations] == [kept.id]
    assert copy.baseline_frozen_at is None
    again = client.post(f"/review-days/{day.id}/copy", follow_redirects=True)
    assert "already a Review Day for this curriculum on that date" in again.get_data(as_text=True)
    assert session.query(type(day)).count() == 2


def test_the_dashboard_offers_last_weeks_day(client, session, make_day):
    from review_app.prep.clock import london_today
    from review_app.prep.weeks import monday_of

    last_tuesday = monday_of(london_today()) - timedelta(days=6)
    day = make_day(on=last_tuesday, title="Last week's day")
    sign_in(client, day.facilitator)
    page = client.get("/review-days/").get_data(as_text=True)
    assert "Copy last week" in page and f"/review-days/{day.id}/copy" in page
