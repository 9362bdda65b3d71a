"""Joining a Review Day: from a personal invitation link, from the open link, or as staff.

Opening a link shows who is joining and a Join button; only that POST records attendance,
so link scanners in mail systems that fetch every link do not mark anyone as present.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.access import participant_for, remember_participant
from ..auth.decorators import staff_page
from ..errors import InvalidInput
from ..extensions import db
from . import bp
from .days import get_review_day
from .forms import read_newcomer
from .joining import (
    JoinRefused,
    check_invitation_link,
    check_open_link,
    join_by_invitation,
    join_by_open_link,
)
from .reference import groups, organisations


def room_url(review_day_id: int) -> str:
    """Where someone goes once they have joined: the live Review Day page."""
    return url_for("live.room", review_day_id=review_day_id)


def _refused(refusal: JoinRefused):
    return render_template("prep/join_refused.html", refusal=refusal), refusal.status


@bp.route("/join/<int:review_day_id>/i/<token>", methods=["GET", "POST"])
def join_invitation(review_day_id: int, token: str):
    """Show a stakeholder their invitation; the Join button records them as attending."""
    try:
        invitation = check_invitation_link(db.session, review_day_id, token)
    except JoinRefused as refusal:
        return _refused(refusal)
    joined = participant_for(db.session, review_day_id)
    if request.method == "POST":
        participant = join_by_invitation(db.session, invitation)
        db.session.commit()
        remember_participant(participant)
        return redirect(room_url(review_day_id))
    if joined is not None and joined.stakeholder_id == invitation.stakeholder_id:
        return redirect(room_url(review_day_id))
    return render_template("prep/join_invitation.html", invitation=invitation,
                           day=invitation.review_day)


@bp.route("/join/<int:review_day_id>/<token>", methods=["GET", "POST"])
def join_open(review_day_id: int, token: str):
    """Ask a newcomer from the open link for their name and organisation, then let them in."""
    try:
        day = check_open_link(db.session, review_day_id, token)
    except JoinRefused as refusal:
        return _refused(refusal)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            participant = join_by_open_link(db.session, day, read_newcomer(request.form))
            db.session.commit()
            remember_participant(participant)
            return redirect(room_url(review_day_id))
        except InvalidInput as error:
            db.session.rollback()
            errors = error.errors
    elif participant_for(db.session, review_day_id) is not None:
        return redirect(room_url(review_day_id))  # they gave their details once already
    return render_template("prep/join_open.html", day=day, errors=errors, values=request.form,
                           organisations=[(o.id, o.name) for o in organisations(db.session)],
                           groups=[(g.id, g.name) for g in groups(db.session)],
                           ), 400 if errors else 200


@bp.post("/review-days/<int:review_day_id>/enter")
@staff_page
def enter_room(review_day_id: int):
    """Go into the live room as staff (facilitators run it, leads watch). Their attendance
    is recorded when the room's socket joins, as for everyone (live/identity.py)."""
    day = get_review_day(db.session, current_user, review_day_id)
    return redirect(room_url(day.id))
