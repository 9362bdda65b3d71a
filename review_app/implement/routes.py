"""The implementation pages: the overview of weeks, a board per week, a page per change,
and the deferred proposals to carry over. Thin: parse, call a service, commit, redirect."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..auth.permissions import can, require
from ..extensions import db
from . import bp
from .board import get_change, get_week, open_changes, week_changes, weeks_overview
from .carry_over import carry_proposals, carry_targets, deferred_proposals
from .forms import parse_apply, parse_assignment, parse_carry
from .services import (
    CHOOSE_RESOLUTION,
    ChangeError,
    Conflict,
    apply_change,
    assign_change,
    due_days,
    find_conflict,
    set_change_state,
    staff,
)


@bp.get("/")
@login_required
def overview():
    """Show every review week with its changes counted by state, and what is still open."""
    weeks = weeks_overview(db.session, current_user, date.today())
    return render_template("implement/overview.html", weeks=weeks, today=date.today(),
                           still_open=open_changes(db.session, current_user),
                           can_carry=can(current_user, "prepare"))


@bp.get("/weeks/<int:week_id>")
@login_required
def week(week_id: int):
    """Show one week's board: its changes under to do, in progress and done."""
    found = get_week(db.session, current_user, week_id) or abort(404)
    changes = week_changes(db.session, current_user, found)
    return render_template("implement/week.html", week=found, changes=changes,
                           today=date.today())


def _change_or_404(change_id: int):
    return get_change(db.session, current_user, change_id) or abort(404)


@bp.get("/changes/<int:change_id>")
@login_required
def change(change_id: int, conflict: Conflict | None = None, status: int = 200,
           errors: dict[str, str] | None = None):
    """Show one change: before and after, owner, due day, state, and the forms to move it
    on; a conflict shows baseline, current and proposed text side by side; what a form
    got wrong shows in an error summary and on its field, with what was typed kept."""
    found = _change_or_404(change_id)
    if conflict is None and found.state != "done":
        conflict = find_conflict(found, found.accepted_text)
    return render_template("implement/change.html", change=found, conflict=conflict,
                           owners=staff(db.session), due_days=due_days(found),
                           may_implement=can(current_user, "implement"),
                           errors=errors or {}), status


def _run(change_id: int, action) -> object:
    """Call a service for the change, commit, and go back to its page; show what failed."""
    found = _change_or_404(change_id)
    try:
        message = action(found)
        db.session.commit()
    except Conflict as conflict:  # applied without choosing how to resolve it
        db.session.rollback()
        return change(change_id, conflict=conflict, status=409,
                      errors={"resolution": CHOOSE_RESOLUTION})
    except ChangeError as error:
        db.session.rollback()
        if error.field:
            return change(change_id, status=400, errors={error.field: str(error)})
        flash(str(error), "error")
    else:
        flash(message)
    return redirect(url_for(".change", change_id=change_id))


@bp.post("/changes/<int:change_id>/assign")
@login_required
def assign(change_id: int):
    """Set the owner and due day of a change."""
    def action(found):
        owner, due_on = parse_assignment(db.session, request.form)
        assign_change(db.session, found, current_user, owner, due_on)
        return "Owner and due day saved."
    return _run(change_id, action)


@bp.post("/changes/<int:change_id>/state")
@login_required
def state(change_id: int):
    """Move a change between to do and in progress."""
    def action(found):
        set_change_state(db.session, found, current_user, request.form.get("state", ""))
        return "State updated."
    return _run(change_id, action)


@bp.post("/changes/<int:change_id>/apply")
@login_required
def apply(change_id: int):
    """Write the change into the curriculum as a new version and mark it done."""
    def action(found):
        text, resolution = parse_apply(request.form)
        apply_change(db.session, found, current_user, text, resolution)
        return "Change applied to the curriculum."
    return _run(change_id, action)


@bp.route("/carried-over", methods=["GET", "POST"])
@login_required
def carried_over():
    """List deferred proposals not yet carried over, and carry chosen ones into a Review Day
    in preparation."""
    require(current_user, "prepare")
    if request.method == "POST":
        try:
            proposals, target = parse_carry(db.session, request.form)
            carry_proposals(db.session, current_user, proposals, target)
            db.session.commit()
        except ChangeError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            flash(f"{len(proposals)} carried over to the Review Day of "
                  f"{target.date.strftime('%-d %B %Y')}.")
        return redirect(url_for(".carried_over"))
    return render_template("implement/carried_over.html",
                           proposals=deferred_proposals(db.session),
                           targets=carry_targets(db.session))
