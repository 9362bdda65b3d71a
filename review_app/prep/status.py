"""A Review Day's status: draft → ready → live → closed, and closed → live to reopen.

The facilitator moves it explicitly: marking ready freezes the baseline (returning to draft
clears it); opening early, extending the slot and reopening are all allowed.
"""

from __future__ import annotations

import logging
from datetime import time

from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import ActionRefused
from ..models import ReviewDay
from ..models.curriculum import utcnow
from .baseline import clear_baseline, freeze_baseline

log = logging.getLogger(__name__)
STATUS_LABELS = {"draft": "Draft", "ready": "Ready", "live": "Live", "closed": "Closed"}
EXTEND_MINUTES = 15


def _expect(day: ReviewDay, status: str, message: str) -> None:
    if day.status != status:
        raise ActionRefused(message)


def mark_ready(session: Session, user, day: ReviewDay) -> int:
    """Freeze the agenda and record its baseline; return how many texts were frozen."""
    require(user, "prepare")
    _expect(day, "draft", "Only a draft Review Day can be marked ready.")
    if not day.agenda:
        raise ActionRefused("Add at least one item to the agenda before marking the day ready.")
    frozen = freeze_baseline(session, day)
    day.status = "ready"
    session.flush()
    log.info("%s marked Review Day %s ready (%s texts frozen)", user.email, day.id, frozen)
    return frozen


def return_to_draft(session: Session, user, day: ReviewDay) -> None:
    """Unfreeze the agenda for more changes; the baseline is cleared and frozen again later."""
    require(user, "prepare")
    _expect(day, "ready", "Only a ready Review Day can return to draft.")
    clear_baseline(session, day)
    day.status = "draft"
    session.flush()
    log.info("%s returned Review Day %s to draft", user.email, day.id)


def open_day(session: Session, user, day: ReviewDay) -> None:
    """Go live, whenever the facilitator chooses (starting early is fine)."""
    require(user, "run_review_day")
    _expect(day, "ready", "Mark the Review Day ready before opening it.")
    day.status, day.opened_at, day.closed_at = "live", utcnow(), None
    session.flush()
    log.info("%s opened Review Day %s", user.email, day.id)


def close_day(session: Session, user, day: ReviewDay) -> None:
    require(user, "run_review_day")
    _expect(day, "live", "Only a live Review Day can be closed.")
    day.status, day.closed_at = "closed", utcnow()
    for item in day.agenda:  # stop the clock of any item still running
        item.stop_timer(day.closed_at)
    session.flush()
    log.info("%s closed Review Day %s", user.email, day.id)


def reopen_day(session: Session, user, day: ReviewDay) -> None:
    require(user, "run_review_day")
    _expect(day, "closed", "Only a closed Review Day can be reopened.")
    day.status, day.closed_at = "live", None
    session.flush()
    log.info("%s reopened Review Day %s", user.email, day.id)


def extend_day(session: Session, user, day: ReviewDay, minutes: int = EXTEND_MINUTES) -> None:
    """Push the end of a live day's slot back (never past midnight)."""
    require(user, "run_review_day")
    _expect(day, "live", "Only a live Review Day can be extended.")
    end = min(day.ends_at.hour * 60 + day.ends_at.minute + minutes, 23 * 60 + 59)
    day.ends_at = time(end // 60, end % 60)
    session.flush()
    log.info("%s extended Review Day %s to %s", user.email, day.id, day.ends_at)


TRANSITIONS = {"ready": mark_ready, "draft": return_to_draft, "open": open_day,
               "close": close_day, "reopen": reopen_day, "extend": extend_day}


def change_status(session: Session, user, day: ReviewDay, action: str) -> None:
    """Apply one of TRANSITIONS by name."""
    if action not in TRANSITIONS:
        raise ActionRefused("Choose an action from the page.")
    TRANSITIONS[action](session, user, day)
