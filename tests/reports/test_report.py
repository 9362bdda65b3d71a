"""The Review Day report: built for a whole review period and for one week, then opened
again to check its headings, fields, summary counts, every before → after and reason."""

from collections import Counter
from datetime import date

import docx
import pytest
import sqlalchemy as sa
from docx.oxml.ns import qn

from review_app.extensions import db
from review_app.implement.labels import OUTCOME_LABELS, long_date
from review_app.models import Participant
from review_app.reports.builder import build_report, report_bytes
from review_app.reports.loading import load_report_data

from .factories import build_review_period

JULY, AUGUST_END = date(2025, 7, 1), date(2025, 8, 31)
HEADINGS_1 = ["What changed", "Summary", "Curriculum quality before and after", "Review Days",
              "General feedback on pitch and timbre",
              "In-depth feedback by competency", "Open and deferred items",
              "Appendix: change log"]


@pytest.fixture
def report(period, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(report_bytes(build_report(db.session, JULY, AUGUST_END)))
    return docx.Document(str(path))


def _headings(document, level):
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _table(document, first_heading):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_heading)


def _rows(table):
    return {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}


def test_structure_styles_and_fields(report, period):
    assert report.paragraphs[0].style.name == "Title"
    assert report.paragraphs[0].text == "Review Day report"
    assert _headings(report, 1) == HEADINGS_1
    assert [f"{long_date(d.date)}: Stage 1" for d in period.days] == [
        h for h in _headings(report, 2) if h.startswith("Tuesday")]
    instructions = " ".join(i.text for i in report.element.body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-3"' in instructions
    footer = report.sections[0].footer.paragraphs[0]._p
    assert "PAGE" in " ".join(i.text for i in footer.iter(qn("w:instrText")))
    assert {t.style.name for t in report.tables} == {"Light Grid Accent 1"}
    pictures = list(report.element.body.iter(qn("wp:docPr")))
    assert len(pictures) == 2 and all(p.get("descr") for p in pictures)
    assert "Contents" in [p.text for p in report.paragraphs[:6]]


def test_summary_counts(report, period, session):
    figures = _rows(_table(report, "Key figure"))
    statuses = Counter(p.status for p in period.proposals)
    accepted = statuses["accepted"] + statuses["accepted_amended"]
    done = sum(c.state == "done" for c in period.changes)
    assert figures["Review Days held"][1] == "4"
    assert figures["Proposals made"][1] == str(len(period.proposals))
    assert figures["Proposals accepted"][1].startswith(f"{accepted} (")
    assert figures["Changes implemented"][1].startswith(f"{done} of {len(period.changes)} ")
    reviewed = {a.competency_id for d in period.days for a in d.agenda}
    assert figures["Competencies reviewed"][1].startswith(f"{len(reviewed)} of 27 ")
    by_category = _rows(_table(report, "Category"))
    assert by_category["Total"][1:] == [
        str(statuses[s]) for s in ("open", "accepted", "accepted_amended", "rejected",
                                   "deferred", "withdrawn")] + [str(len(period.proposals))]
    attendances = session.scalar(sa.select(sa.func.count(Participant.id))
                                 .where(Participant.user_id.is_(None)))
    assert _rows(_table(report, "Organisation"))["Total"][2] == str(attendances)
    states = _rows(_table(report, "State"))
    assert states["Done"][1] == str(done)


def _runs_by_style(paragraph):
    old = "".join(r.text for r in paragraph.runs if r.style.name != "Inserted text")
    new = "".join(r.text for r in paragraph.runs if r.style.name != "Deleted text")
    marked = {r.style.name for r in paragraph.runs}
    return old, new, marked


def _final(proposal, change):
    if change is not None and change.state == "done" and change.conflict_resolution != \
            "current" and change.implemented_text is not None:
        return change.implemented_text
    if change is not None and change.accepted_text is not None:
        return change.accepted_text
    return proposal.new_title if proposal.field == "title" else proposal.new_text


def test_every_before_and_after_with_its_reason_and_votes(report, period):
    rows = {}
    for table in report.tables:  # a banner row (stage · competency), then the headings
        if table.rows[1].cells[0].text == "Ref and item":
            for row in table.rows[2:]:
                cells = row.cells
                rows[cells[0].paragraphs[0].text] = cells
    changes = {c.proposal_id: c for c in period.changes}
    assert len(rows) == len(period.proposals)
    for proposal in period.proposals:
        cells = rows[f"P{proposal.id}"]
        first = cells[1].paragraphs[0 if not (proposal.kind == "add" and proposal.new_title)
                                    else 1]
        old, new, marked = _runs_by_style(first)
        if proposal.kind == "move":
            assert first.text.startswith("Moved to position")
            continue
        if proposal.kind == "delete":
            assert old == "Removed: " + proposal.base_text and new == "Removed: "
            assert "Deleted text" in marked
            continue
        assert old == (proposal.base_text or "")
        assert new == _final(proposal, changes.get(proposal.id))
        if old != new:
            assert marked & {"Deleted text", "Inserted text"}
        tally = proposal.tally()
        assert [p.text for p in cells[3].paragraphs] == [
            f"Agree {tally['agree']}", f"Disagree {tally['disagree']}",
            f"Abstain {tally['abstain']}"]
        assert cells[2].paragraphs[1].text == proposal.author.organisation.name
        if proposal.decision is not None:
            decision = [p.text for p in cells[4].paragraphs]
            assert decision[:2] == [OUTCOME_LABELS[proposal.decision.outcome],
                                    proposal.decision.reason]


def test_general_feedback_by_theme_and_open_items(report, period):
    themes = [h for h in _headings(report, 2) if "comment" in h]
    assert any(t.startswith("Tone and voice (8 comments)") for t in themes)
    waiting = {f"P{p.id}" for p in period.proposals if p.status in ("open", "deferred")}
    assert set(_rows(_table(report, "Ref")).keys()) >= waiting  # first "Ref" table
    log = next(t for t in report.tables if [c.text for c in t.rows[0].cells][:2] ==
               ["Ref", "Decided"])
    assert len(log.rows) - 1 == len(period.changes)


def test_one_week_comes_from_the_same_builder(period):
    week = period.weeks[1]
    document = build_report(db.session, week.starts_on, week.starts_on.replace(
        day=week.starts_on.day + 6))
    assert [h for h in _headings(document, 2) if h.startswith("Tuesday")] == [
        f"{long_date(week.review_days[0].date)}: Stage 1"]
    figures = _rows(_table(document, "Key figure"))
    in_week = [p for p in period.proposals if p.review_day.week_id == week.id]
    assert figures["Review Days held"][1] == "1"
    assert figures["Proposals made"][1] == str(len(in_week))


def test_an_empty_period_says_so(session, sample_curriculum):
    document = build_report(session, date(2024, 1, 1), date(2024, 1, 31))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "No Review Days were held between Monday 1 January 2024" in text
    assert _headings(document, 1) == HEADINGS_1


def test_loading_takes_the_same_queries_at_any_size(app, session, sample_curriculum):
    """No query per row: the loader's query count does not grow with the data."""
    statements = []

    def count(*_args):
        statements.append(1)

    build_review_period(session, sample_curriculum, weeks=1, proposals_per_day=6, seed=1)
    session.commit()
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        session.expire_all()
        load_report_data(session, JULY, AUGUST_END)
        small = len(statements)
        build_review_period(session, sample_curriculum, weeks=3, proposals_per_day=40,
                            start=date(2025, 7, 14), seed=2)
        session.commit()
        session.expire_all()
        statements.clear()
        data = load_report_data(session, JULY, AUGUST_END)
        assert len(statements) == small
        assert len(data.proposals) == 126
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
