"""Invitations sent by email through the configured SMTP server (MAIL_* settings).

Each message is plain text and HTML with the personal link, the time and the call link,
and the invitation's .ics attached. Every attempt is recorded on the invitation: sent at
and by whom, or when and why it failed. A mail server that cannot be reached or refuses
fails the invitations it did not take, with the reason; nothing else changes, so sending
again later is always possible.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app, render_template
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import ActionRefused, InvalidInput
from ..models import Invitation, ReviewDay
from ..models.curriculum import utcnow
from .invitations import invitation_state, invitation_url
from .messages import invitation_calendar, invitation_text

log = logging.getLogger(__name__)


def mail_configured() -> bool:
    config = current_app.config
    return bool(config.get("MAIL_SERVER") and config.get("MAIL_FROM"))


@dataclass
class SendResult:
    sent: list[Invitation] = field(default_factory=list)
    failed: list[tuple[Invitation, str]] = field(default_factory=list)


def invitation_email(invitation: Invitation) -> EmailMessage:
    """The invitation as an email: text, HTML and the .ics file."""
    url = invitation_url(invitation)
    day, stakeholder = invitation.review_day, invitation.stakeholder
    message = EmailMessage()
    message["Subject"] = f"Invitation: Review Day, {day.title}"
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = formataddr((stakeholder.name, stakeholder.email or ""))
    message["Message-ID"] = make_msgid(domain="review-day")
    text = invitation_text(invitation, url)
    message.set_content(text)
    message.add_alternative(render_template("prep/invitation_email.html", day=day,
                                            stakeholder=stakeholder, url=url,
                                            paragraphs=text.split("\n\n")), subtype="html")
    message.add_attachment(invitation_calendar(invitation, url).encode(), maintype="text",
                           subtype="calendar", filename="review-day-invitation.ics",
                           params={"method": "PUBLISH"})
    return message


def _connect() -> smtplib.SMTP:
    config = current_app.config
    smtp = smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]),
                        timeout=config.get("MAIL_TIMEOUT_SECONDS", 15))
    try:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
    except BaseException:
        smtp.close()
        raise
    return smtp


def _reason(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [f"{code} {text.decode(errors='replace')}"
                 for code, text in error.recipients.values()]
        return f"The mail server refused the address: {'; '.join(codes)}"[:500]
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(
            error.smtp_error, bytes) else str(error.smtp_error)
        return f"The mail server refused the message: {error.smtp_code} {text}"[:500]
    return f"The mail server could not be reached: {error}"[:500]


def _record_failure(result: SendResult, invitation: Invitation, reason: str) -> None:
    invitation.email_failed_at, invitation.email_failure = utcnow(), reason
    result.failed.append((invitation, reason))


def send_invitation_emails(session: Session, user, day: ReviewDay,
                           invitations: list[Invitation]) -> SendResult:
    """Email each invitation (one connection for all); record each outcome; flush."""
    require(user, "prepare")
    if not mail_configured():
        raise ActionRefused("Email is not set up for this site (MAIL_SERVER and MAIL_FROM): "
                            "copy the links instead.")
    if not invitations:
        raise InvalidInput({"invitation_ids": "Select at least one invitation to send"})
    result, ready = SendResult(), []
    for invitation in invitations:
        if invitation.review_day_id != day.id:
            raise InvalidInput({"invitation_ids": "Select invitations from the list"})
        if not invitation.stakeholder.email:
            _record_failure(result, invitation, "No email address: add one to the "
                                                "stakeholder, or send the link yourself")
        elif invitation_state(invitation) != "active":
            _record_failure(result, invitation, f"The invitation is "
                                                f"{invitation_state(invitation)}: re-issue it")
        else:
            ready.append(invitation)
    try:
        smtp = _connect() if ready else None
    except (OSError, smtplib.SMTPException) as error:
        for invitation in ready:
            _record_failure(result, invitation, _reason(error))
        ready, smtp = [], None
    try:
        for n, invitation in enumerate(ready):
            message = invitation_email(invitation)
            try:
                smtp.send_message(message)
            except smtplib.SMTPServerDisconnected as error:
                for rest in ready[n:]:
                    _record_failure(result, rest, _reason(error))
                break
            except (OSError, smtplib.SMTPException) as error:
                _record_failure(result, invitation, _reason(error))
                continue
            invitation.email_sent_at, invitation.email_sent_by_id = utcnow(), user.id
            invitation.email_message_id = message["Message-ID"]  # what a bounce names
            invitation.email_failed_at = invitation.email_failure = None
            invitation.email_bounced_at = invitation.email_bounce = None
            result.sent.append(invitation)
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()
    session.flush()
    log.info("%s emailed %d invitations of Review Day %s (%d failed)", user.email,
             len(result.sent), day.id, len(result.failed))
    return result
