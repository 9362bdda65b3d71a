"""Pages for the curriculum's quality: findings per stage, and one competency's pathway."""

from __future__ import annotations

from flask import abort, current_app, jsonify, render_template, request
from flask_login import current_user

from ..extensions import db
from ..models import STAGES
from ..offload import run_in_worker
from . import bp
from .findings import KIND_LABELS
from .pages import by_place, competency_summaries, competency_titles, pathway
from .service import RULES, Summary, check_stages, load_stages
from .settings import QualitySettings


def _stage_findings(stage: str) -> tuple[list, list]:
    stages = load_stages(db.session)
    if not any(s.stage == stage for s in stages):
        return stages, []
    return stages, check_stages(stages, QualitySettings.from_config(current_app.config), stage)


@bp.get("/<stage>")
def stage_quality(stage: str):
    """Show one stage's quality summary, per competency, with the findings beside items."""
    if stage not in STAGES:
        abort(404)
    # About a second of pure Python at national scale: in a worker process under gevent.
    stages, findings = run_in_worker(_stage_findings, stage)
    current = next((s for s in stages if s.stage == stage), None)
    if current is None:
        abort(404)
    return render_template(
        "quality/stage.html", stage=current, summary=Summary.of(findings), rules=RULES,
        places=by_place(findings), per_competency=competency_summaries(current, findings),
        kinds=KIND_LABELS)


@bp.get("/pathway")
def pathway_view():
    """Show one competency across every imported stage, each outcome with its verb and level."""
    stages = load_stages(db.session)
    titles = competency_titles(stages)
    title = request.args.get("competency", "")[:200] or (titles[0] if titles else "")
    columns, rows = pathway(stages, title)
    if title and not columns and request.args.get("competency"):
        abort(404)
    return render_template("quality/pathway.html", title=title, titles=titles,
                           columns=columns, rows=rows)


@bp.get("/hints")
def draft_hints():
    """Answer a live draft's text with the quality hints it would get (never blocking):
    only for someone who may see that Review Day."""
    from ..auth.permissions import can
    from ..ids import bounded_int
    from ..live.errors import LiveError
    from ..live.identity import resolve_actor
    from ..live.schemas import MAX_TEXT
    from ..models import ReviewDay
    from .hints import hints_for

    number = bounded_int(request.args.get("day", ""))
    day = db.session.get(ReviewDay, number) if number else None
    if day is None:
        abort(404)
    if not can(current_user, "view_weeks"):
        try:  # the live room's own check of who may be in it
            resolve_actor(db.session, day.id)
        except LiveError:
            abort(403)
    found = hints_for(request.args.get("text", "")[:MAX_TEXT], request.args.get("kind", ""),
                      day.curriculum.stage, QualitySettings.from_config(current_app.config))
    return jsonify(hints=[{"rule": f.rule, "severity": f.severity, "message": f.message,
                           "suggestion": f.suggestion} for f in found])
