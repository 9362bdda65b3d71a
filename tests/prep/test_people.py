"""Stakeholders, and the managed lists of organisations and groups (seeded idempotently)."""

import sqlalchemy as sa

from review_app.models import Organisation, Stakeholder, StakeholderGroup
from review_app.models.people import DEFAULT_GROUPS, DEFAULT_ORGANISATIONS
from review_app.prep.reference import seed_reference_data

from ..factories import sign_in


def names(session, model):
    return sorted(session.scalars(sa.select(model.name)))


def test_seeding_is_idempotent(session):
    assert seed_reference_data(session) == len(DEFAULT_ORGANISATIONS) + len(DEFAULT_GROUPS)
    assert seed_reference_data(session) == 0
    assert names(session, Organisation) == sorted(DEFAULT_ORGANISATIONS)
    assert names(session, StakeholderGroup) == sorted(DEFAULT_GROUPS)


def test_add_and_change_a_stakeholder(client, session, make_user, reference_data):
    sign_in(client, make_user())
    cmi = session.scalars(sa.select(Organisation).where(Organisation.name == "CMI")).one()
    nhse = session.scalars(sa.select(Organisation)
                           .where(Organisation.name == "NHS England")).one()
    response = client.post("/stakeholders/new", data={
        "name": "Ben Turner", "email": "Ben@Example.org", "organisation_id": str(cmi.id),
        "group_id": ""})
    assert response.status_code == 302
    ben = session.scalars(sa.select(Stakeholder)).one()
    assert (ben.email, ben.organisation_id, ben.group_id) == ("ben@example.org", cmi.id, None)
    assert "Ben Turner" in client.get("/stakeholders/").get_data(as_text=True)
    client.post(f"/stakeholders/{ben.id}/edit", data={
        "name": "Ben Turner", "email": "", "organisation_id": str(nhse.id), "group_id": ""})
    session.refresh(ben)
    assert (ben.email, ben.organisation_id) == (None, nhse.id)


def test_bad_stakeholder_input_adds_nothing(client, session, make_user, make_stakeholder):
    make_stakeholder(email="taken@example.org")
    sign_in(client, make_user())
    response = client.post("/stakeholders/new", data={
        "name": "", "email": "TAKEN@example.org", "organisation_id": "9999"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for message in ("Enter their full name", "Select an organisation"):
        assert message in page
    assert session.scalars(sa.select(sa.func.count(Stakeholder.id))).one() == 1
    cmi = session.scalars(sa.select(Organisation).where(Organisation.name == "CMI")).one()
    clash = client.post("/stakeholders/new", data={
        "name": "Copy", "email": "TAKEN@example.org", "organisation_id": str(cmi.id)})
    assert "already has this email address" in clash.get_data(as_text=True)
    assert session.scalars(sa.select(sa.func.count(Stakeholder.id))).one() == 1


def test_an_admin_manages_organisations_and_groups(client, session, make_user, reference_data):
    sign_in(client, make_user("admin"))
    page = client.get("/organisations/").get_data(as_text=True)
    assert "Professional Standards Authority" in page and "Nursing and midwifery" in page
    assert client.post("/organisations/organisation",
                       data={"organisation-name": "NHS Providers"}).status_code == 302
    assert client.post("/organisations/group",
                       data={"group-name": "Primary care"}).status_code == 302
    duplicate = client.post("/organisations/organisation", data={"organisation-name": "cmi"})
    assert duplicate.status_code == 400
    assert "There is already an organisation called CMI" in duplicate.get_data(as_text=True)
    fnf = session.scalars(sa.select(Organisation).where(Organisation.name == "FNF")).one()
    client.post(f"/organisations/organisation/{fnf.id}",
                data={f"name-organisation-{fnf.id}": "Florence Nightingale Foundation"})
    session.refresh(fnf)
    assert fnf.name == "Florence Nightingale Foundation"
    assert "NHS Providers" in names(session, Organisation)
    assert "Primary care" in names(session, StakeholderGroup)


def test_init_db_seeds_the_lists(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from ..servers import process_database, server_env

    review_app = str(Path(sys.executable).parent / "review-app")
    with process_database(tmp_path) as url:
        env = server_env(url, tmp_path)
        for expected in ("Added 12 organisations", "Database is up to date."):
            done = subprocess.run([review_app, "init-db"], env=env, capture_output=True,
                                  text=True, timeout=120)
            assert done.returncode == 0 and expected in done.stdout, done.stderr
