"""Anonymising a stakeholder who contributed: name and email gone everywhere they were kept
(stakeholder, participant, the stored live events), contributions kept."""

import json

import sqlalchemy as sa

from review_app.models import Invitation, LiveEvent, Proposal, User
from review_app.prep.anonymise import anonymise_stakeholder

from ..factories import sign_in
from .conftest import item_of
from .test_contributions import propose


def test_anonymise_keeps_contributions_and_drops_personal_data(app, session, live_day,
                                                                make_stakeholder, connect):
    sam = make_stakeholder("Sam Stakeholder", "FMLM")
    sam.stakeholder.email = "sam@example.org"
    session.commit()
    assert propose(connect(sam), live_day, item_of(live_day))["ok"]
    admin = User(email="admin@example.org", name="Ada Admin", role="admin", password_hash="x")
    session.add(admin)
    session.commit()

    client = app.test_client()
    sign_in(client, admin)
    page = client.get(f"/stakeholders/{sam.stakeholder.id}/anonymise").get_data(as_text=True)
    assert "Their name is replaced by “A stakeholder from FMLM”" in page
    assert session.get(type(sam.stakeholder), sam.stakeholder.id).name == "Sam Stakeholder"
    assert client.post(f"/stakeholders/{sam.stakeholder.id}/anonymise").status_code == 302

    session.expire_all()
    stored = json.dumps([e.data for e in session.scalars(sa.select(LiveEvent))])
    assert "Sam Stakeholder" not in stored and "A stakeholder from FMLM" in stored
    assert (sam.stakeholder.name, sam.stakeholder.email) == ("A stakeholder from FMLM", None)
    assert sam.name == "A stakeholder from FMLM"
    [proposal] = session.scalars(sa.select(Proposal))
    assert proposal.author.id == sam.id  # the contribution stays, with its organisation
    assert all(i.revoked_at is not None for i in session.scalars(sa.select(Invitation)))


def test_only_stakeholder_managers_anonymise(session, live_day, make_stakeholder):
    import pytest
    from werkzeug.exceptions import Forbidden

    sam = make_stakeholder()
    lead = User(email="lead@example.org", name="Lee", role="programme_lead", password_hash="x")
    session.add(lead)
    session.commit()
    with pytest.raises(Forbidden):
        anonymise_stakeholder(session, lead, sam.stakeholder)


def test_delete_a_stakeholder_who_contributed(app, session, live_day, make_stakeholder,
                                              connect):
    from review_app.models import Participant, Stakeholder

    sam = make_stakeholder("Sam Stakeholder", "FMLM")
    assert propose(connect(sam), live_day, item_of(live_day))["ok"]
    admin = User(email="admin@example.org", name="Ada Admin", role="admin", password_hash="x")
    session.add(admin)
    session.commit()
    stakeholder_id, participant_id = sam.stakeholder.id, sam.id

    client = app.test_client()
    sign_in(client, admin)
    page = client.get(f"/stakeholders/{stakeholder_id}/delete").get_data(as_text=True)
    assert "Delete Sam Stakeholder?" in page
    assert "They took part in 1 Review Day" in page and "“A stakeholder from FMLM”" in page
    assert session.get(Stakeholder, stakeholder_id) is not None  # asking changes nothing
    assert client.post(f"/stakeholders/{stakeholder_id}/delete").status_code == 302

    session.expire_all()
    assert session.get(Stakeholder, stakeholder_id) is None
    assert session.scalars(sa.select(Invitation).where(
        Invitation.stakeholder_id == stakeholder_id)).first() is None
    person = session.get(Participant, participant_id)
    assert (person.name, person.stakeholder_id) == ("A stakeholder from FMLM", None)
    assert person.organisation.name == "FMLM"  # still counted by organisation
    [proposal] = session.scalars(sa.select(Proposal))
    assert proposal.author_id == participant_id
    stored = json.dumps([e.data for e in session.scalars(sa.select(LiveEvent))])
    assert "Sam Stakeholder" not in stored


def test_merge_organisations_moves_people_and_relabels_the_anonymised(
        app, session, live_day, make_stakeholder, connect):
    from review_app.models import Organisation, Participant, Stakeholder

    sam = make_stakeholder("Sam Stakeholder", "FMLM")
    assert propose(connect(sam), live_day, item_of(live_day))["ok"]
    admin = User(email="admin@example.org", name="Ada Admin", role="admin", password_hash="x")
    session.add(admin)
    session.commit()
    anonymise_stakeholder(session, admin, sam.stakeholder)
    session.commit()
    fmlm = sam.organisation
    cmi = Organisation(name="CMI")
    session.add(cmi)
    session.commit()

    client = app.test_client()
    sign_in(client, admin)
    url = f"/organisations/organisation/{fmlm.id}/merge"
    assert "Merge it into" in client.get(url).get_data(as_text=True)
    missing = client.post(url, data={})
    assert missing.status_code == 400 and "Choose the organisation" in missing.get_data(
        as_text=True)
    confirm = client.post(url, data={"into": cmi.id}).get_data(as_text=True)
    assert "Merge FMLM into CMI?" in confirm and "1 stakeholder of FMLM move to CMI" in confirm
    assert session.get(Organisation, fmlm.id) is not None  # not until confirmed
    assert client.post(url, data={"into": cmi.id, "confirm": "1"}).status_code == 302

    session.expire_all()
    assert session.get(Organisation, fmlm.id) is None
    person = session.get(Participant, sam.id)
    assert person.organisation_id == cmi.id and person.name == "A stakeholder from CMI"
    assert session.get(Stakeholder, sam.stakeholder.id).name == "A stakeholder from CMI"
