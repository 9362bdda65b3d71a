"""The prep forms refuse text that a database or a Word document cannot hold, naming the
field, and keep the lines of text pasted from Word where a field may hold several."""

import pytest
import sqlalchemy as sa

from review_app.models import AgendaItem, Organisation, ReviewDay
from review_app.text_rules import UNSTORABLE_MESSAGE

from ..factories import sign_in


def _day_form(curriculum_id, **changes):
    data = {"title": "Stage 1", "curriculum_id": str(curriculum_id), "date-day": "24",
            "date-month": "11", "date-year": "2026", "starts_at": "10:00",
            "ends_at": "12:30", "call_link": "", "facilitator_id": ""}
    return {**data, **changes}


@pytest.mark.parametrize("field", ["title", "call_link"])
def test_the_review_day_form_refuses_unstorable_text_naming_the_field(
        field, client, session, sample_curriculum, make_user):
    sign_in(client, make_user())
    for value in ("Stage 1\x01", "Stage 1\rX-INJECTED:1"):
        response = client.post("/review-days/new",
                               data=_day_form(sample_curriculum.id, **{field: value}))
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert f'href="#{field}"' in page
        assert UNSTORABLE_MESSAGE in page or "must be on one line" in page
    assert session.scalars(sa.select(ReviewDay)).all() == []


def test_prompts_pasted_from_word_keep_their_lines_and_control_characters_are_refused(
        client, session, make_day):
    day = make_day(agenda=1)
    sign_in(client, day.facilitator)
    item = day.agenda[0]
    refused = client.post(f"/review-days/{day.id}/agenda/{item.id}", data={
        f"timebox_minutes-{item.id}": "20", f"prompts-{item.id}": "Pitch?\x07"})
    assert refused.status_code == 400
    assert f"Prompts {UNSTORABLE_MESSAGE}" in refused.get_data(as_text=True)
    client.post(f"/review-days/{day.id}/agenda/{item.id}", data={
        f"timebox_minutes-{item.id}": "20", f"prompts-{item.id}": "Pitch?\x0bTone?\r\nLength?"})
    session.expire_all()
    assert session.get(AgendaItem, item.id).prompts == "Pitch?\nTone?\nLength?"


def test_organisation_names_are_checked_too(client, session, reference_data, make_user):
    sign_in(client, make_user("admin"))
    response = client.post("/organisations/organisation",
                           data={"organisation-name": "Evil\x00 Trust"})
    assert response.status_code == 400
    assert f"Name {UNSTORABLE_MESSAGE}" in response.get_data(as_text=True)
    assert session.scalars(sa.select(Organisation).where(
        Organisation.name.like("Evil%"))).all() == []
