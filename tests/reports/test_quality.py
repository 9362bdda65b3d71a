"""The report's "Curriculum quality before and after", read back from the .docx."""

import random
from datetime import date, datetime

import docx

from review_app.models import ItemRevision
from review_app.quality import spelling
from review_app.reports.builder import build_report, report_bytes

from .factories import make_review_day, make_user

DAY = date(2025, 7, 8)


def _quality_table(document, stage_title):
    heading = f"Table: {stage_title}, quality at"
    captions = [p.text for p in document.paragraphs if p.text.startswith(heading)]
    assert captions, "no quality table"
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Measure")
    return {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}


def test_before_and_after_counts_an_implemented_fix(session, sample_curriculum, tmp_path):
    lead = make_user(session, "lead")
    day = make_review_day(session, sample_curriculum, date(2025, 7, 7), lead,
                          sample_curriculum.competencies()[:2], random.Random(1))
    day.opened_at = day.baseline_frozen_at = datetime(2025, 7, 8, 9)
    comp = sample_curriculum.competencies()[0]
    # After the baseline: "programs" put right, and an outcome made vague.
    activity = comp.live_items("instructor_activity")[2]
    outcome = comp.live_items("outcome")[0]
    for item, text in ((activity, activity.text.replace("programs", "programmes")),
                       (outcome, "Understand " + outcome.text)):
        item.version += 1
        item.text = text
        item.revisions.append(ItemRevision(version=item.version, text=text, title=item.title,
                                           changed_at=datetime(2025, 7, 9, 10),
                                           source="P1", author=lead.name))
    session.commit()
    path = tmp_path / "report.docx"
    path.write_bytes(report_bytes(build_report(session, DAY, DAY)))
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Curriculum quality before and after" in headings
    assert sample_curriculum.title in headings
    rows = _quality_table(document, sample_curriculum.title)
    outcomes = sum(len(c.live_items("outcome")) for c in sample_curriculum.competencies())
    assert rows["Outcomes opening with a measurable verb"] == [
        f"{outcomes} of {outcomes} (100%)", f"{outcomes - 1} of {outcomes} (99%)", "-1"]
    if spelling.speller() is not None:
        assert rows["American spellings"] == ["1", "0", "-1"]
    assert rows["Near-duplicate items"][2] == "no change"
    caption = next(p.text for p in document.paragraphs if "quality at" in p.text)
    assert "the baseline frozen for the Review Day on Tuesday 8 July 2025" in caption


def test_an_empty_period_has_no_quality_table(session, sample_curriculum):
    document = build_report(session, date(2024, 1, 1), date(2024, 1, 31))
    text = [p.text for p in document.paragraphs]
    assert "No curriculum was reviewed in the period." in text
