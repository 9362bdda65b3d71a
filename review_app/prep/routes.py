"""Review weeks and Review Days: the dashboard, a day's page, its details and its status.

Views are thin: they parse the form, call one service with the acting user, and commit.
"""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.decorators import staff_page
from ..auth.permissions import require
from ..curriculum.store import list_curricula
from ..errors import ActionRefused, InvalidInput
from ..extensions import db
from ..ids import bounded_int
from ..live.errors import LiveError
from ..live.events import set_live_status
from . import bp
from .clock import london_now, london_today, long_date
from .copying import copy_to_next_week
from .day_page import render_day_page
from .days import create_review_day, facilitator_choices, get_review_day, update_review_day
from .deleting import delete_draft_day, deletion_effects
from .forms import read_review_day, review_day_values
from .status import STATUS_LABELS, change_status
from .weeks import (
    DEFAULT_SLOT,
    PHASES,
    latest_review_day_before,
    list_weeks,
    monday_of,
    next_review_tuesday,
    week_phase,
)

DONE = {"ready": "The day is ready: the agenda and its baseline are frozen.",
        "draft": "The day is back in draft: the baseline is cleared and the agenda can change.",
        "open": "The Review Day is live.", "open_enter": "The Review Day is live.",
        "close": "The Review Day is closed.",
        "reopen": "The Review Day is live again.",
        "extend": "The slot now ends at {end}."}


def day_url(review_day_id: int, anchor: str | None = None, **args) -> str:
    return url_for("prep.review_day", review_day_id=review_day_id, _anchor=anchor, **args)


@bp.get("/review-days/")
@staff_page
def dashboard():
    """List the review weeks, newest first, with their phase and Review Days."""
    today = london_today()
    weeks = list_weeks(db.session, current_user)
    this_monday = monday_of(today)
    last = latest_review_day_before(db.session, current_user, this_monday)
    if last is not None and last.date < this_monday - timedelta(days=7):
        last = None  # "copy last week" is for last week's day, not an older one
    has_this_week = any(w.starts_on == this_monday and w.review_days for w in weeks)
    return render_template("prep/dashboard.html", weeks=weeks, today=today, phases=PHASES,
                           week_phase=week_phase, status_labels=STATUS_LABELS,
                           copy_source=None if has_this_week else last)


def _day_form(day, values, errors):
    return render_template("prep/day_form.html", day=day, values=values, errors=errors,
                           curricula=[(c.id, c.title) for c in list_curricula(db.session)],
                           facilitators=[(u.id, u.name) for u in facilitator_choices(db.session)],
                           ), 400 if errors else 200


@bp.route("/review-days/new", methods=["GET", "POST"])
@staff_page
def new_day():
    """Show the form for a new Review Day, and create it as a draft."""
    require(current_user, "prepare")  # before the form is shown; the service checks too
    if request.method == "POST":
        try:
            day = create_review_day(db.session, current_user, read_review_day(request.form))
            db.session.commit()
        except InvalidInput as error:
            db.session.rollback()
            return _day_form(None, request.form, error.errors)
        flash(f"Review Day created for {long_date(day.date)}. Now build its agenda.")
        return redirect(day_url(day.id, "agenda"))
    tuesday = next_review_tuesday(london_now())
    curricula = list_curricula(db.session)
    starts, ends = DEFAULT_SLOT
    values = {"date-day": str(tuesday.day), "date-month": str(tuesday.month),
              "date-year": str(tuesday.year), "starts_at": f"{starts:%H:%M}",
              "ends_at": f"{ends:%H:%M}",
              "facilitator_id": str(current_user.id),
              "curriculum_id": str(curricula[0].id) if len(curricula) == 1 else ""}
    return _day_form(None, values, {})


@bp.get("/review-days/<int:review_day_id>")
@staff_page
def review_day(review_day_id: int):
    """Show a Review Day: details, status, readiness, agenda, invitations and attendance."""
    day = get_review_day(db.session, current_user, review_day_id)
    moved = bounded_int(request.args.get("moved"))
    return render_day_page(day, moved=moved, moved_button=request.args.get("button"))


@bp.route("/review-days/<int:review_day_id>/edit", methods=["GET", "POST"])
@staff_page
def edit_day(review_day_id: int):
    """Show and save a Review Day's title, curriculum, date, slot, call link and facilitator."""
    day = get_review_day(db.session, current_user, review_day_id)
    require(current_user, "prepare")
    if request.method == "POST":
        try:
            update_review_day(db.session, current_user, day, read_review_day(request.form))
            db.session.commit()
        except InvalidInput as error:
            db.session.rollback()
            return _day_form(day, request.form, error.errors)
        flash("Review Day details saved.")
        return redirect(day_url(day.id))
    return _day_form(day, review_day_values(day), {})


LIVE_STATUS = {"open": "live", "open_enter": "live", "reopen": "live", "close": "closed"}


@bp.post("/review-days/<int:review_day_id>/status")
@staff_page
def change_day_status(review_day_id: int):
    """Move the day along draft → ready → live → closed (or back), as the button says."""
    day = get_review_day(db.session, current_user, review_day_id)
    action = request.form.get("action", "")
    try:
        if action in LIVE_STATUS:  # the live room hears of it too
            set_live_status(day.id, current_user, LIVE_STATUS[action])
        else:
            change_status(db.session, current_user, day, action)
            db.session.commit()
        flash(DONE[action].format(end=f"{day.ends_at:%H:%M}"))
    except (ActionRefused, LiveError) as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(day_url(day.id, "status"))
    if action == "open_enter":  # one step from "ready" into the running room
        return redirect(url_for("live.room", review_day_id=day.id))
    return redirect(day_url(day.id, "status"))


@bp.post("/review-days/<int:review_day_id>/copy")
@staff_page
def copy_day(review_day_id: int):
    """Start next week's Review Day from this one's agenda and invite list."""
    day = get_review_day(db.session, current_user, review_day_id)
    try:
        copy = copy_to_next_week(db.session, current_user, day)
        db.session.commit()
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(day_url(day.id))
    flash(f"Copied to {long_date(copy.date)} as a draft, with {len(copy.agenda)} agenda items "
          f"and {len(copy.invitations)} invitations. Check them before marking it ready.")
    return redirect(day_url(copy.id))


@bp.route("/review-days/<int:review_day_id>/delete", methods=["GET", "POST"])
@staff_page
def delete_day(review_day_id: int):
    """Ask to confirm deleting a draft Review Day, saying what goes with it; delete it."""
    day = get_review_day(db.session, current_user, review_day_id)
    try:
        if request.method == "POST":
            delete_draft_day(db.session, current_user, day)
            db.session.commit()
            flash(f"Deleted the draft Review Day {day.title} on {long_date(day.date)}.")
            return redirect(url_for("prep.dashboard"))
        effects = deletion_effects(db.session, current_user, day)
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(day_url(day.id, "status"))
    return render_template("prep/delete_day.html", day=day, effects=effects)
