"""Bounced invitation emails: a delivery status notification (as a mail server sends it
back) names the message sent through a real SMTP server; it is read by the command line
or recorded by hand, shown on the day page, and cleared by sending again."""

from __future__ import annotations

from email.message import EmailMessage

from review_app.models import Invitation

from ..factories import sign_in
from .test_invitation_email import _send, day_with_invitations, mailbox  # noqa: F401


def delivery_report(original: EmailMessage | None, recipient: str,
                    code: str = "550 5.1.1 <{0}>: Recipient address rejected") -> bytes:
    """A bounce as Postfix writes one: multipart/report with the original's headers."""
    status = (f"Reporting-MTA: dns; mail.example.org\n\nFinal-Recipient: rfc822; {recipient}\n"
              f"Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; "
              f"{code.format(recipient)}\n")
    headers = "".join(f"{k}: {v}\n" for k, v in (original.items() if original else []))
    return ("From: MAILER-DAEMON@mail.example.org\nTo: review-day@example.org\n"
            "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\n\n'
            "--b1\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
            f"--b1\nContent-Type: message/delivery-status\n\n{status}\n"
            f"--b1\nContent-Type: text/rfc822-headers\n\n{headers}\n--b1--\n").encode()


def test_a_bounce_read_by_the_command_line_shows_and_re_sending_clears_it(
        app, client, session, mailbox, day_with_invitations, runner, tmp_path):  # noqa: F811
    day, invitations = day_with_invitations
    sign_in(client, day.facilitator)
    aisha = invitations["Aisha Khan"]
    assert _send(client, day, only=aisha.id).status_code == 302
    [sent] = mailbox.messages
    assert session.get(Invitation, aisha.id).email_message_id == sent["Message-ID"]

    (tmp_path / "bounce.eml").write_bytes(delivery_report(sent, "aisha@example.org"))
    (tmp_path / "other.eml").write_bytes(delivery_report(None, "nobody@example.org"))
    result = runner.invoke(args=["record-bounces", str(tmp_path / "bounce.eml"),
                                 str(tmp_path / "other.eml")])
    assert result.exit_code == 0, result.output
    assert "1 bounced invitation email(s) recorded; 1 message(s) matched no invitation" in (
        result.output)
    session.expire_all()
    bounced = session.get(Invitation, aisha.id)
    assert bounced.email_bounced_at is not None
    assert bounced.email_bounce.startswith("5.1.1 550 5.1.1 <aisha@example.org>")
    page = client.get(f"/review-days/{day.id}").get_data(as_text=True)
    assert "Bounced</strong>" in page and "Recipient address rejected" in page
    assert "Re-send<span" in page

    assert _send(client, day, only=aisha.id).status_code == 302
    session.expire_all()
    assert session.get(Invitation, aisha.id).email_bounced_at is None
    assert len(mailbox.messages) == 2
    again = runner.invoke(args=["record-bounces", str(tmp_path / "bounce.eml")])
    assert "0 bounced invitation email(s) recorded" in again.output  # about the old email
    session.expire_all()
    assert session.get(Invitation, aisha.id).email_bounced_at is None


def test_a_bounce_matched_by_address_when_the_headers_are_missing(
        app, client, session, mailbox, day_with_invitations, runner, tmp_path):  # noqa: F811
    day, invitations = day_with_invitations
    sign_in(client, day.facilitator)
    _send(client, day, only=invitations["Ben Ode"].id)
    (tmp_path / "mbox").write_bytes(b"From MAILER-DAEMON Wed Dec  2 10:00:00 2026\n"
                                    + delivery_report(None, "BEN@example.org"))
    result = runner.invoke(args=["record-bounces", str(tmp_path / "mbox")])
    assert "Bounced: Ben Ode" in result.output
    session.expire_all()
    assert session.get(Invitation, invitations["Ben Ode"].id).email_bounced_at is not None


def test_record_a_bounce_by_hand(app, client, session, mailbox, day_with_invitations):  # noqa: F811
    day, invitations = day_with_invitations
    cai = invitations["Cai Lee"]
    sign_in(client, day.facilitator)
    _send(client, day, only=cai.id)
    url = f"/review-days/{day.id}/invitations/{cai.id}/bounce"
    empty = client.post(url, data={"bounce_reason": "  "})
    assert empty.status_code == 400 and "Enter what the bounce message said" in (
        empty.get_data(as_text=True))
    assert session.get(Invitation, cai.id).email_bounced_at is None
    assert client.post(url, data={"bounce_reason": "Mailbox full"}).status_code == 302
    session.expire_all()
    assert session.get(Invitation, cai.id).email_bounce == "Mailbox full"
