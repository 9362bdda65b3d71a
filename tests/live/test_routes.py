"""The live page over HTTP: who may open it and what it shows."""

import sqlalchemy as sa

from review_app.models import Participant

from ..factories import hold_participant


def test_without_invitation_or_login_the_page_is_refused(client, live_day):
    assert client.get(f"/live/{live_day.id}").status_code == 403
    assert client.get("/live/999999").status_code == 404


def test_staff_opening_the_page_join_as_themselves(client, live_day, facilitator, session):
    with client.session_transaction() as cookie:
        cookie["_user_id"] = str(facilitator.id)
    response = client.get(f"/live/{live_day.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Focus everyone here" in page and "Record decision" in page
    staff = session.scalars(sa.select(Participant).where(
        Participant.user_id == facilitator.id)).one()
    assert staff.via == "account"
    client.get(f"/live/{live_day.id}")  # opening it again does not add a second record
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
