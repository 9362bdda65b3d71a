"""Personal invitation links and the open join link: who gets in, and what is recorded."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from review_app.models import Participant
from review_app.models.curriculum import utcnow
from review_app.prep.invitations import (
    invitation_url,
    invite_stakeholders,
    open_link_url,
    reissue_invitation,
    reset_open_link,
    revoke_invitation,
)
from review_app.prep.joining import join_as_staff

from ..factories import participants, sign_in


def path(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture
def invited(app, session, make_day, make_stakeholder):
    """A draft day with one invited stakeholder; returns (day, invitation, link path)."""
    day = make_day()
    stakeholder = make_stakeholder(name="Aisha Khan", organisation="CMI", group="AHP")
    [invitation] = invite_stakeholders(session, day.facilitator, day, [stakeholder.id])
    session.commit()
    with app.test_request_context():
        return day, invitation, path(invitation_url(invitation))


def test_a_personal_link_shows_the_day_then_joins_on_confirmation(client, session, invited):
    day, invitation, link = invited
    page = client.get(link)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "You are joining as <strong>Aisha Khan</strong>, CMI." in text
    assert participants(session) == []  # opening the link (a mail scanner, say) records nothing
    joined = client.post(link)
    assert joined.status_code == 302
    assert joined.headers["Location"].endswith(f"/live/{day.id}")
    [participant] = participants(session)
    assert (participant.name, participant.organisation.name, participant.group.name,
            participant.via, participant.stakeholder_id) == (
        "Aisha Khan", "CMI", "AHP", "invitation", invitation.stakeholder_id)
    confirmation = client.get(joined.headers["Location"]).get_data(as_text=True)
    assert "You are here as <strong>Aisha Khan</strong>, CMI" in confirmation
    assert day.agenda[0].competency.title in confirmation
    assert day.call_link in confirmation


def test_re_using_a_personal_link_reuses_the_participant(app, session, invited):
    day, _invitation, link = invited
    for _ in range(2):
        browser = app.test_client()  # a second device as well as the same one
        browser.post(link)
        assert browser.get(link).status_code == 302  # already in: straight to the room
    assert len(participants(session)) == 1


@pytest.mark.parametrize("spoil", ["expired", "revoked", "reissued", "tampered", "wrong_day",
                                   "closed", "open_link_as_invitation"])
def test_refused_links_say_why_and_record_nothing(app, client, session, invited, make_day,
                                                  spoil):
    day, invitation, link = invited
    expected = {"expired": 410, "revoked": 410, "reissued": 410, "tampered": 403,
                "wrong_day": 403, "closed": 410, "open_link_as_invitation": 403}[spoil]
    if spoil == "expired":
        invitation.expires_at = utcnow() - timedelta(minutes=1)
    elif spoil == "revoked":
        revoke_invitation(session, day.facilitator, invitation)
    elif spoil == "reissued":
        reissue_invitation(session, day.facilitator, invitation)
    elif spoil == "tampered":
        link = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    elif spoil == "wrong_day":
        other = make_day(title="Another day")
        link = link.replace(f"/join/{day.id}/", f"/join/{other.id}/")
    elif spoil == "closed":
        day.status = "closed"
    elif spoil == "open_link_as_invitation":
        with app.test_request_context():
            token = path(open_link_url(day)).rsplit("/", 1)[1]
        link = f"/join/{day.id}/i/{token}"
    session.commit()
    for response in (client.get(link), client.post(link)):
        assert response.status_code == expected
        page = response.get_data(as_text=True)
        assert "nhsuk-header" in page and "Nothing has been recorded." in page
    assert participants(session) == []


def test_the_open_link_asks_once_then_records_attendance(app, client, session, make_day,
                                                         reference_data):
    day = make_day()
    with app.test_request_context():
        link = path(open_link_url(day))
    form = client.get(link)
    assert form.status_code == 200 and "Your organisation" in form.get_data(as_text=True)
    from review_app.prep.reference import groups, organisations
    org = next(o for o in organisations(session) if o.name == "Skills for Care")
    group = next(g for g in groups(session) if g.name == "Social care")
    bad = client.post(link, data={"name": "", "organisation_id": ""})
    assert bad.status_code == 400 and "Enter your name" in bad.get_data(as_text=True)
    assert participants(session) == []
    joined = client.post(link, data={"name": "Priya Shah", "organisation_id": str(org.id),
                                     "group_id": str(group.id)})
    assert joined.status_code == 302
    assert client.get(link).status_code == 302  # given once: no second form
    [participant] = participants(session)
    assert (participant.name, participant.organisation_id, participant.group_id,
            participant.via) == ("Priya Shah", org.id, group.id, "open-link")

    sign_in(client, day.facilitator)
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    attendance = page[page.index('id="attendance-heading"'):]
    assert "Priya Shah" in attendance and "Skills for Care: 1" in attendance
    assert "Open join link" in attendance


def test_resetting_the_open_link_refuses_the_old_one(app, client, session, make_day,
                                                     reference_data):
    day = make_day()
    with app.test_request_context():
        old = path(open_link_url(day))
        reset_open_link(session, day.facilitator, day)
        session.commit()
        new = path(open_link_url(day))
    refused = client.get(old)
    assert refused.status_code == 410
    assert "This join link has been replaced" in refused.get_data(as_text=True)
    assert client.get(new).status_code == 200


def test_staff_joining_gets_an_account_participant_once(client, session, make_day):
    day = make_day()
    first = join_as_staff(session, day, day.facilitator)
    again = join_as_staff(session, day, day.facilitator)
    assert first is again and (first.user_id, first.via, first.organisation_name) == (
        day.facilitator_id, "account", "Facilitation team")
    sign_in(client, day.facilitator)
    response = client.post(f"/review-days/{day.id}/enter")
    assert response.headers["Location"].endswith(f"/live/{day.id}")
    assert session.query(Participant).count() == 1


def test_invite_revoke_and_reissue_from_the_page(client, session, make_day, make_stakeholder):
    day = make_day()
    one, two = make_stakeholder(), make_stakeholder()
    sign_in(client, day.facilitator)
    none = client.post(f"/review-days/{day.id}/invitations", data={})
    assert none.status_code == 400
    assert "Select at least one stakeholder" in none.get_data(as_text=True)
    client.post(f"/review-days/{day.id}/invitations",
                data={"stakeholder_ids": [str(one.id), str(two.id)]})
    session.refresh(day)
    assert sorted(i.stakeholder_id for i in day.invitations) == sorted([one.id, two.id])
    invitation = day.invitations[0]
    client.post(f"/review-days/{day.id}/invitations/{invitation.id}/revoke")
    session.refresh(invitation)
    assert invitation.revoked_at is not None
    client.post(f"/review-days/{day.id}/invitations/{invitation.id}/reissue")
    session.refresh(invitation)
    assert invitation.revoked_at is None and invitation.nonce == 2


def test_the_invitation_page_has_text_to_copy(client, session, invited):
    day, invitation, link = invited
    sign_in(client, day.facilitator)
    page = client.get(f"/review-days/{day.id}/invitations/{invitation.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<textarea class="nhsuk-textarea app-invitation-text" id="invitation-text"' in text
    assert "Dear Aisha Khan," in text and link in text and day.call_link in text
    assert 'data-copy-target="invitation-text"' in text
    assert f"{day.starts_at:%H:%M} to {day.ends_at:%H:%M} (UK time)" in text
