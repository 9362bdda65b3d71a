"""Pages for the curriculum's quality: findings per stage, and one competency's pathway."""

from __future__ import annotations

from flask import abort, current_app, jsonify, render_template, request
from flask_login import current_user

from ..extensions import db
from ..models import STAGES
from . import bp
from .findings import KIND_LABELS
from .pages import by_place, competency_summaries, competency_titles, pathway
from .service import RULES, Summary, check_stages, load_stages
from .settings import QualitySettings


@bp.get("/<stage>")
def stage_quality(stage: str):
    """Show one stage's quality summary, per competency, with the findings beside items."""
    stages = load_stages(db.session) if stage in STAGES else []
    current = next((s for s in stages if s.stage == stage), None)
    if current is None:
        abort(404)
    findings = check_stages(stages, QualitySettings.from_config(current_app.config), stage)
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
    from ..auth.access import participant_for
    from ..auth.permissions import can
    from ..live.schemas import MAX_TEXT
    from ..models import ReviewDay
    from .hints import hints_for

    day = db.session.get(ReviewDay, request.args.get("day", type=int) or 0)
    if day is None:
        abort(404)
    if not can(current_user, "view_weeks") and participant_for(db.session, day.id) is None:
        abort(403)
    found = hints_for(request.args.get("text", "")[:MAX_TEXT], request.args.get("kind", ""),
                      day.curriculum.stage, QualitySettings.from_config(current_app.config))
    return jsonify(hints=[{"rule": f.rule, "severity": f.severity, "message": f.message,
                           "suggestion": f.suggestion} for f in found])
