"""One check of "who is this participant, and are they still allowed?" for the live page
and every socket event (finding 4 of issue 15): tied to the invitation link's nonce, and
honouring revocation, expiry, staff deactivation and removal."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from review_app.extensions import socketio
from review_app.models import Organisation, Participant, Stakeholder
from review_app.models.curriculum import utcnow
from review_app.prep.invitations import (
    invitation_url,
    invite_stakeholders,
    reissue_invitation,
    revoke_invitation,
)

from ..factories import participants, sign_in


@pytest.fixture
def invited(app, session, live_day, facilitator):
    """An invitation to the live day; returns (invitation, a function giving its link)."""
    stakeholder = Stakeholder(name="Aisha Khan", organisation=Organisation(name="CMI"))
    session.add(stakeholder)
    session.commit()
    [invitation] = invite_stakeholders(session, facilitator, live_day, [stakeholder.id])
    session.commit()

    def link() -> str:
        with app.test_request_context():
            return urlsplit(invitation_url(invitation)).path

    return invitation, link


def _joined_browser(app, link: str):
    browser = app.test_client()
    assert browser.post(link).status_code == 302
    return browser


def _socket_join(app, browser, day_id: int) -> dict:
    socket = socketio.test_client(app, flask_test_client=browser)
    try:
        return socket.emit("join", {"review_day_id": day_id}, callback=True)
    finally:
        socket.disconnect()


def test_re_issuing_an_invitation_shuts_out_whoever_holds_the_old_link(
        app, session, live_day, facilitator, invited):
    invitation, link = invited
    old_link = link()
    old_holder = _joined_browser(app, old_link)
    assert old_holder.get(f"/live/{live_day.id}").status_code == 200
    reissue_invitation(session, facilitator, invitation)
    session.commit()
    page = old_holder.get(f"/live/{live_day.id}")
    assert page.status_code == 410
    assert "This invitation link has been replaced" in page.get_data(as_text=True)
    assert _socket_join(app, old_holder, live_day.id)["error"]["code"] == "unauthorized"
    # The stakeholder joins again from the new link: the same participant…
    new_holder = _joined_browser(app, link())
    assert new_holder.get(f"/live/{live_day.id}").status_code == 200
    assert _socket_join(app, new_holder, live_day.id)["ok"]
    assert len(participants(session, live_day.id)) == 1
    # …and the old link's browser stays out although that participant is in again.
    assert old_holder.get(f"/live/{live_day.id}").status_code == 410
    assert _socket_join(app, old_holder, live_day.id)["error"]["code"] == "unauthorized"
    assert old_holder.post(old_link).status_code == 410


@pytest.mark.parametrize("spoil, title", [
    ("revoked", "Your invitation has been withdrawn"),
    ("expired", "Your invitation has expired"),
])
def test_a_revoked_or_expired_invitation_gets_a_clear_page_not_the_room(
        spoil, title, app, session, live_day, facilitator, invited):
    invitation, link = invited
    browser = _joined_browser(app, link())
    if spoil == "revoked":
        revoke_invitation(session, facilitator, invitation)
    else:
        invitation.expires_at = utcnow() - timedelta(minutes=1)
    session.commit()
    page = browser.get(f"/live/{live_day.id}")
    assert page.status_code == 410
    text = page.get_data(as_text=True)
    assert title in text and "nhsuk-header" in text and "data-live-room" not in text
    ack = _socket_join(app, browser, live_day.id)
    assert ack["error"]["code"] == "unauthorized" and title.split()[-1] in ack["error"][
        "message"]


def test_a_deactivated_member_of_staff_gets_a_clear_page_not_the_room(
        app, client, session, live_day, facilitator):
    sign_in(client, facilitator)
    assert client.get(f"/live/{live_day.id}").status_code == 200
    assert _socket_join(app, client, live_day.id)["ok"]  # the join records the attendance
    assert client.get(f"/live/{live_day.id}").status_code == 200  # and the page keeps it
    facilitator.active = False
    session.commit()
    page = client.get(f"/live/{live_day.id}")
    assert page.status_code == 403
    text = page.get_data(as_text=True)
    assert "Your account is no longer active" in text and "data-live-room" not in text
    assert _socket_join(app, client, live_day.id)["error"]["code"] == "unauthorized"


def test_a_staff_participant_needs_its_own_sign_in(app, client, session, live_day,
                                                   facilitator, staff_participant):
    """A cookie holding a staff participant without that account signed in (signed out
    since, say) does not act as the facilitator."""
    with client.session_transaction() as cookie:
        cookie["participants"] = {str(live_day.id): staff_participant.id}
    page = client.get(f"/live/{live_day.id}")
    assert page.status_code == 403 and "Sign in" in page.get_data(as_text=True)
    assert _socket_join(app, client, live_day.id)["error"]["code"] == "unauthorized"


def test_an_invitation_participant_without_its_link_in_the_session_is_refused(
        app, client, session, live_day, make_stakeholder):
    """Knowing a participant's id is not enough: the session must carry the link's nonce."""
    sam = make_stakeholder()
    with client.session_transaction() as cookie:
        cookie["participants"] = {str(live_day.id): sam.id}
    assert client.get(f"/live/{live_day.id}").status_code == 410
    assert session.get(Participant, sam.id).removed_at is None


def test_a_removed_stakeholder_s_invitation_does_not_bring_them_back(
        app, session, live_day, invited):
    _invitation, link = invited
    browser = _joined_browser(app, link())
    [participant] = participants(session, live_day.id)
    participant.removed_at = utcnow()
    session.commit()
    for attempt in (browser, app.test_client()):  # the same browser, or a fresh one
        response = attempt.post(link())
        assert response.status_code == 403
        assert "You have been removed" in response.get_data(as_text=True)
    assert browser.get(f"/live/{live_day.id}").status_code == 403
