"""Building the agenda: add, change, move (by button or by drag and drop) and remove items."""

from __future__ import annotations

from flask import flash, jsonify, redirect, request
from flask_login import current_user

from ..auth.decorators import staff_page
from ..errors import ActionRefused, InvalidInput, found
from ..extensions import db
from ..ids import bounded_ints
from ..models import AgendaItem
from . import bp
from .agenda import (
    add_agenda_item,
    agenda_scope,
    agenda_title,
    move_agenda_item,
    remove_agenda_item,
    reorder_agenda,
    update_agenda_item,
)
from .confirming import confirm_page
from .day_page import render_day_page
from .days import get_review_day
from .forms import read_agenda_addition, read_timebox_and_prompts
from .picker_routes import render_picker
from .routes import day_url


def _agenda_item(review_day_id: int, agenda_item_id: int) -> AgendaItem:
    day = get_review_day(db.session, current_user, review_day_id)
    return found(db.session.get(AgendaItem, agenda_item_id), review_day_id=day.id)


@bp.post("/review-days/<int:review_day_id>/agenda")
@staff_page
def add_to_agenda(review_day_id: int):
    """Add a competency, or one of its texts, to the end of the agenda."""
    day = get_review_day(db.session, current_user, review_day_id)
    try:
        competency_id, item_id, minutes, prompts = read_agenda_addition(db.session,
                                                                         request.form)
        agenda_item = add_agenda_item(db.session, current_user, day, competency_id, item_id,
                                      minutes, prompts)
        db.session.commit()
    except InvalidInput as error:
        db.session.rollback()
        return render_picker(day, 400, errors=error.errors, values=request.form)
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(day_url(day.id, "agenda"))
    flash(f"Added {agenda_title(agenda_item)} to the agenda.")
    return redirect(day_url(day.id, f"agenda-item-{agenda_item.id}"))


@bp.post("/review-days/<int:review_day_id>/agenda/<int:agenda_item_id>")
@staff_page
def change_agenda_item(review_day_id: int, agenda_item_id: int):
    """Save an agenda item's timebox and prompts."""
    agenda_item = _agenda_item(review_day_id, agenda_item_id)
    suffix = f"-{agenda_item.id}"
    try:
        minutes, prompts = read_timebox_and_prompts(request.form, suffix)
        update_agenda_item(db.session, current_user, agenda_item, minutes, prompts)
        db.session.commit()
    except InvalidInput as error:
        db.session.rollback()
        return render_day_page(agenda_item.review_day, 400, agenda_errors=error.errors,
                               agenda_values=request.form, editing=agenda_item.id)
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
    else:
        flash(f"Saved the timebox and prompts for {agenda_title(agenda_item)}.")
    return redirect(day_url(review_day_id, f"agenda-item-{agenda_item_id}"))


@bp.post("/review-days/<int:review_day_id>/agenda/<int:agenda_item_id>/move")
@staff_page
def move_in_agenda(review_day_id: int, agenda_item_id: int):
    """Move an item one place up or down; the page comes back with focus on its button."""
    agenda_item = _agenda_item(review_day_id, agenda_item_id)
    direction = request.form.get("direction", "")
    try:
        position = move_agenda_item(db.session, current_user, agenda_item, direction)
        db.session.commit()
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(day_url(review_day_id, f"agenda-item-{agenda_item_id}"))
    total = len(agenda_item.review_day.agenda)
    flash(f"Moved {agenda_title(agenda_item)} {direction} to position {position + 1} "
          f"of {total}.")
    # No #fragment here: browsers skip autofocus when the address points into the page.
    return redirect(day_url(review_day_id, moved=agenda_item_id, button=direction))


@bp.post("/review-days/<int:review_day_id>/agenda/order")
@staff_page
def reorder(review_day_id: int):
    """Save a whole new order (sent by drag and drop as JSON, or as a form)."""
    day = get_review_day(db.session, current_user, review_day_id)
    payload = request.get_json(silent=True) if request.is_json else None
    raw = payload.get("order") if isinstance(payload, dict) else request.form.getlist("order")
    try:
        order = bounded_ints(raw) if isinstance(raw, list) else None
        if order is None:
            raise InvalidInput({"order": "The new order must be a list of agenda item ids"})
        reorder_agenda(db.session, current_user, day, order)
        db.session.commit()
    except (InvalidInput, ActionRefused) as error:
        db.session.rollback()
        message = error.message if isinstance(error, ActionRefused) else str(error)
        if payload is not None:
            return jsonify(ok=False, error=message), 409 if isinstance(
                error, ActionRefused) else 400
        flash(message, "error")
        return redirect(day_url(day.id, "agenda"))
    if payload is not None:
        return jsonify(ok=True, order=[a.id for a in day.agenda])
    flash("Agenda order saved.")
    return redirect(day_url(day.id, "agenda"))


@bp.route("/review-days/<int:review_day_id>/agenda/<int:agenda_item_id>/remove",
          methods=["GET", "POST"])
@staff_page
def remove_from_agenda(review_day_id: int, agenda_item_id: int):
    """Ask to confirm taking an item off the agenda, saying what goes; then take it off."""
    agenda_item = _agenda_item(review_day_id, agenda_item_id)
    title = agenda_title(agenda_item)
    if request.method == "GET":
        prompts = "its prompts" if agenda_item.prompts.strip() else "its timebox"
        return confirm_page(
            f"Remove {title} from the agenda?",
            [f"{agenda_scope(agenda_item)}, with {prompts}, comes off the agenda.",
             "The curriculum does not change; you can add it again while the day is a draft."],
            "Remove from the agenda", day_url(review_day_id, f"agenda-item-{agenda_item_id}"))
    try:
        remove_agenda_item(db.session, current_user, agenda_item)
        db.session.commit()
        flash(f"Removed {title} from the agenda.")
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
    return redirect(day_url(review_day_id, "agenda"))
