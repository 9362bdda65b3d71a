"""Joining a Review Day: from a personal invitation link, from the open link, or as staff.

Opening a link shows who is joining and a Join button; only that POST records attendance,
so link scanners in mail systems that fetch every link do not mark anyone as present.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.access import remember_participant
from ..auth.decorators import staff_page
from ..errors import InvalidInput
from ..extensions import db
from ..live.errors import LiveError
from ..live.identity import NotAdmitted, resolve_actor
from ..live.limits import limits
from ..models import Participant
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


def _refused(refusal: JoinRefused | NotAdmitted):
    return render_template("prep/join_refused.html", refusal=refusal), refusal.status


def _in_the_day(review_day_id: int) -> Participant | NotAdmitted | None:
    """The participant this browser is admitted to the day as (live/identity.py), else why
    not (None: it never joined)."""
    try:
        return resolve_actor(db.session, review_day_id)[1]
    except NotAdmitted as refusal:
        return None if refusal.reason == "not_joined" else refusal
    except LiveError:
        return None


@bp.route("/join/<int:review_day_id>/i/<token>", methods=["GET", "POST"])
def join_invitation(review_day_id: int, token: str):
    """Show a stakeholder their invitation; the Join button records them as attending."""
    try:
        invitation = check_invitation_link(db.session, review_day_id, token)
    except JoinRefused as refusal:
        return _refused(refusal)
    if request.method == "POST":
        try:
            participant = join_by_invitation(db.session, invitation)
        except JoinRefused as refusal:
            return _refused(refusal)
        db.session.commit()
        remember_participant(participant, invitation.nonce)  # this link, not the stakeholder
        return redirect(room_url(review_day_id))
    joined = _in_the_day(review_day_id)
    if isinstance(joined, Participant) and joined.stakeholder_id == invitation.stakeholder_id:
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
    joined = _in_the_day(review_day_id)
    if isinstance(joined, NotAdmitted) and joined.reason == "removed":
        return _refused(joined)
    if isinstance(joined, Participant):  # they joined once already: the same participant
        return redirect(room_url(review_day_id))
    if request.method == "POST":
        wait = limits().retry_after("open_link", request.remote_addr)
        if wait is not None:
            return _too_many(wait)
        try:
            participant = join_by_open_link(db.session, day, read_newcomer(request.form))
            db.session.commit()
            remember_participant(participant)
            return redirect(room_url(review_day_id))
        except InvalidInput as error:
            db.session.rollback()
            errors = error.errors
    return render_template("prep/join_open.html", day=day, errors=errors, values=request.form,
                           organisations=[(o.id, o.name) for o in organisations(db.session)],
                           groups=[(g.id, g.name) for g in groups(db.session)],
                           ), 400 if errors else 200


def _too_many(wait: int):
    refusal = JoinRefused(429, "Too many people have joined from here",
                          f"Too many people have joined from this address in the last "
                          f"minute. Wait {wait} seconds and try again.")
    response = _refused(refusal)
    return response[0], 429, {"Retry-After": str(wait)}


@bp.post("/review-days/<int:review_day_id>/enter")
@staff_page
def enter_room(review_day_id: int):
    """Go into the live room as staff (facilitators run it, leads watch). Their attendance
    is recorded when the room's socket joins, as for everyone (live/identity.py)."""
    day = get_review_day(db.session, current_user, review_day_id)
    return redirect(room_url(day.id))
