"""The reports page for programme leads and the two Word downloads behind it: the Review
Day report and the curriculum with tracked changes. Thin: the builders do the work."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from flask import abort, render_template, request, send_file
from flask_login import current_user, login_required

from ..auth.permissions import require
from ..extensions import db
from ..models import STAGES
from . import bp
from .builder import DOCX_MIMETYPE, render_report, report_bytes, report_filename
from .loading import load_report_data
from .offload import run_in_worker
from .periods import report_periods
from .tracked import tracked_documents


def _date_arg(name: str) -> date:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        abort(400)


def _send(data: bytes, filename: str):
    return send_file(BytesIO(data), as_attachment=True, download_name=filename,
                     mimetype=DOCX_MIMETYPE)


@bp.get("/")
@login_required
def index():
    """Show the report downloads: each review week, the whole review period, a chosen
    range, and each curriculum with its changes tracked since a date."""
    periods = report_periods(db.session, current_user)
    return render_template("reports/index.html", periods=periods, today=date.today())


@bp.get("/review-day-report.docx")
@login_required
def download_report():
    """Send the Review Day report for the Review Days from `from` to `to` as Word."""
    require(current_user, "export")
    date_from, date_to = _date_arg("from"), _date_arg("to")
    if date_to < date_from:
        abort(400)
    # Loading a period turns thousands of rows into objects: CPU too, so both steps run in
    # a worker process under gevent (review_app/offload.py).
    document = run_in_worker(_report_bytes, date_from, date_to)
    return _send(document, report_filename(date_from, date_to))


def _report_bytes(date_from: date, date_to: date) -> bytes:
    return report_bytes(render_report(load_report_data(db.session, date_from, date_to)))


@bp.get("/curriculum-tracked.docx")
@login_required
def download_tracked():
    """Send the curriculum of `stage` as Word with every change since `since` as a tracked
    change."""
    require(current_user, "export")
    since, stage = _date_arg("since"), request.args.get("stage", "")
    if stage not in STAGES:
        abort(404)
    try:
        # Loads and builds in one, in a worker process under gevent.
        data = run_in_worker(_tracked_bytes, stage, since)
    except LookupError:
        abort(404)
    return _send(data, f"{stage}-tracked-since-{since.isoformat()}.docx")


def _tracked_bytes(stage: str, since: date) -> bytes:
    tracked, _, _ = tracked_documents(db.session, stage, since)
    return report_bytes(tracked)
