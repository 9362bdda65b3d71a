"""The live Review Day page; everything after the first load travels over Socket.IO."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import current_app, render_template
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ..auth.access import remember_participant
from ..auth.permissions import can
from ..errors import found
from ..extensions import db
from ..models import AgendaItem, Competency, CompetencyGroup, ReviewDay
from ..models.live import CATEGORIES
from ..prep.joining import staff_participant, staff_visitor
from . import bp
from .identity import NotAdmitted, resolve_actor
from .limits import limits
from .schemas import MAX_TEXT
from .serialise import person

THEMES = ("Pitch and level", "Tone and voice", "Clarity and plain English", "Inclusivity",
          "Relevance to practice", "Structure and length", "Other")


def _load_day(review_day_id: int) -> ReviewDay:
    competency = selectinload(ReviewDay.agenda).selectinload(AgendaItem.competency)
    return found(db.session.get(ReviewDay, review_day_id, options=[
        competency.selectinload(Competency.items),
        # each panel's caption names its group and focus area: 12 queries a page before
        competency.selectinload(Competency.group).selectinload(CompetencyGroup.focus_area)]))


@cache
def _room_modules() -> list[str]:
    """The room's ES modules (static/live/*.js), preloaded with the page: found one import
    at a time, they arrived 100-190 ms after the page's other scripts."""
    folder = Path(current_app.static_folder or "") / "live"
    return sorted(f"live/{name.name}" for name in folder.glob("*.js"))


@bp.get("/<int:review_day_id>")
def room(review_day_id: int):
    """Show the live Review Day: agenda, focused competency, proposals, feedback, people;
    or why this browser may not (any more), by the same check as every socket event."""
    day = _load_day(review_day_id)
    if can(current_user, "view_weeks"):
        # Attendance is recorded when the page's socket joins (events.on_join), not here: a
        # page load (a preview, a prefetch, a tab left open) is not taking part.
        me = staff_participant(db.session, day.id, current_user) or staff_visitor(current_user)
        if me.id is not None:
            remember_participant(me)
    else:
        try:
            _live, me = resolve_actor(db.session, day.id)
        except NotAdmitted as refusal:
            if refusal.reason == "not_joined":  # a room address pasted in the call's chat
                return render_template("live/not_joined.html", day=day), refusal.status
            return render_template("prep/join_refused.html", refusal=refusal), refusal.status
    config = {"review_day_id": day.id, "me": person(me),
              "can_decide": can(current_user, "decide"),
              "can_run": can(current_user, "run_review_day"),
              "max_text": MAX_TEXT, "status": day.status}
    competencies = list({a.competency_id: a.competency for a in day.agenda}.values())
    return render_template("live/room.html", day=day, config=config, me=me,
                           competencies=competencies, categories=CATEGORIES, themes=THEMES,
                           newest=limits()["snapshot_newest"], modules=_room_modules(),
                           socket_path=current_app.config.get("SOCKETIO_PATH", "socket.io"))
