"""Invitations by email through a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import csv
import email
import io
import re
import socket
from email import policy
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

from review_app.models import Invitation
from review_app.prep.invitations import invite_stakeholders

from ..factories import participants, sign_in


class Mailbox:
    """Keeps every message; refuses recipients listed in `refuse`."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox(app):
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False,
                      MAIL_FROM="Review Day <review-day@example.org>",
                      BASE_URL="https://review.example.org")
    yield box
    controller.stop()


@pytest.fixture
def day_with_invitations(session, make_day, make_stakeholder):
    day = make_day()
    people = [make_stakeholder(name="Aisha Khan", organisation="CMI", group="AHP",
                               email="aisha@example.org"),
              make_stakeholder(name="Ben Ode", group="Clinical", email="ben@example.org"),
              make_stakeholder(name="Cai Lee", group="AHP", email="cai@example.org")]
    invitations = invite_stakeholders(session, day.facilitator, day, [p.id for p in people])
    session.commit()
    return day, {i.stakeholder.name: i for i in invitations}


def _send(client, day, **form):
    return client.post(f"/review-days/{day.id}/invitations/email", data=form)


def test_emails_selected_invitations_and_the_link_joins(app, client, session, mailbox,
                                                       day_with_invitations):
    day, invitations = day_with_invitations
    sign_in(client, day.facilitator)
    response = _send(client, day, invitation_ids=[invitations["Aisha Khan"].id,
                                                  invitations["Ben Ode"].id])
    assert response.status_code == 302
    assert sorted(m["To"] for m in mailbox.messages) == [
        "Aisha Khan <aisha@example.org>", "Ben Ode <ben@example.org>"]
    message = next(m for m in mailbox.messages if "aisha" in m["To"])
    assert message["Subject"] == f"Invitation: Review Day, {day.title}"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = re.search(r"https://review\.example\.org/join/\S+", text)[0]
    assert f'href="{link}"' in html and day.call_link in text and "10:00 to 12:00" in text
    [ics] = [part for part in message.iter_attachments()]
    assert ics.get_content_type() == "text/calendar"
    assert "BEGIN:VEVENT" in ics.get_content() and "review-day-invitation.ics" == \
        ics.get_filename()
    session.expire_all()
    sent = session.get(Invitation, invitations["Aisha Khan"].id)
    assert sent.email_sent_at is not None and sent.email_sent_by_id == day.facilitator.id
    assert session.get(Invitation, invitations["Cai Lee"].id).email_sent_at is None
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert f"by {day.facilitator.name}" in page and "Re-send" in page

    stakeholder = app.test_client()  # follow the link in the delivered email
    joined = stakeholder.post(urlsplit(link).path)
    assert joined.headers["Location"].endswith(f"/live/{day.id}")
    assert [p.name for p in participants(session, day.id)] == ["Aisha Khan"]


def test_one_and_by_group(client, session, mailbox, day_with_invitations):
    day, invitations = day_with_invitations
    sign_in(client, day.facilitator)
    _send(client, day, only=invitations["Ben Ode"].id,
          invitation_ids=[invitations["Cai Lee"].id])  # a row's own button: that row only
    assert [m["To"] for m in mailbox.messages] == ["Ben Ode <ben@example.org>"]
    ahp = invitations["Cai Lee"].stakeholder.group_id
    _send(client, day, by_group="1", group_id=ahp)
    assert sorted(m["To"] for m in mailbox.messages[1:]) == [
        "Aisha Khan <aisha@example.org>", "Cai Lee <cai@example.org>"]


def test_a_refused_address_is_recorded_and_the_rest_are_sent(client, session, mailbox,
                                                            day_with_invitations):
    day, invitations = day_with_invitations
    mailbox.refuse.add("ben@example.org")
    sign_in(client, day.facilitator)
    _send(client, day, invitation_ids=[i.id for i in invitations.values()])
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert "Not sent to Ben Ode: The mail server refused the address: 550" in page
    assert len(mailbox.messages) == 2
    session.expire_all()
    ben = session.get(Invitation, invitations["Ben Ode"].id)
    assert ben.email_sent_at is None and "No such mailbox" in ben.email_failure
    mailbox.refuse.clear()
    _send(client, day, only=ben.id)  # re-send
    session.expire_all()
    ben = session.get(Invitation, ben.id)
    assert ben.email_sent_at is not None and ben.email_failure is None


def test_an_unreachable_server_is_reported_and_loses_nothing(app, client, session,
                                                            day_with_invitations):
    day, invitations = day_with_invitations
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False,
                      MAIL_FROM="review-day@example.org")
    before = {i.id: (i.nonce, i.expires_at, i.revoked_at) for i in invitations.values()}
    sign_in(client, day.facilitator)
    response = _send(client, day, invitation_ids=list(before))
    assert response.status_code == 302
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert page.count("The mail server could not be reached") >= 3
    session.expire_all()
    for invitation in session.query(Invitation):
        assert (invitation.nonce, invitation.expires_at, invitation.revoked_at) == \
            before[invitation.id]
        assert invitation.email_sent_at is None and invitation.email_failed_at is not None


def test_without_smtp_copy_all_links_and_csv(client, session, day_with_invitations):
    day, invitations = day_with_invitations
    sign_in(client, day.facilitator)
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert "Copy all links" in page and "Email the selected invitations" not in page
    assert re.search(r"Aisha Khan \(CMI\): http\S+/join/", page)
    refused = _send(client, day, invitation_ids=[invitations["Ben Ode"].id])
    assert refused.status_code == 302
    assert "Email is not set up" in client.get(f"/review-days/{day.id}").get_data(as_text=True)
    response = client.get(f"/review-days/{day.id}/invitations/links.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["name"] for r in rows] == ["Aisha Khan", "Ben Ode", "Cai Lee"]
    assert all("/join/" in r["link"] for r in rows)


def test_links_csv_keeps_formulas_as_text(client, session, make_day, make_stakeholder):
    day = make_day()
    person = make_stakeholder(name="=HYPERLINK(1)", email="+x@example.org")
    invite_stakeholders(session, day.facilitator, day, [person.id])
    session.commit()
    sign_in(client, day.facilitator)
    body = client.get(f"/review-days/{day.id}/invitations/links.csv").get_data(as_text=True)
    [row] = list(csv.DictReader(io.StringIO(body)))
    assert (row["name"], row["email"]) == ("'=HYPERLINK(1)", "'+x@example.org")


def test_another_days_invitation_is_not_sent(client, session, mailbox, make_day,
                                             day_with_invitations):
    day, invitations = day_with_invitations
    other = make_day(title="Another day")
    sign_in(client, other.facilitator)
    _send(client, other, invitation_ids=[invitations["Ben Ode"].id])
    assert mailbox.messages == []
