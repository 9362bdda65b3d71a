"""Invitation emails that bounced: read from delivery status notifications (RFC 3464, what
mail servers send back), or recorded by hand by a facilitator who got one in their inbox.

A bounce names the original message (its Message-ID, kept on the invitation when the email
is sent) or at least the address that failed. The invitation shows "Bounced" with the
reason until it is sent again successfully.
"""

from __future__ import annotations

import email
import logging
import mailbox
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import InvalidInput
from ..models import Invitation, Stakeholder
from ..models.curriculum import utcnow

log = logging.getLogger(__name__)
MAX_REASON = 500


@dataclass
class Bounce:
    message_id: str | None
    recipient: str | None
    reason: str


def _fields(block: Message) -> dict[str, str]:
    return {k.lower(): str(v).strip() for k, v in block.items()}


def read_bounce(message: Message) -> Bounce | None:
    """The failure a delivery status notification reports, or None if it reports none."""
    report = next((p for p in message.walk()
                   if p.get_content_type() == "message/delivery-status"), None)
    if report is None:
        return None
    blocks = [_fields(b) for b in report.get_payload() if isinstance(b, Message)]
    failed = next((b for b in blocks[1:] if b.get("action", "").lower() == "failed"), None)
    if failed is None:
        return None
    recipient = failed.get("final-recipient") or failed.get("original-recipient") or ""
    recipient = recipient.split(";", 1)[-1].strip() or None
    reason = failed.get("diagnostic-code", "").split(";", 1)[-1].strip()
    reason = " ".join(f"{failed.get('status', '')} {reason}".split()) or "Delivery failed"
    return Bounce(_original_id(message), recipient, reason[:MAX_REASON])


def _original_id(message: Message) -> str | None:
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) else inner
            return (inner.get("Message-ID") or "").strip() or None
        if kind == "text/rfc822-headers":
            headers = email.message_from_string(part.get_payload(decode=True).decode(
                errors="replace"), policy=policy.default)
            return (headers.get("Message-ID") or "").strip() or None
    return None


def find_invitation(session: Session, bounce: Bounce) -> Invitation | None:
    """The invitation whose email bounced: by Message-ID; a report without one, by the
    last invitation emailed to the failed address. A report naming an email that was
    since sent again matches nothing (the invitation holds the new Message-ID)."""
    if bounce.message_id:
        return session.scalars(sa.select(Invitation).where(
            Invitation.email_message_id == bounce.message_id)).first()
    if not bounce.recipient:
        return None
    return session.scalars(
        sa.select(Invitation).join(Stakeholder)
        .where(sa.func.lower(Stakeholder.email) == bounce.recipient.lower(),
               Invitation.email_sent_at.is_not(None))
        .order_by(Invitation.email_sent_at.desc())).first()


def mark_bounced(invitation: Invitation, reason: str) -> None:
    invitation.email_bounced_at, invitation.email_bounce = utcnow(), reason[:MAX_REASON]


def record_bounce(session: Session, user, invitation: Invitation, reason: str) -> None:
    """A facilitator records a bounce they received themselves; flush."""
    require(user, "prepare")
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput({"bounce_reason": "Enter what the bounce message said"})
    if len(reason) > MAX_REASON:
        raise InvalidInput({"bounce_reason": f"Reason must be {MAX_REASON} characters or "
                                             "fewer"})
    mark_bounced(invitation, reason)
    session.flush()
    log.info("%s recorded a bounce for invitation %s", user.email, invitation.id)


def read_messages(path: Path) -> list[EmailMessage]:
    """The messages of one .eml file or one mbox file."""
    data = path.read_bytes()
    if data.startswith(b"From "):
        box = mailbox.mbox(path, factory=None, create=False)
        try:
            return [email.message_from_bytes(m.as_bytes(), policy=policy.default)
                    for m in box]
        finally:
            box.close()
    return [email.message_from_bytes(data, policy=policy.default)]


def ingest_bounces(session: Session, messages: list[Message]) -> tuple[list[Invitation], int]:
    """Mark the invitation each bounce is about; return them and how many matched none."""
    matched, unmatched = [], 0
    for message in messages:
        bounce = read_bounce(message)
        invitation = find_invitation(session, bounce) if bounce else None
        if invitation is None:
            unmatched += 1
            continue
        mark_bounced(invitation, bounce.reason)
        matched.append(invitation)
    session.flush()
    log.info("Recorded %d bounced invitation emails (%d messages matched none)",
             len(matched), unmatched)
    return matched, unmatched
