"""Issue 13 over HTTP: a room opened without joining explains how to join, a stakeholder
sees no staff sign-in, and closing the day asks first and says what is still open."""

import sqlalchemy as sa

from review_app.models import AgendaItem, LiveEvent, ReviewDay
from review_app.models.curriculum import utcnow

from ..factories import hold_participant, sign_in
from .conftest import item_of
from .test_contributions import propose


def test_a_room_opened_without_joining_explains_how_to_join(client, live_day):
    response = client.get(f"/live/{live_day.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert f"Join {live_day.title} first" in page
    assert "open the personal link in your invitation" in page
    assert "ask the facilitator for the day's join link" in page
    assert "permission" not in page.lower() and "role does not allow" not in page.lower()
    # The open link is the key to the day: never on a page anyone can guess the address of.
    assert "/join/" not in page
    assert "sign in with your staff account" in page


def test_a_closed_room_opened_without_joining_says_it_has_closed(client, live_day, session):
    live_day.status = "closed"
    session.commit()
    page = client.get(f"/live/{live_day.id}").get_data(as_text=True)
    assert "This Review Day has closed" in page and "How to join" not in page


def test_a_joined_stakeholder_sees_no_staff_sign_in(client, live_day, make_stakeholder):
    hold_participant(client, make_stakeholder())
    page = client.get(f"/live/{live_day.id}").get_data(as_text=True)
    assert "How to take part" in page
    assert "Sign in" not in page and "/sign-in" not in page
    assert "Close the day" not in page  # nor the facilitator's actions


def test_only_the_action_that_applies_is_shown(client, live_day, facilitator, session):
    sign_in(client, facilitator)
    page = client.get(f"/live/{live_day.id}").get_data(as_text=True)
    assert 'data-when-status="draft ready closed" hidden' in page
    assert f'href="/live/{live_day.id}/close"' in page
    live_day.status = "closed"
    session.commit()
    page = client.get(f"/live/{live_day.id}").get_data(as_text=True)
    assert "Reopen the day" in page
    assert 'data-when-status="live" hidden' in page


def test_closing_asks_first_with_the_open_proposals_then_stops_the_timers(
        app, client, live_day, facilitator, make_stakeholder, connect, session):
    sam_socket = connect(make_stakeholder())
    for index in range(3):
        assert propose(sam_socket, live_day, item_of(live_day, index=index))["ok"]
    live_day.agenda[0].timer_started_at = utcnow()
    session.commit()
    sign_in(client, facilitator)

    question = client.get(f"/live/{live_day.id}/close")
    page = question.get_data(as_text=True)
    assert question.status_code == 200 and f"Close {live_day.title}?" in page
    assert "3 proposals have no decision yet" in page
    assert session.get(ReviewDay, live_day.id).status == "live"  # asking changed nothing

    sam_socket.get_received()
    done = client.post(f"/live/{live_day.id}/close")
    assert done.status_code == 302 and done.headers["Location"] == f"/live/{live_day.id}"
    session.expire_all()
    assert session.get(ReviewDay, live_day.id).status == "closed"
    assert session.scalars(sa.select(AgendaItem.timer_started_at)).all() == [None, None]
    heard = [m["args"][0] for m in sam_socket.get_received() if m["name"] == "change"]
    assert heard[0]["type"] == "day.status" and heard[0]["data"]["status"] == "closed"
    assert not any(t["running"] for t in heard[0]["data"]["timers"])

    # From the day's page, back to the day's page; a closed day is not closed again.
    again = client.get(f"/live/{live_day.id}/close?from=day").get_data(as_text=True)
    assert "is not live" in again and "Close the Review Day</button>" not in again
    refused = client.post(f"/live/{live_day.id}/close", data={"from": "day"})
    assert refused.headers["Location"].endswith(f"/review-days/{live_day.id}#status")
    assert session.scalar(sa.select(sa.func.count()).select_from(LiveEvent).where(
        LiveEvent.type == "day.status")) == 1

    reopened = client.post(f"/live/{live_day.id}/open")
    assert reopened.status_code == 302
    session.expire_all()
    assert session.get(ReviewDay, live_day.id).status == "live"


def test_a_stakeholder_cannot_close_or_open_the_day(client, live_day, make_stakeholder,
                                                    session):
    hold_participant(client, make_stakeholder())
    assert client.get(f"/live/{live_day.id}/close").status_code == 403
    assert client.post(f"/live/{live_day.id}/close").status_code == 403
    assert client.post(f"/live/{live_day.id}/open").status_code == 403
    assert session.get(ReviewDay, live_day.id).status == "live"


def test_the_day_page_sends_closing_through_the_question(client, live_day, facilitator):
    sign_in(client, facilitator)
    page = client.get(f"/review-days/{live_day.id}").get_data(as_text=True)
    assert f"/live/{live_day.id}/close?from=day" in page
    assert 'value="close"' not in page  # no one-click close any more


def test_the_room_sends_no_forms_until_they_are_wanted(client, live_day, make_stakeholder):
    """Forms live in <template>s, made by live/propose.js and live/forms.js when opened (a
    form under every item made a stage 1.2 MB and froze Chrome's autofill); the decision
    form is only for those who decide; every room module is preloaded."""
    hold_participant(client, make_stakeholder())
    page = client.get(f"/live/{live_day.id}").get_data(as_text=True)
    outside = page
    for name in ("propose-item-template", "propose-add-template", "comment-template",
                 "proposal-template"):
        start = outside.index(f'<template id="{name}">')
        outside = outside[:start] + outside[outside.index("</template>", start) + 11:]
    assert outside.count("<form") == 1  # general feedback
    assert "data-propose-for=" in page and "data-propose-add" in page
    assert 'id="decide-template"' not in page
    for module in ("live/dom.js", "live/state.js", "live/propose.js"):
        assert f'<link rel="modulepreload" href="/static/{module}">' in page
