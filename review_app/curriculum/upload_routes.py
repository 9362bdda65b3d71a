"""Pages for uploading a curriculum: choose a file, see what it holds and would change,
confirm. The work is in uploads.py, shared with the command line's parsing and storing."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.decorators import staff_page
from ..auth.permissions import require
from ..extensions import db
from ..models import STAGES
from . import bp
from .document import CurriculumError
from .stages import stage_key
from .uploads import (
    SUFFIXES,
    HeldUpload,
    discard_upload,
    held_upload,
    hold_upload,
    preview_upload,
    store_upload,
)


def _instance() -> str:
    return current_app.config["INSTANCE_DIR"]


def _form(errors: dict[str, str], values: dict, status: int = 200):
    # The parser speaks to the command line; on this page the stage is a field.
    errors = {k: v.replace("give --stage", "choose its stage below") for k, v in errors.items()}
    stages = [(key, title) for key, title in STAGES.items()]
    return render_template("curriculum/upload.html", errors=errors, values=values,
                           stages=stages, suffixes=", ".join(SUFFIXES)), status


def _held(token: str) -> HeldUpload:
    upload = held_upload(_instance(), token, current_user.id)
    if upload is None:
        abort(404)
    return upload


@bp.route("/upload", methods=["GET", "POST"])
@staff_page
def upload():
    """Show the upload form; on a file, hold it and show its preview (nothing stored)."""
    require(current_user, "import_curricula")
    if request.method == "GET":
        return _form({}, {})
    file = request.files.get("file")
    stage = request.form.get("stage", "")
    held = None
    try:
        if stage:
            stage = stage_key(stage, "Stage")
        held = hold_upload(_instance(), file.filename if file else "",
                           file.read() if file else b"", stage or None, current_user.id)
        preview_upload(db.session, held)  # refuse a faulty file here, before any preview
    except CurriculumError as error:
        if held is not None:
            discard_upload(held)
        return _form({"file": str(error)}, request.form, 400)
    return redirect(url_for("curriculum.preview", token=held.token))


@bp.get("/upload/<token>")
@staff_page
def preview(token: str):
    """Show what a held upload holds and what storing it would change."""
    require(current_user, "import_curricula")
    upload = _held(token)
    try:
        shown = preview_upload(db.session, upload)
    except CurriculumError as error:  # the limits changed since, say: say so, store nothing
        discard_upload(upload)
        return _form({"file": str(error)}, {}, 400)
    return render_template("curriculum/upload_preview.html", preview=shown,
                           stage_title=STAGES[shown.doc.stage])


@bp.post("/upload/<token>")
@staff_page
def confirm(token: str):
    """Store the held upload as the new version of its stage's curriculum."""
    require(current_user, "import_curricula")
    upload = _held(token)
    try:
        result = store_upload(db.session, upload)
        db.session.commit()
    except CurriculumError as error:
        db.session.rollback()
        discard_upload(upload)
        return _form({"file": str(error)}, {}, 400)
    discard_upload(upload)
    curriculum = result.curriculum
    if result.created:
        flash(f"Stored {curriculum.title} from {upload.filename}: version 1.")
    elif result.changed:
        flash(f"Stored {curriculum.title} from {upload.filename}: now version "
              f"{curriculum.version}.")
    else:
        flash(f"{upload.filename} matches {curriculum.title} version {curriculum.version}: "
              "nothing changed.")
    return redirect(url_for("curriculum.show", stage=curriculum.stage))


@bp.post("/upload/<token>/cancel")
@staff_page
def cancel(token: str):
    """Forget a held upload without storing it."""
    require(current_user, "import_curricula")
    discard_upload(_held(token))
    flash("Upload cancelled: nothing was stored.")
    return redirect(url_for("curriculum.upload"))
