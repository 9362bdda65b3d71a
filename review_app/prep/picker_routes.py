"""The agenda picker: search the competencies (a GET form, so it works without JavaScript;
the type-ahead asks the same address for JSON), choose one, then the whole of it or one
of its texts, with a timebox and prompts."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.decorators import staff_page
from ..errors import ActionRefused, InvalidInput
from ..extensions import db
from ..ids import bounded_int
from ..models import ReviewDay
from . import bp
from .agenda import parse_subject, require_editable
from .days import get_review_day
from .picker import (
    MAX_QUERY,
    item_choices,
    pick_competency,
    result_text,
    search_competencies,
)
from .routes import day_url


def picker_url(day: ReviewDay, **args) -> str:
    return url_for("prep.agenda_picker", review_day_id=day.id, **args)


def _as_json(day: ReviewDay, query: str, matches):
    return jsonify(query=query, count=len(matches), results=[{
        "title": m.competency.title, "on_agenda": m.on_agenda,
        "url": picker_url(day, competency=m.competency.id, q=query or None),
        "items": [{"text": result_text(i),
                   "url": picker_url(day, competency=m.competency.id, item=i.id,
                                     q=query or None)} for i in m.items],
        "more_items": m.more_items} for m in matches])


def _competency_id() -> int | None:
    """The competency the request names, or the one its `subject` belongs to."""
    named = bounded_int(request.values.get("competency"))
    if named or not request.values.get("subject"):
        return named
    try:
        return parse_subject(db.session, request.values["subject"])[0]
    except InvalidInput:
        return None


def render_picker(day: ReviewDay, http_status: int = 200, errors=None, values=None):
    """The search step, or the second step for the competency the request names."""
    query = request.values.get("q", "")[:MAX_QUERY]
    competency = pick_competency(day, _competency_id())
    if competency is None:
        if errors:  # the second step's fields are not on this page: ask to choose again
            errors = {"q": errors.get("subject", "Choose a competency, then what to "
                                                 "review in it")}
        matches = search_competencies(day, query)
        if request.args.get("format") == "json":
            return _as_json(day, query, matches)
        return render_template("prep/agenda_picker.html", day=day, query=query,
                               matches=matches, result_text=result_text,
                               errors=errors or {}), http_status
    if values is None:
        item = bounded_int(request.args.get("item"))
        values = {"subject": f"i{item}" if item else f"c{competency.id}",
                  "timebox_minutes": 15}
    return render_template("prep/agenda_pick_item.html", day=day, query=query,
                           competency=competency, choices=item_choices(competency),
                           values=values, errors=errors or {}), http_status


@bp.get("/review-days/<int:review_day_id>/agenda/add")
@staff_page
def agenda_picker(review_day_id: int):
    """Find a competency to add to the agenda, then choose the whole of it or one text."""
    day = get_review_day(db.session, current_user, review_day_id)
    try:
        require_editable(current_user, day)
    except ActionRefused as refusal:
        flash(refusal.message, "error")
        return redirect(day_url(day.id, "agenda"))
    return render_picker(day)
