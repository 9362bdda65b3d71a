"""The Review Day report: one builder behind both the command line and the download.

`build_report` loads the period (a fixed handful of queries) and lays it out; the layout
step, `render_report`, touches no database, so a server can run it in a worker thread.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from sqlalchemy.orm import Session

from ..curriculum.word_export import new_document
from ..implement.labels import long_date
from .data import ReportData
from .days import add_general_feedback, add_review_days
from .in_depth import add_in_depth
from .loading import load_report_data
from .log import add_change_log, add_open_items
from .overview import add_overview
from .quality import add_quality
from .summary import add_summary
from .word import ReportWriter, setup_styles

SUBJECT = "NHS Management and Leadership Framework: curriculum Review Days"
DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def period_words(date_from: date, date_to: date) -> str:
    """"Tuesday 1 December 2026", or "… to …" for a longer period."""
    if date_from == date_to:
        return long_date(date_from)
    return f"{long_date(date_from)} to {long_date(date_to)}"


def report_title(date_from: date, date_to: date) -> str:
    return f"Review Day report: {period_words(date_from, date_to)}"


def report_filename(date_from: date, date_to: date) -> str:
    return f"review-day-report-{date_from.isoformat()}-to-{date_to.isoformat()}.docx"


def build_report(session: Session, date_from: date, date_to: date,
                 today: date | None = None, exported_by: str = "Review Day") -> Document:
    """The report for Review Days dated `date_from` to `date_to` inclusive: one week, or
    the whole review period; the same builder either way."""
    return render_report(load_report_data(session, date_from, date_to, today, exported_by))


def render_report(data: ReportData) -> Document:
    """Lay the report out (no database): title and contents, the one-page overview, then
    the summary, curriculum quality before and after, the days, feedback, the in-depth
    tables, open items and the change log."""
    return lay_out(data).document


def lay_out(data: ReportData) -> ReportWriter:
    period = period_words(data.date_from, data.date_to)
    document = new_document("Review Day report", f"{SUBJECT}. {period}",
                            author=data.exported_by, subject=SUBJECT)
    document.core_properties.title = report_title(data.date_from, data.date_to)
    document.core_properties.keywords = "Review Day; curriculum; report"
    setup_styles(document)
    header = document.sections[0].header.paragraphs[0]
    header.text = f"Review Day report · {period}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    report = ReportWriter(document)
    report.paragraph(
        f"Prepared on {long_date(data.generated_on)} by {data.exported_by} for submission "
        "alongside the curricula. It covers what changed, who took part, what was reviewed, "
        "the general feedback on pitch and timbre (the level, tone and voice of each "
        "curriculum), every proposal and why it was decided so, and what is still open.")
    anchor = report.paragraph()
    report.page_break()  # the overview is a page of its own after the contents
    add_overview(report, data)
    report.page_break()
    add_summary(report, data)
    add_quality(report, data.quality)
    for add_section in (add_review_days, add_general_feedback, add_in_depth,
                        add_open_items, add_change_log):
        add_section(report, data)
    report.contents_before(anchor)
    anchor.getparent().remove(anchor)
    return report


def report_bytes(document: Document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
