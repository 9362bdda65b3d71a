"""The public curriculum .docx is built once per version and revalidated by browsers."""

from __future__ import annotations

import io
import random
import threading
from datetime import date, datetime

import docx

from review_app.curriculum import published
from review_app.curriculum.published import DocumentCache, Version
from review_app.curriculum.sources import import_curriculum_file
from review_app.curriculum.store import curriculum_to_doc, save_curriculum
from review_app.implement.services import apply_change, change_for_decision
from review_app.models import Decision

from ..conftest import SAMPLE
from ..reports.factories import attend, make_proposal, make_review_day, make_stakeholders, make_user

URL = "/curricula/stage-1.docx"


def _count_builds(monkeypatch) -> list[int]:
    built: list[int] = []
    original = published.curriculum_docx_bytes

    def counting(*args):
        built.append(1)
        return original(*args)

    monkeypatch.setattr(published, "curriculum_docx_bytes", counting)
    return built


def _texts(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)


def test_repeated_downloads_build_the_document_once(client, sample_curriculum, monkeypatch):
    built = _count_builds(monkeypatch)
    first, second = client.get(URL), client.get(URL)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and len(built) == 1
    assert first.headers["ETag"] and first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Last-Modified"] and "no-cache" in first.headers["Cache-Control"]


def test_a_browser_holding_this_version_is_told_not_modified(app, client, sample_curriculum,
                                                             monkeypatch):
    etag = client.get(URL).headers["ETag"]
    app.extensions["curriculum_documents"] = DocumentCache()  # a restarted server
    built = _count_builds(monkeypatch)
    again = client.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and not built
    assert again.headers["ETag"] == etag
    other = client.get(URL, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and len(built) == 1


def test_a_new_import_is_a_new_document(client, session, sample_curriculum, monkeypatch):
    before = client.get(URL)
    doc = curriculum_to_doc(sample_curriculum)
    doc.competencies()[0].learning_outcomes[0] = "Apply a freshly imported outcome."
    assert save_curriculum(session, doc, "test").changed
    session.commit()
    built = _count_builds(monkeypatch)
    after = client.get(URL, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and len(built) == 1
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "Apply a freshly imported outcome." in _texts(after.data)
    assert "Apply a freshly imported outcome." not in _texts(before.data)


def test_an_implemented_change_is_a_new_document(client, session, sample_curriculum):
    before = client.get(URL)
    rng = random.Random(5)
    facilitator = make_user(session, "facilitator", "Fiona Facilitator")
    competency = sample_curriculum.competencies()[0]
    day = make_review_day(session, sample_curriculum, date(2025, 7, 7), facilitator,
                          [competency], rng)
    author = attend(session, day, make_stakeholders(session, 2, rng), facilitator)[0]
    proposal = make_proposal(session, day, author, competency, "replace", "language", rng,
                             "outcome")
    proposal.new_text, proposal.status = "Apply an implemented outcome.", "accepted"
    decision = Decision(proposal=proposal, outcome="accept", reason="Agreed.",
                        decided_by=facilitator)
    session.add(decision)
    session.flush()
    apply_change(session, change_for_decision(session, decision), facilitator)
    session.commit()
    after = client.get(URL)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "Apply an implemented outcome." in _texts(after.data)


def test_the_cache_keeps_one_document_per_stage_and_a_few_in_all():
    cache = DocumentCache(size=2)
    at = datetime(2025, 7, 7, 9)
    versions = [Version("stage-1", 1, at), Version("stage-1", 2, at),
                Version("stage-2", 1, at), Version("stage-3", 1, at)]
    for n, version in enumerate(versions):
        cache.get_or_build(version, lambda n=n: (b"doc %d" % n, True))
    assert cache.get(versions[0]) is None  # replaced by stage-1's version 2
    assert cache.get(versions[1]) is None  # the oldest of three, past the bound of two
    assert cache.get(versions[2]) == b"doc 2" and cache.get(versions[3]) == b"doc 3"
    cache.get_or_build(Version("stage-4", 1, at), lambda: (b"moved", False))
    assert cache.get(Version("stage-4", 1, at)) is None  # built from a newer version


def test_many_asking_at_once_wait_for_one_build():
    cache, builds = DocumentCache(), []
    version = Version("stage-1", 1, datetime(2025, 7, 7, 9))
    missed, all_missed, looked_up = set(), threading.Event(), cache.get

    def get(wanted):  # every asker has found nothing before the first build ends
        found = looked_up(wanted)
        if found is None:
            missed.add(threading.get_ident())
            if len(missed) == 4:
                all_missed.set()
        return found

    def build():
        builds.append(1)
        assert all_missed.wait(10)
        return b"document", True

    cache.get = get
    got: list[bytes] = []
    askers = [threading.Thread(target=lambda: got.append(cache.get_or_build(version, build)))
              for _ in range(4)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(10)
    assert got == [b"document"] * 4 and builds == [1]


def test_unknown_or_missing_stage_is_404(client, session):
    assert client.get("/curricula/stage-9.docx").status_code == 404
    assert client.get(URL).status_code == 404
    import_curriculum_file(session, SAMPLE)
    session.commit()
    assert client.get(URL).status_code == 200
