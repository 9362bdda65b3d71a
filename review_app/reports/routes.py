"""The reports page for programme leads and the Word (and PDF) downloads behind it: the
Review Day report and the curriculum with tracked changes. Thin: the builders do the work."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from flask import abort, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from ..auth.permissions import require
from ..extensions import db
from ..ids import bounded_int
from ..models import STAGES, ReviewDay
from . import bp
from .baseline import baseline_of_date, baseline_of_day
from .builder import DOCX_MIMETYPE, render_report, report_bytes, report_filename
from .choices import Checked, date_parts, read_date, read_period
from .loading import load_report_data
from .offload import run_in_worker
from .packs import find_pack, pack_file, start_pack
from .periods import report_periods
from .tracked import tracked_documents

PDF_MIMETYPE = "application/pdf"


def _iso_arg(name: str) -> date:
    try:
        return date.fromisoformat(request.args.get(name, "")[:10])
    except ValueError:
        abort(400)


def _send(data: bytes, filename: str, mimetype: str = DOCX_MIMETYPE):
    return send_file(BytesIO(data), as_attachment=True, download_name=filename,
                     mimetype=mimetype)


def _page(status: int = 200, period: Checked | None = None, tracked: Checked | None = None):
    periods = report_periods(db.session, current_user)
    if period is None:
        period = Checked(values={**date_parts(periods.first or date.today(), "from"),
                                 **date_parts(periods.last or date.today(), "to")})
    if tracked is None:
        tracked = Checked(values=date_parts(periods.first or date.today(), "since"))
    return render_template("reports/index.html", periods=periods, period=period,
                           tracked=tracked), status


@bp.get("/")
@login_required
def index():
    """Show the report downloads: each review week, the whole review period, a chosen
    range, and each curriculum with its changes tracked since a baseline."""
    return _page()


def _report(date_from: date, date_to: date, as_pdf: bool):
    if as_pdf:  # minutes at national scale: prepared in the background
        pack = start_pack(date_from, date_to, current_user.name)
        return redirect(url_for("reports.show_pack", token=pack.token), 303)
    # Loading a period turns thousands of rows into objects: CPU too, so both steps run in
    # a worker process under gevent (review_app/offload.py).
    document = run_in_worker(_report_bytes, date_from, date_to, current_user.name)
    return _send(document, report_filename(date_from, date_to))


def _report_bytes(date_from: date, date_to: date, exported_by: str) -> bytes:
    return report_bytes(render_report(load_report_data(db.session, date_from, date_to,
                                                       exported_by=exported_by)))


@bp.get("/review-day-report.docx")
@login_required
def download_report():
    """Send the Review Day report for the Review Days from `from` to `to` (ISO dates, as
    the page's links give them) as Word."""
    require(current_user, "export")
    date_from, date_to = _iso_arg("from"), _iso_arg("to")
    if date_to < date_from:
        abort(400)
    return _report(date_from, date_to, as_pdf=False)


@bp.get("/report")
@login_required
def chosen_report():
    """Send the report for the dates typed into the page, as Word or as PDF (with its
    contents' page numbers); show the page again with what to fix if a date is wrong."""
    require(current_user, "export")
    period = read_period(request.args)
    if period.errors:
        return _page(400, period=period)
    return _report(period.dates["from"], period.dates["to"],
                   as_pdf=request.args.get("format") == "pdf")


@bp.get("/curriculum-tracked.docx")
@login_required
def download_tracked():
    """Send a curriculum as Word with every change implemented since a baseline as a
    tracked change: a Review Day's frozen baseline (`review_day`), or the start of a date
    (`since` as an ISO date, or the page's date input)."""
    require(current_user, "export")
    stage, day_id = request.args.get("stage", ""), request.args.get("review_day", "")
    chosen = Checked(values={"stage": stage, "review_day": day_id})
    if stage not in STAGES:
        chosen.errors["stage"] = "Choose a curriculum from the list"
        return _page(400, tracked=chosen)
    if day_id:
        number = bounded_int(day_id)
        day = db.session.get(ReviewDay, number) if number is not None else None
        if day is None or day.curriculum.stage != stage:
            chosen.errors["review_day"] = ("Choose a Review Day of the curriculum you chose, "
                                           "or “No Review Day” to use the date")
            return _page(400, tracked=chosen)
        baseline, label = baseline_of_day(day), f"review-day-{day.date.isoformat()}"
    else:
        if "since" in request.args:
            since = _iso_arg("since")
        else:
            read_date(request.args, "since", chosen)
            if chosen.errors:
                return _page(400, tracked=chosen)
            since = chosen.dates["since"]
        baseline, label = baseline_of_date(since), since.isoformat()
    try:
        # Loads and builds in one, in a worker process under gevent.
        data = run_in_worker(_tracked_bytes, stage, baseline, current_user.name)
    except LookupError:  # that stage's curriculum has not been imported
        chosen.errors["stage"] = "That curriculum has not been imported yet: choose another"
        return _page(400, tracked=chosen)
    return _send(data, f"{stage}-tracked-since-{label}.docx")


def _tracked_bytes(stage: str, baseline, author: str) -> bytes:
    return report_bytes(tracked_documents(db.session, stage, baseline, author,
                                          clean=False).tracked)


@bp.get("/packs/<token>")
@login_required
def show_pack(token: str):
    """Show a report being prepared as PDF (the page refreshes itself), then its files."""
    require(current_user, "export")
    pack = find_pack(token)
    if pack is None:
        abort(404)
    return render_template("reports/pack.html", pack=pack)


@bp.get("/packs/<token>/report.<kind>")
@login_required
def download_pack(token: str, kind: str):
    """Send a prepared report: the PDF, or the Word file with its contents' page numbers."""
    require(current_user, "export")
    pack = find_pack(token)
    if pack is None or pack.state != "ready" or kind not in ("pdf", "docx"):
        abort(404)
    name = pack.filename if kind == "docx" else pack.filename.replace(".docx", ".pdf")
    return send_file(pack_file(pack, f".{kind}"), as_attachment=True, download_name=name,
                     mimetype=PDF_MIMETYPE if kind == "pdf" else DOCX_MIMETYPE)
