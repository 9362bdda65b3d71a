"""Pages for reading curricula and downloading them as Word."""

from __future__ import annotations

from io import BytesIO

from flask import abort, current_app, render_template, request, send_file
from werkzeug.http import is_resource_modified

from ..extensions import db
from ..models import CODE_VALUES, STAGES
from . import bp
from .browse import competency_text, matching_competencies
from .published import current_version, published_docx
from .store import list_curricula, load_curriculum


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
    """Send the current curriculum as a Word document in the seed's table layout: built
    once per version, and "not modified" to a browser that holds this version already."""
    version = current_version(db.session, stage) if stage in STAGES else None
    if version is None:
        abort(404)
    if not is_resource_modified(request.environ, etag=version.etag,
                                last_modified=version.last_modified):
        return "", 304, {"ETag": f'"{version.etag}"', "Cache-Control": "no-cache"}
    try:
        data = published_docx(current_app.extensions["curriculum_documents"], version)
    except LookupError:
        abort(404)
    return send_file(BytesIO(data), as_attachment=True, download_name=f"{stage}.docx",
                     mimetype="application/vnd.openxmlformats-officedocument."
                              "wordprocessingml.document",
                     etag=version.etag, last_modified=version.last_modified)
