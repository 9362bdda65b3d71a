"""The report's figures are the true ones: days held (not planned), people counted once,
the facilitation team apart from stakeholder organisations, the change log in decision
order with decision dates, the stage named wherever stages can mix; and the package is
sound (settings in schema order, core properties, text XML cannot hold)."""

import io
import zipfile
from datetime import date, datetime, time, timedelta

import docx
import sqlalchemy as sa
from docx.oxml.ns import qn
from lxml import etree

from review_app.curriculum.word_package import SETTINGS_ORDER
from review_app.extensions import db
from review_app.models import Comment, Decision, Participant, ReviewDay
from review_app.reports.builder import build_report, report_bytes
from review_app.reports.loading import load_report_data

JULY, AUGUST_END = date(2025, 7, 1), date(2025, 8, 31)


def _table(document, heading):
    for table in document.tables:
        for row in table.rows[:2]:
            if row.cells[0].text == heading:
                return table
    raise AssertionError(heading)


def test_a_day_never_opened_is_not_held(session, period):
    week = period.weeks[0]
    session.add(ReviewDay(week=week, curriculum=period.curriculum, title="Never opened",
                          date=week.starts_on + timedelta(days=2), starts_at=time(10),
                          ends_at=time(11), status="ready"))
    session.commit()
    data = load_report_data(session, JULY, AUGUST_END)
    assert len(data.days) == 4 and [t for _, t in data.not_held] == ["Never opened"]
    document = build_report(session, JULY, AUGUST_END)
    figures = {r.cells[0].text: r.cells[1].text for r in _table(document, "Key figure").rows}
    assert figures["Review Days held"] == "4"
    assert "Planned but not held" in "\n".join(p.text for p in document.paragraphs)


def test_a_person_joining_twice_counts_once_and_staff_stand_apart(session, period):
    day = period.days[0]
    stakeholders = [p for p in session.scalars(sa.select(Participant).where(
        Participant.review_day_id == day.id, Participant.user_id.is_(None)))]
    first = stakeholders[0]
    for _ in range(2):  # the same person by the open link, twice (two browsers)
        session.add(Participant(review_day_id=day.id, name="Olu  Open", via="open-link",
                                organisation_id=first.organisation_id))
    session.commit()
    data = load_report_data(session, JULY, AUGUST_END)
    held = data.days[0]
    assert len(held.attendees) == len(stakeholders) + 1
    assert held.team == [period.facilitator.name]
    assert "Facilitation team" not in {a.organisation for d in data.days for a in d.attendees}


def test_the_change_log_is_in_decision_order_with_decision_dates(session, period):
    decisions = list(session.scalars(sa.select(Decision).order_by(Decision.id)))
    # the first accepted proposal decided last, weeks later
    late = next(d for d in decisions if d.outcome in ("accept", "accept_amended"))
    late.decided_at = datetime(2025, 8, 20, 15)
    session.commit()
    document = build_report(session, JULY, AUGUST_END)
    log = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:2] ==
               ["Ref", "Decided"])
    rows = [[c.text for c in r.cells] for r in log.rows[1:]]
    assert rows[-1][0] == f"P{late.proposal_id}" and rows[-1][1] == "20 Aug 2025"
    data = load_report_data(session, JULY, AUGUST_END)
    order = [p.decided_at for p, _ in data.changes]
    assert order == sorted(order)


def test_tables_that_can_span_stages_name_the_stage(session, period):
    document = build_report(session, JULY, AUGUST_END)
    log = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:2] ==
               ["Ref", "Decided"])
    assert all(r.cells[2].text.startswith("Stage 1 · ") for r in log.rows[1:])
    in_depth = [t for t in document.tables if len(t.rows) > 1
                and t.rows[1].cells[0].text == "Ref and item"]
    assert in_depth and all(t.rows[0].cells[0].text.startswith("Stage 1 · ") for t in in_depth)
    headers = {s.header.paragraphs[0].text for s in document.sections}
    assert "Review Day report · In-depth feedback · Stage 1" in headers


def test_links_lead_to_each_competency_section(session, period):
    document = build_report(session, JULY, AUGUST_END)
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))}
    competency_links = {a for a in anchors if a.startswith("competency_")}
    assert competency_links and anchors <= bookmarks


def test_settings_in_schema_order_and_core_properties(session, period, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(report_bytes(build_report(session, JULY, AUGUST_END,
                                               exported_by="Peter Lead")))
    settings = etree.fromstring(zipfile.ZipFile(path).read("word/settings.xml"))
    known = [child.tag.rsplit("}", 1)[1] for child in settings
             if child.tag.rsplit("}", 1)[1] in SETTINGS_ORDER]
    ranks = [SETTINGS_ORDER.index(name) for name in known]
    assert ranks == sorted(ranks) and "updateFields" in known
    properties = docx.Document(str(path)).core_properties
    assert properties.author == "Peter Lead" and properties.title.startswith("Review Day report")
    assert properties.created.date() == date.today() and properties.comments == ""
    assert properties.language == "en-GB"


def test_control_characters_never_stop_the_report(session, period):
    comment = session.scalars(sa.select(Comment)).first()
    comment.text = "Pasted\x0bfrom Word\x01 with a \x1f stray"
    session.commit()
    data = report_bytes(build_report(session, JULY, AUGUST_END))
    assert b"Pasted from Word with a  stray" in zipfile.ZipFile(
        io.BytesIO(data)).read("word/document.xml")


def test_one_day_reads_as_one_date(session, period):
    day = period.days[0].date
    document = build_report(db.session, day, day)
    assert document.paragraphs[1].text.endswith(f". Tuesday {day.day} July 2025")


def test_hidden_proposals_are_not_in_the_report(session, period):
    hidden = period.proposals[0]
    hidden.hidden_at = datetime(2025, 7, 8, 12)
    session.commit()
    data = load_report_data(session, JULY, AUGUST_END)
    assert hidden.id not in {p.id for p in data.proposals}
    assert len(data.proposals) == len(period.proposals) - 1
