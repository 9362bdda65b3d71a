"""The Review Day page as a task list, planning's default Tuesday, and opening the day
straight into the room."""

import re
from datetime import date, datetime

from review_app.models.curriculum import utcnow
from review_app.prep.invitations import invite_stakeholders
from review_app.prep.weeks import next_review_tuesday

from ..factories import sign_in


def statuses(client, day):
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    found = re.findall(r'data-task="(\w+)".*?id="task-\1-status">\s*(?:<strong[^>]*>)?'
                       r'([A-Za-z ]+)', page, re.S)
    return {key: label.strip() for key, label in found}


def test_statuses_follow_the_day(client, session, make_day, make_stakeholder):
    day = make_day(agenda=0, call_link="")
    sign_in(client, day.facilitator)
    assert statuses(client, day) == {
        "plan": "Incomplete", "agenda": "Not started", "invitations": "Not started",
        "readiness": "Incomplete", "ready": "Cannot start yet"}

    day.call_link = "https://call.example.org/x"
    competency = day.curriculum.competencies()[0]
    client.post(f"/review-days/{day.id}/agenda", data={
        "subject": f"c{competency.id}", "timebox_minutes": "200", "prompts": ""})
    session.commit()
    now = statuses(client, day)
    assert now["plan"] == "Completed" and now["agenda"] == "Incomplete"  # overrun, no prompt
    assert now["ready"] == "Not started"

    client.post(f"/review-days/{day.id}/agenda/{day.agenda[0].id}", data={
        f"timebox_minutes-{day.agenda[0].id}": "30", f"prompts-{day.agenda[0].id}": "Why?"})
    invite_stakeholders(session, day.facilitator, day, [make_stakeholder().id])
    session.commit()
    assert statuses(client, day) == {
        "plan": "Completed", "agenda": "Completed", "invitations": "Completed",
        "readiness": "Completed", "ready": "Not started"}


def test_an_unsent_or_bounced_email_leaves_invitations_incomplete(app, client, session,
                                                                    make_day,
                                                                    make_stakeholder):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_FROM="review@example.org")
    day = make_day(agenda=1)
    [invitation] = invite_stakeholders(session, day.facilitator, day,
                                       [make_stakeholder().id])
    session.commit()
    sign_in(client, day.facilitator)
    assert statuses(client, day)["invitations"] == "Incomplete"
    invitation.email_sent_at = utcnow()
    session.commit()
    assert statuses(client, day)["invitations"] == "Completed"
    invitation.email_bounced_at, invitation.email_bounce = utcnow(), "550 No such user"
    session.commit()
    assert statuses(client, day)["invitations"] == "Incomplete"


def test_marked_ready_completes_the_last_task(client, session, make_day):
    day = make_day(agenda=1)
    sign_in(client, day.facilitator)
    client.post(f"/review-days/{day.id}/status", data={"action": "ready"})
    assert statuses(client, day)["ready"] == "Completed"


def test_planning_defaults_to_the_next_tuesday_morning():
    monday = datetime(2026, 11, 30, 9, 0)
    assert next_review_tuesday(monday) == date(2026, 12, 1)
    assert next_review_tuesday(datetime(2026, 12, 1, 9, 59)) == date(2026, 12, 1)
    assert next_review_tuesday(datetime(2026, 12, 1, 10, 0)) == date(2026, 12, 8)
    assert next_review_tuesday(datetime(2026, 12, 5, 18, 0)) == date(2026, 12, 8)


def test_the_new_day_form_is_filled_with_that_tuesday(client, make_user):
    sign_in(client, make_user("facilitator"))
    page = client.get("/review-days/new").get_data(as_text=True)
    assert 'value="10:00"' in page and 'value="12:00"' in page
    assert re.search(r'id="date-day" name="date-day" type="text" inputmode="numeric" '
                     r'value="\d+"', page)


def test_open_the_day_and_enter_the_room_is_one_step(client, session, make_day):
    day = make_day(agenda=1)
    sign_in(client, day.facilitator)
    client.post(f"/review-days/{day.id}/status", data={"action": "ready"})
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert "Open the day and enter the room" in page and "Open the Review Day<" not in page
    response = client.post(f"/review-days/{day.id}/status", data={"action": "open_enter"})
    assert response.status_code == 302
    assert response.location == f"/live/{day.id}"
    session.refresh(day)
    assert day.status == "live" and day.opened_at is not None
