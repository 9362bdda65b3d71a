"""Deleting a draft Review Day: a confirmation page saying what goes, then only drafts
nobody has joined."""

from __future__ import annotations

import sqlalchemy as sa

from review_app.models import AgendaItem, Invitation, Participant, ReviewDay, Stakeholder
from review_app.prep.invitations import invitation_url, invite_stakeholders
from review_app.prep.status import change_status

from ..factories import sign_in


def _count(session, model):
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def test_confirm_then_delete_a_draft(app, client, session, make_day, make_stakeholder):
    day = make_day(agenda=2)
    person = make_stakeholder(name="Aisha Khan")
    [invitation] = invite_stakeholders(session, day.facilitator, day, [person.id])
    session.commit()
    with app.test_request_context():
        link = invitation_url(invitation)
    sign_in(client, day.facilitator)
    page = client.get(f"/review-days/{day.id}/delete").get_data(as_text=True)
    assert "2 agenda items will be removed" in page
    assert "1 invitation will be withdrawn" in page
    assert _count(session, ReviewDay) == 1  # asking deletes nothing
    response = client.post(f"/review-days/{day.id}/delete")
    assert response.headers["Location"].endswith("/review-days/")
    assert [_count(session, m) for m in (ReviewDay, AgendaItem, Invitation)] == [0, 0, 0]
    assert _count(session, Stakeholder) == 1
    assert client.get(link.split("127.0.0.1:5000")[-1]).status_code in (403, 404, 410)


def test_only_drafts_nobody_joined(client, session, make_day, reference_data):
    day = make_day()
    change_status(session, day.facilitator, day, "ready")
    session.commit()
    sign_in(client, day.facilitator)
    response = client.post(f"/review-days/{day.id}/delete")
    assert response.status_code == 302 and _count(session, ReviewDay) == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Only a draft Review Day can be deleted" in page

    joined = make_day(title="Joined draft")
    session.add(Participant(review_day_id=joined.id, name="Someone", via="open-link"))
    session.commit()
    client.post(f"/review-days/{joined.id}/delete")
    assert session.get(ReviewDay, joined.id) is not None


def test_programme_leads_cannot_delete(client, session, make_day, make_user):
    day = make_day()
    sign_in(client, make_user("programme_lead"))
    assert client.post(f"/review-days/{day.id}/delete").status_code == 403
    assert _count(session, ReviewDay) == 1
