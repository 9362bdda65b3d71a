"""The readiness check shown before a day is marked ready: what still needs attention."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..models import ReviewDay
from ..models.curriculum import utcnow
from .agenda import agenda_title


@dataclass
class Readiness:
    slot_minutes: int
    agenda_minutes: int
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)

    @property
    def codes(self) -> set[str]:
        return {code for code, _ in self.warnings}


def slot_minutes(day: ReviewDay) -> int:
    start = day.starts_at.hour * 60 + day.starts_at.minute
    return day.ends_at.hour * 60 + day.ends_at.minute - start


def active_invitations(day: ReviewDay, now: datetime | None = None) -> list:
    now = now or utcnow()
    return [i for i in day.invitations if i.revoked_at is None and i.expires_at > now]


def check_readiness(day: ReviewDay) -> Readiness:
    """Warnings for an empty agenda, an overrun, items without prompts, nobody invited."""
    minutes = sum(a.timebox_minutes for a in day.agenda)
    result = Readiness(slot_minutes=slot_minutes(day), agenda_minutes=minutes)
    if not day.agenda:
        result.warnings.append(("empty", "The agenda is empty: add at least one competency."))
    if minutes > result.slot_minutes:
        result.warnings.append((
            "overrun", f"The timeboxes add up to {minutes} minutes, "
                       f"{minutes - result.slot_minutes} more than the "
                       f"{result.slot_minutes}-minute slot."))
    missing = [agenda_title(a) for a in day.agenda if not a.prompts.strip()]
    if missing:
        result.warnings.append(("no_prompt", "No prompt or question yet for: "
                                + "; ".join(missing) + "."))
    if not active_invitations(day):
        result.warnings.append(("nobody_invited", "Nobody has been invited yet."))
    if not day.call_link:
        result.warnings.append(("no_call_link", "There is no call link yet."))
    return result
