"""The live page over HTTP: who may open it and what it shows."""

import sqlalchemy as sa

from review_app.extensions import socketio
from review_app.models import Participant

from ..factories import hold_participant, sign_in


def test_without_invitation_or_login_the_page_is_refused(client, live_day):
    assert client.get(f"/live/{live_day.id}").status_code == 403
    assert client.get("/live/999999").status_code == 404


def test_staff_attend_when_their_socket_joins_not_when_the_page_loads(
        app, client, live_day, facilitator, session):
    """Issue 15: a GET of /live/<id> recorded the member of staff as attending."""
    sign_in(client, facilitator)
    response = client.get(f"/live/{live_day.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Focus everyone here" in page and "Record decision" in page
    assert "Fran Facilitator" in page and '"id": null' in page
    staff_rows = sa.select(Participant).where(Participant.user_id == facilitator.id)
    assert session.scalars(staff_rows).all() == []  # the page load recorded nothing

    socket = socketio.test_client(app, flask_test_client=client)
    ack = socket.emit("join", {"review_day_id": live_day.id}, callback=True)
    assert ack["ok"], ack
    staff = session.scalars(staff_rows).one()
    assert staff.via == "account" and ack["snapshot"]["me"]["id"] == staff.id
    socket.disconnect()

    again = client.get(f"/live/{live_day.id}").get_data(as_text=True)  # known from now on
    assert f'"id": {staff.id}' in again
    second = socketio.test_client(app, flask_test_client=client)
    assert second.emit("join", {"review_day_id": live_day.id}, callback=True)["ok"]
    second.disconnect()
    assert session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 1
    with client.session_transaction() as cookie:
        assert cookie["participants"] == {str(live_day.id): staff.id}


def test_stakeholder_page_shows_agenda_and_competencies(client, live_day, make_stakeholder):
    sam = make_stakeholder()
    hold_participant(client, sam)
    page = client.get(f"/live/{live_day.id}").get_data(as_text=True)
    for agenda_item in live_day.agenda:
        assert f'data-competency-panel="{agenda_item.competency_id}"' in page
        assert agenda_item.competency.title in page
    assert "Focus everyone here" not in page  # facilitator controls are not offered
    assert 'aria-live="polite"' in page and "Follow the facilitator" in page
    assert '"can_decide": false' in page
