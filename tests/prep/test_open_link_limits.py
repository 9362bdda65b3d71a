"""The open join link (finding 3 of issue 15): a browser that joined once is the same
participant however often it posts the form again, and one address may add only a few
participants a minute; someone removed from the day is not let back in."""

from urllib.parse import urlsplit

import pytest

from review_app.models.curriculum import utcnow
from review_app.prep.invitations import open_link_url
from review_app.prep.reference import organisations

from ..factories import participants


@pytest.fixture
def open_link(app, session, make_day, reference_data):
    day = make_day()
    with app.test_request_context():
        link = urlsplit(open_link_url(day)).path
    org = next(o for o in organisations(session) if o.name == "Skills for Care")
    return day, link, {"name": "Priya Shah", "organisation_id": str(org.id)}


def test_posting_the_form_again_reuses_the_browser_s_participant(client, session, open_link):
    day, link, form = open_link
    for _ in range(5):
        response = client.post(link, data=form)
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/live/{day.id}")
    assert len(participants(session, day.id)) == 1


def test_one_address_adds_ten_participants_a_minute_at_most(app, session, open_link):
    day, link, form = open_link
    answers = [app.test_client().post(link, data=form) for _ in range(11)]
    assert [a.status_code for a in answers] == [302] * 10 + [429]
    assert int(answers[-1].headers["Retry-After"]) >= 1
    assert "Too many people have joined from here" in answers[-1].get_data(as_text=True)
    assert len(participants(session, day.id)) == 10
    elsewhere = app.test_client().post(link, data=form,
                                       environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == 302


def test_a_removed_participant_is_not_let_back_in_by_the_open_link(client, session,
                                                                    open_link):
    day, link, form = open_link
    client.post(link, data=form)
    [participant] = participants(session, day.id)
    participant.removed_at = utcnow()
    session.commit()
    for response in (client.get(link), client.post(link, data=form)):
        assert response.status_code == 403
        assert "You have been removed" in response.get_data(as_text=True)
    assert len(participants(session, day.id)) == 1
