"""What a facilitator sends: the invitation email text and its iCalendar (.ics) file."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..models import Invitation
from .clock import hhmm, in_london, long_date, slot_to_utc

PRODID = "-//NHS England//Review Day//EN"


def invitation_text(invitation: Invitation, url: str) -> str:
    """The email a facilitator copies, with the personal link, date, slot and call link."""
    day, stakeholder = invitation.review_day, invitation.stakeholder
    sign_off = day.facilitator.name if day.facilitator else "The Review Day team"
    call = (f"Join the call: {day.call_link}" if day.call_link
            else "We will send the link to the call before the day.")
    return "\n".join([
        f"Dear {stakeholder.name},",
        "",
        "You are invited to a Review Day for the NHS Management and Leadership Framework, "
        f"to review and refine the {day.curriculum.title} curriculum with other stakeholders.",
        "",
        f"When: {long_date(day.date)}, {hhmm(day.starts_at)} to {hhmm(day.ends_at)} (UK time)",
        call,
        "",
        "On the day, join the call and open your personal link to propose edits, comment and "
        "vote. You do not need an account:",
        url,
        "",
        "This link is personal to you, so please do not share it. It works until "
        f"{long_date(in_london(invitation.expires_at).date())}.",
        "",
        "With thanks,",
        sign_off,
    ])


# Control characters are not allowed in an iCalendar value (RFC 5545 3.3.11 allows HTAB
# only); a bare CR or LF would end the content line and start a property of the sender's.
# C1 controls go too: some readers split lines at NEL (U+0085).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _escape(text: str, *, multiline: bool = False) -> str:
    """RFC 5545 TEXT: line breaks of any kind (CRLF, CR, LF) become the escaped "\\n" when
    the property may span lines (DESCRIPTION), else a space; every other control character
    is dropped; backslash, semicolon and comma are escaped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_CONTROL.sub("", line) for line in lines]
    escaped = [line.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
               for line in lines]
    return ("\\n" if multiline else " ").join(escaped)


def _uri(value: str) -> str:
    """A URI value is not escaped, but may hold no control character either."""
    return _CONTROL.sub("", value)


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def invitation_calendar(invitation: Invitation, url: str, now: datetime | None = None) -> str:
    """A VCALENDAR with one VEVENT for the invited slot, times in UTC, CRLF line endings.

    The UID stays the same when the invitation is re-issued and SEQUENCE grows, so a
    calendar that imported the old file updates the event rather than adding another.
    """
    day = invitation.review_day
    host = urlsplit(url).hostname or "review-day"
    description = invitation_text(invitation, url)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:review-day-invitation-{invitation.id}@{host}",
        f"SEQUENCE:{invitation.nonce - 1}",
        f"DTSTAMP:{_utc(now or datetime.now(UTC))}",
        f"DTSTART:{_utc(slot_to_utc(day.date, day.starts_at))}",
        f"DTEND:{_utc(slot_to_utc(day.date, day.ends_at))}",
        f"SUMMARY:{_escape('Review Day: ' + day.title)}",
        f"DESCRIPTION:{_escape(description, multiline=True)}",
        f"URL:{_uri(url)}",
        f"LOCATION:{_escape(day.call_link or 'Online call')}",
        "STATUS:CONFIRMED", "TRANSP:OPAQUE",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
