"""Word documents and password hashes are computed off the event loop under gevent (issue 15,
finding 2).

`serve --production` sets Flask-SocketIO's async mode to gevent; here `offloading` is made
to say so, and the real machinery runs: gevent's thread pool, and worker processes
(`python -m review_app.worker`) on the test's own database (a file for SQLite).
"""

from __future__ import annotations

import io
import os
import threading
import time

import docx
import pytest
import sqlalchemy as sa

from review_app import offload
from review_app.curriculum.sources import import_curriculum_file
from review_app.extensions import db
from review_app.models import Curriculum
from review_app.workers import WorkerTimedOut

from .conftest import SAMPLE, app_with_tables
from .factories import sign_in
from .reports.factories import make_user


@pytest.fixture
def gevent_mode(monkeypatch):
    monkeypatch.setattr(offload, "offloading", lambda: True)


@pytest.fixture
def worker_app(database_config, tmp_path, gevent_mode):
    """An app whose database a worker process can open too, with the Stage 1 sample and a
    programme lead; its workers are stopped afterwards."""
    config = dict(database_config)
    if config["SQLALCHEMY_DATABASE_URI"] == "sqlite://":
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    with app_with_tables(config, tmp_path) as app:
        import_curriculum_file(db.session, SAMPLE)
        app.lead = make_user(db.session, "programme_lead", "Pat Lead")
        db.session.commit()
        try:
            yield app
        finally:
            if "document_workers" in app.extensions:
                app.extensions["document_workers"].stop()


def _worker_pid(app) -> int:
    return app.extensions["document_workers"]._free.peek().pid


def test_run_cpu_bound_runs_in_another_thread_only_under_gevent(app, gevent_mode,
                                                               monkeypatch):
    assert offload.run_cpu_bound(threading.get_ident) != threading.get_ident()
    with pytest.raises(ZeroDivisionError):  # the caller sees the worker's exception
        offload.run_cpu_bound(lambda: 1 / 0)
    monkeypatch.setattr(offload, "offloading", lambda: False)
    assert offload.run_cpu_bound(threading.get_ident) == threading.get_ident()


def test_waiting_gives_the_database_connection_back_and_refuses_pending_changes(
        app, session, sample_curriculum, gevent_mode):
    session.execute(sa.select(Curriculum.id))
    assert session().in_transaction()
    offload.run_cpu_bound(int, "1")
    assert not session().in_transaction()  # its connection went back to the pool
    sample_curriculum.title = "Changed but not flushed"
    session.add(sample_curriculum)
    with pytest.raises(RuntimeError, match="pending"):
        offload.run_cpu_bound(int, "1")


def test_run_in_worker_runs_in_a_worker_process(worker_app):
    assert offload.run_in_worker(os.getpid) != os.getpid()
    first = _worker_pid(worker_app)
    with pytest.raises(ValueError):  # a job's exception is raised again here
        offload.run_in_worker(int, "not a number")
    assert offload.run_in_worker(os.getpid) == first  # and the worker is kept


def test_a_worker_that_dies_or_hangs_is_replaced(worker_app):
    offload.run_in_worker(os.getpid)
    first = _worker_pid(worker_app)
    os.kill(first, 9)
    assert offload.run_in_worker(os.getpid) not in (first, os.getpid())
    worker_app.extensions["document_workers"].timeout = 2  # WORKER_TIMEOUT_SECONDS
    with pytest.raises(WorkerTimedOut):
        offload.run_in_worker(time.sleep, 30)
    assert offload.run_in_worker(os.getpid) != os.getpid()


def test_each_word_download_is_built_in_a_worker(worker_app):
    client = worker_app.test_client()
    sign_in(client, worker_app.lead)
    for url in ("/curricula/stage-1.docx",
                "/reports/curriculum-tracked.docx?stage=stage-1&since=2025-07-01",
                "/reports/review-day-report.docx?from=2025-07-07&to=2025-07-13"):
        response = client.get(url)
        assert response.status_code == 200, url
        document = docx.Document(io.BytesIO(response.data))
        assert document.paragraphs, url
    assert _worker_pid(worker_app) != os.getpid()
    missing = client.get("/reports/curriculum-tracked.docx?stage=stage-4&since=2025-07-01")
    # The worker's LookupError reaches the route: the Reports page says so on the field.
    assert missing.status_code == 400
    assert "That curriculum has not been imported yet" in missing.get_data(as_text=True)


def test_the_worker_reads_what_the_server_committed(worker_app):
    client = worker_app.test_client()
    first = client.get("/curricula/stage-1.docx")
    db.session.execute(sa.update(Curriculum).values(title="Stage 1, renamed"))
    db.session.commit()
    worker_app.extensions["curriculum_documents"].__init__()  # forget the built copy
    again = client.get("/curricula/stage-1.docx")
    titles = [p.text for p in docx.Document(io.BytesIO(again.data)).paragraphs[:1]]
    assert first.status_code == again.status_code == 200 and titles == ["Stage 1, renamed"]


def _dictionary_kept_after_a_report() -> bool | None:
    """In the worker: whether the report's `release_speller` leaves the dictionary loaded
    (None when it is not installed)."""
    from review_app.quality import spelling

    first = spelling.speller()
    if first is None:
        return None
    spelling.release_speller()
    return spelling.speller() is first


def test_a_worker_keeps_the_spelling_dictionary_between_reports(worker_app):
    """Reading the en-GB dictionary again cost every report 2.3 s of the worker's CPU."""
    kept = offload.run_in_worker(_dictionary_kept_after_a_report)
    if kept is None:
        pytest.skip("hunspell-en-gb is not installed")
    assert kept is True


def _scheduling() -> tuple[int, int]:
    return os.sched_getscheduler(0), os.getpriority(os.PRIO_PROCESS, 0)


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling classes")
@pytest.mark.parametrize("scheduling", ["idle", "nice"])
def test_a_worker_gives_way_to_the_server(worker_app, scheduling):
    """A document build must not hold a core a live request is waking up for: under
    SCHED_IDLE ("idle", production's default) the kernel preempts it at once."""
    worker_app.config["WORKER_SCHEDULING"] = scheduling  # read when the worker starts
    policy, nice = offload.run_in_worker(_scheduling)
    assert policy == (os.SCHED_IDLE if scheduling == "idle" else os.SCHED_OTHER)
    assert nice >= 10
