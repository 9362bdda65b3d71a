"""Pages for reading curricula and downloading them as Word."""

from __future__ import annotations

from io import BytesIO

from flask import abort, render_template, request, send_file

from ..extensions import db
from ..models import CODE_VALUES, STAGES
from . import bp
from .browse import competency_text, matching_competencies
from .sources import subtitle
from .store import curriculum_to_doc, list_curricula, load_curriculum
from .word_export import curriculum_docx_bytes


@bp.get("/")
def index():
    """Show every stage of the framework and the curriculum loaded for it, if any."""
    loaded = {c.stage: c for c in list_curricula(db.session)}
    return render_template("curriculum/index.html", stages=STAGES, loaded=loaded)


@bp.get("/<stage>")
def show(stage: str):
    """Show one curriculum's hierarchy with a contents list and a text / Code value filter."""
    curriculum = load_curriculum(db.session, stage) if stage in STAGES else None
    if curriculum is None:
        abort(404)
    text = request.args.get("q", "")[:200]
    value = request.args.get("value", "")
    value = value if value in CODE_VALUES else ""
    shown = matching_competencies(curriculum, text, value)
    return render_template("curriculum/show.html", curriculum=curriculum, text=text,
                           value=value, values=CODE_VALUES, shown=shown,
                           search_text=competency_text)


@bp.get("/<stage>.docx")
def download(stage: str):
    """Send the current curriculum as a Word document in the seed's table layout."""
    curriculum = load_curriculum(db.session, stage) if stage in STAGES else None
    if curriculum is None:
        abort(404)
    data = curriculum_docx_bytes(curriculum_to_doc(curriculum), curriculum.title,
                                 subtitle(curriculum))
    return send_file(BytesIO(data), as_attachment=True, download_name=f"{stage}.docx",
                     mimetype="application/vnd.openxmlformats-officedocument."
                              "wordprocessingml.document")
