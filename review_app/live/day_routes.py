"""Opening and closing the day from the live room without JavaScript: closing asks first,
saying how many proposals are still open (one click ended a day with work still to decide)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import Session

from ..auth.decorators import staff_page
from ..auth.permissions import require
from ..extensions import db
from ..models import Proposal, ReviewDay
from ..prep.days import get_review_day
from . import bp
from .errors import LiveError
from .events import set_live_status


def open_proposals(session: Session, day: ReviewDay) -> int:
    """Proposals still waiting for a decision (hidden ones are out of the day)."""
    return session.scalar(sa.select(sa.func.count()).select_from(Proposal).where(
        Proposal.review_day_id == day.id, Proposal.status == "open",
        Proposal.hidden_at.is_(None)))


def _back(day: ReviewDay) -> str:
    """The room, or the day's page when the facilitator came from there."""
    if request.values.get("from") == "day":
        return url_for("prep.review_day", review_day_id=day.id, _anchor="status")
    return url_for("live.room", review_day_id=day.id)


@bp.route("/<int:review_day_id>/close", methods=["GET", "POST"])
@staff_page
def close(review_day_id: int):
    """Ask to confirm closing a live day, saying how many proposals are still open;
    close it (the room hears of it and every timer stops)."""
    day = get_review_day(db.session, current_user, review_day_id)
    require(current_user, "run_review_day")
    if request.method == "POST":
        return _set_status(day, "closed", "The Review Day is closed. Everyone can still "
                           "read it; you can still decide open proposals.")
    return render_template("live/close.html", day=day, back=_back(day),
                           open_count=open_proposals(db.session, day),
                           came_from=request.values.get("from", ""))


@bp.post("/<int:review_day_id>/open")
@staff_page
def open_(review_day_id: int):
    """Open (or reopen) the day from the room."""
    day = get_review_day(db.session, current_user, review_day_id)
    return _set_status(day, "live", "The Review Day is open.")


def _set_status(day: ReviewDay, status: str, done: str):
    try:
        set_live_status(day.id, current_user, status)
        flash(done)
    except LiveError as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
    return redirect(_back(day))
