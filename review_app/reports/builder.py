"""The Review Day report: one builder behind both the command line and the download.

`build_report` loads the period (a fixed handful of queries) and lays it out; the layout
step, `render_report`, touches no database, so a server can run it in a worker thread.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx.document import Document
from sqlalchemy.orm import Session

from ..curriculum.word_export import new_document
from ..implement.labels import long_date
from .data import ReportData
from .days import add_general_feedback, add_review_days
from .in_depth import add_in_depth
from .loading import load_report_data
from .log import add_change_log, add_open_items
from .summary import add_summary
from .word import ReportWriter, setup_styles

SUBJECT = "NHS Management and Leadership Framework: curriculum Review Days"
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_title(date_from: date, date_to: date) -> str:
    return f"Review Day report: {long_date(date_from)} to {long_date(date_to)}"


def report_filename(date_from: date, date_to: date) -> str:
    return f"review-day-report-{date_from.isoformat()}-to-{date_to.isoformat()}.docx"


def build_report(session: Session, date_from: date, date_to: date,
                 today: date | None = None) -> Document:
    """The report for Review Days dated `date_from` to `date_to` inclusive: one week, or
    the whole review period; the same builder either way."""
    if date_to < date_from:
        raise ValueError("The end date is before the start date.")
    return render_report(load_report_data(session, date_from, date_to, today))


def render_report(data: ReportData) -> Document:
    document = new_document("Review Day report",
                            f"{SUBJECT}. {long_date(data.date_from)} to "
                            f"{long_date(data.date_to)}")
    document.core_properties.title = report_title(data.date_from, data.date_to)
    document.core_properties.subject = SUBJECT
    setup_styles(document)
    report = ReportWriter(document)
    report.paragraph(
        f"Prepared on {long_date(data.generated_on)} for submission alongside the curricula. "
        "It covers who took part, what was reviewed, what changed and why, the general "
        "feedback on pitch and timbre, and what is still open.")
    anchor = report.paragraph()
    for add_section in (add_summary, add_review_days, add_general_feedback, add_in_depth,
                        add_open_items, add_change_log):
        add_section(report, data)
    report.contents_before(anchor)
    anchor.getparent().remove(anchor)
    return document


def report_bytes(document: Document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
