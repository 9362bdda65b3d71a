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
from .baseline import baseline_of_date
from .builder import DOCX_MIMETYPE, render_report, report_bytes, report_filename
from .loading import load_report_data
from .offload import run_cpu_bound
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
    data = load_report_data(db.session, date_from, date_to)
    document = run_cpu_bound(lambda: report_bytes(render_report(data)))
    return _send(document, report_filename(date_from, date_to))


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
        result = tracked_documents(db.session, stage, baseline_of_date(since),
                                   current_user.name)
    except LookupError:
        abort(404)
    return _send(report_bytes(result.tracked),
                 f"{stage}-tracked-since-{since.isoformat()}.docx")
