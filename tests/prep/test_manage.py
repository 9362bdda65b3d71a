"""Managing in full: archive a held day (still in reports), delete an unused organisation,
and confirmation pages that say what will happen before anything changes."""

import sqlalchemy as sa

from review_app.models import AgendaItem, Invitation, Organisation, ReviewDay
from review_app.prep.invitations import invite_stakeholders

from ..factories import sign_in


def test_archive_a_held_day_and_restore_it(client, session, make_day):
    day = make_day(agenda=1)
    sign_in(client, day.facilitator)
    refused = client.post(f"/review-days/{day.id}/archive")
    assert refused.status_code == 302 and session.get(ReviewDay, day.id).archived_at is None
    day.status = "closed"
    session.commit()
    assert client.post(f"/review-days/{day.id}/archive").location == "/review-days/"
    session.expire_all()
    assert session.get(ReviewDay, day.id).archived_at is not None
    dashboard = client.get("/review-days/").get_data(as_text=True)
    assert "Archived Review Days (1)" in dashboard
    assert dashboard.count(f'href="/review-days/{day.id}"') == 1  # only in the archive
    client.post(f"/review-days/{day.id}/archive", data={"restore": "1"})
    session.expire_all()
    assert session.get(ReviewDay, day.id).archived_at is None


def test_an_archived_day_stays_in_the_report(client, session, make_day, make_user):
    day = make_day(agenda=1)
    day.status = "closed"
    session.commit()
    sign_in(client, day.facilitator)
    client.post(f"/review-days/{day.id}/archive")
    sign_in(client, make_user("programme_lead"))
    reports = client.get("/reports/").get_data(as_text=True)
    assert "Week of" in reports and day.date.strftime("%-d %b") in reports


def test_removing_an_agenda_item_asks_first(client, session, make_day):
    day = make_day(agenda=2)
    first = day.agenda[0]
    sign_in(client, day.facilitator)
    url = f"/review-days/{day.id}/agenda/{first.id}/remove"
    page = client.get(url).get_data(as_text=True)
    assert f"Remove {first.competency.title} from the agenda?" in page
    assert "The curriculum does not change" in page and f'action="{url}"' in page
    assert session.query(AgendaItem).count() == 2
    client.post(url)
    assert session.query(AgendaItem).count() == 1


def test_revoking_and_resetting_ask_first(client, session, make_day, make_stakeholder):
    day = make_day(agenda=1)
    [invitation] = invite_stakeholders(session, day.facilitator, day,
                                       [make_stakeholder(name="Ria Patel").id])
    session.commit()
    sign_in(client, day.facilitator)
    revoke = f"/review-days/{day.id}/invitations/{invitation.id}/revoke"
    assert "Revoke the invitation of Ria Patel?" in client.get(revoke).get_data(as_text=True)
    assert session.get(Invitation, invitation.id).revoked_at is None
    client.post(revoke)
    session.expire_all()
    assert session.get(Invitation, invitation.id).revoked_at is not None

    reset = f"/review-days/{day.id}/join-link/reset"
    nonce = day.join_link_nonce
    assert "People already in the Review Day stay in." in client.get(reset).get_data(
        as_text=True)
    assert session.get(ReviewDay, day.id).join_link_nonce == nonce
    client.post(reset)
    session.expire_all()
    assert session.get(ReviewDay, day.id).join_link_nonce == nonce + 1


def test_delete_an_unused_organisation_but_not_one_in_use(client, session, make_user,
                                                          make_stakeholder):
    make_stakeholder(organisation="KPMG")
    sign_in(client, make_user("admin"))
    client.post("/organisations/organisation", data={"organisation-name": "Typo Trust"})
    typo = session.scalars(sa.select(Organisation).where(
        Organisation.name == "Typo Trust")).one()
    url = f"/organisations/organisation/{typo.id}/delete"
    assert "Delete Typo Trust?" in client.get(url).get_data(as_text=True)
    client.post(url)
    assert session.get(Organisation, typo.id) is None
    kpmg = session.scalars(sa.select(Organisation).where(Organisation.name == "KPMG")).one()
    refused = client.post(f"/organisations/organisation/{kpmg.id}/delete")
    assert refused.location.endswith(f"/organisations/organisation/{kpmg.id}/merge")
    assert session.get(Organisation, kpmg.id) is not None


def test_only_admins_manage_organisations(client, session, make_user, reference_data):
    kpmg = session.scalars(sa.select(Organisation).where(Organisation.name == "KPMG")).one()
    sign_in(client, make_user("facilitator"))
    assert client.get(f"/organisations/organisation/{kpmg.id}/merge").status_code == 403
    assert client.post(f"/organisations/organisation/{kpmg.id}/delete").status_code == 403
