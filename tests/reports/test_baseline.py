"""The common path, all on one date: a curriculum imported, a Review Day prepared (its
baseline frozen), proposals decided, two changes implemented, then the tracked export. The
revisions must be exactly the implemented changes, by their implementers, and rejecting
them all must give the baseline (an import is never a change)."""

import random
import zipfile
from datetime import date, time

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from review_app.curriculum.store import curriculum_to_doc, load_curriculum
from review_app.curriculum.word_import import read_word_curriculum
from review_app.curriculum.word_package import SETTINGS_ORDER
from review_app.implement.edits import ordered
from review_app.implement.services import apply_change
from review_app.models import ReviewDay, ReviewWeek
from review_app.prep.agenda import add_agenda_item
from review_app.prep.status import mark_ready, open_day

from .factories import attend, decide, make_proposal, make_stakeholders, make_user
from .office import needs_soffice, resolve

TODAY = date.today()


@pytest.fixture
def same_day(session, sample_curriculum):
    """Import, prepare, hold and implement on today's date; the curriculum before and after."""
    rng = random.Random(3)
    baseline = curriculum_to_doc(sample_curriculum)
    facilitator = make_user(session, "facilitator", "Fiona Facilitator")
    implementer = make_user(session, "programme_lead", "Ian Implementer")
    week = ReviewWeek(starts_on=TODAY)
    competency = sample_curriculum.competencies()[0]
    day = ReviewDay(week=week, curriculum=sample_curriculum, facilitator=facilitator,
                    title="Stage 1", date=TODAY, starts_at=time(10), ends_at=time(12))
    session.add(day)
    session.flush()
    add_agenda_item(session, facilitator, day, competency.id, None, 20, "Is it right?")
    mark_ready(session, facilitator, day)
    open_day(session, facilitator, day)
    people = attend(session, day, make_stakeholders(session, 3, rng), facilitator)
    outcomes = ordered(competency, "outcome")
    reword = make_proposal(session, day, people[0], competency, "replace", "language", rng,
                           item=outcomes[0])
    remove = make_proposal(session, day, people[1], competency, "delete", "content", rng,
                           item=outcomes[-1])
    rejected = make_proposal(session, day, people[2], competency, "replace", "language", rng,
                             item=outcomes[1])
    session.flush()
    changes = [decide(session, p, "accept", facilitator, rng, p.created_at)
               for p in (reword, remove)]
    decide(session, rejected, "reject", facilitator, rng, rejected.created_at)
    for change in changes:
        apply_change(session, change, implementer)
    session.commit()
    return day, baseline, curriculum_to_doc(load_curriculum(session, "stage-1")), reword


def _export(runner, tmp_path, *args):
    out = tmp_path / "tracked.docx"
    result = runner.invoke(args=["export-curriculum", "--stage", "stage-1", "--out", str(out),
                                 "--exported-by", "Peter Lead", *args])
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.mark.parametrize("how", ["date", "review day"])
def test_revisions_are_exactly_the_implemented_changes(runner, same_day, tmp_path, how):
    day, baseline, after, reword = same_day
    args = (["--tracked-since", TODAY.isoformat()] if how == "date"
            else ["--tracked-since-review-day", str(day.id)])
    out, output = _export(runner, tmp_path, *args)
    assert "with the 2 changes implemented since" in output
    body = docx.Document(str(out)).element.body
    inserted = ["".join(t.text for t in m.iter(qn("w:t"))) for m in body.iter(qn("w:ins"))]
    deleted = ["".join(t.text for t in m.iter(qn("w:delText")))
               for m in body.iter(qn("w:del"))]
    # The reworded outcome's words and the removed outcome: nothing else.
    assert "".join(inserted).strip() and len(inserted) < 10
    assert any(reword.base_text not in d and d for d in deleted)
    removed = baseline.focus_areas[0].groups[0].competencies[0].learning_outcomes[-1]
    assert removed in deleted
    marks = list(body.iter(qn("w:ins"), qn("w:del")))
    assert {m.get(qn("w:author")) for m in marks} == {"Ian Implementer"}
    assert {m.get(qn("w:date"))[:10] for m in marks} == {TODAY.isoformat()}
    accepted = resolve(out, tmp_path / "accepted.docx", accept=True)
    rejected = resolve(out, tmp_path / "rejected.docx", accept=False)
    assert read_word_curriculum(accepted) == after
    assert read_word_curriculum(rejected) == baseline


def test_a_reimport_after_the_baseline_is_not_a_change(runner, session, same_day, tmp_path):
    from review_app.curriculum.sources import import_curriculum_file
    from tests.conftest import SAMPLE

    import_curriculum_file(session, SAMPLE)  # the same text again: nothing new
    session.commit()
    out, output = _export(runner, tmp_path, "--tracked-since", TODAY.isoformat())
    assert "with the 2 changes implemented since" in output


def test_properties_name_the_programme_and_who_exported(runner, same_day, tmp_path):
    out, _ = _export(runner, tmp_path, "--tracked-since", TODAY.isoformat())
    properties = docx.Document(str(out)).core_properties
    assert properties.author == properties.last_modified_by == "Peter Lead"
    assert "NHS Management and Leadership Framework" in properties.subject
    assert properties.created.date() == properties.modified.date() == date.today()
    assert "python-docx" not in (properties.comments or "")
    settings = etree.fromstring(zipfile.ZipFile(out).read("word/settings.xml"))
    known = [c.tag.rsplit("}", 1)[1] for c in settings]
    ranks = [SETTINGS_ORDER.index(n) for n in known if n in SETTINGS_ORDER]
    assert ranks == sorted(ranks) and "trackRevisions" in known


@needs_soffice
def test_libreoffice_accepts_to_today_and_rejects_to_the_baseline(runner, same_day, tmp_path,
                                                                  office):
    day, baseline, after, _ = same_day
    out, _ = _export(runner, tmp_path, "--tracked-since-review-day", str(day.id))
    accepted = office.all_changes(out, tmp_path / "lo-accepted.docx", "Accept")
    rejected = office.all_changes(out, tmp_path / "lo-rejected.docx", "Reject")
    assert read_word_curriculum(accepted) == after
    assert read_word_curriculum(rejected) == baseline


def test_a_control_character_in_stored_text_never_stops_the_export(runner, session, same_day,
                                                                   tmp_path):
    _, _, _, reword = same_day
    item = reword.item
    item.text = item.text + "\x01 pasted\x0bfrom Word\x1f"  # stored before input was checked
    item.revisions[-1].text = item.text
    session.commit()
    out, output = _export(runner, tmp_path, "--tracked-since", TODAY.isoformat())
    text = "".join(t.text or "" for t in docx.Document(str(out)).element.body.iter(qn("w:t")))
    assert "pasted from Word" in text and "\x01" not in text
    plain = runner.invoke(args=["export-curriculum", "--stage", "stage-1", "--out",
                                str(tmp_path / "plain.docx")])
    assert plain.exit_code == 0, plain.output
