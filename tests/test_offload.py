"""Word documents are built off the event loop when serving with gevent (issue 15, finding 2).

`serve --production` sets Flask-SocketIO's async mode to gevent; here `offloading` is made
to say so, and gevent's real thread pool runs the work. Spies around the builders record
the thread each ran in, whether it had an app context, and which database session it saw.
"""

from __future__ import annotations

import io
import threading

import docx
import pytest
from flask import has_app_context

from review_app import offload
from review_app.curriculum import published
from review_app.extensions import db
from review_app.reports import routes as report_routes

from .factories import sign_in
from .reports.factories import make_user


@pytest.fixture
def gevent_mode(monkeypatch):
    monkeypatch.setattr(offload, "offloading", lambda: True)


def _spy(monkeypatch, module, name: str) -> list[dict]:
    """Replace module.name by a wrapper that records where it ran, then calls it."""
    calls: list[dict] = []
    original = getattr(module, name)

    def spy(*args, **kwargs):
        calls.append({"thread": threading.get_ident(), "app_context": has_app_context(),
                      "session": db.session() if has_app_context() else None})
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


@pytest.fixture
def lead(client, session, sample_curriculum):
    user = make_user(session, "programme_lead", "Pat Lead")
    session.commit()
    sign_in(client, user)
    return user


def test_run_cpu_bound_runs_in_another_thread_only_under_gevent(gevent_mode, monkeypatch):
    assert offload.run_cpu_bound(threading.get_ident) != threading.get_ident()
    with pytest.raises(ZeroDivisionError):  # the caller sees the worker's exception
        offload.run_cpu_bound(lambda: 1 / 0)
    monkeypatch.setattr(offload, "offloading", lambda: False)
    assert offload.run_cpu_bound(threading.get_ident) == threading.get_ident()


def test_in_app_context_gives_the_thread_its_own_session(app, gevent_mode):
    mine = db.session()
    seen = offload.run_cpu_bound(offload.in_app_context(
        lambda: (has_app_context(), db.session(), threading.get_ident())))
    assert seen[0] is True and seen[1] is not mine and seen[2] != threading.get_ident()
    assert db.session() is mine


def test_curriculum_docx_is_built_in_a_pool_thread(client, sample_curriculum, gevent_mode,
                                                   monkeypatch):
    calls = _spy(monkeypatch, published, "curriculum_docx_bytes")
    response = client.get("/curricula/stage-1.docx")
    assert response.status_code == 200
    assert len(docx.Document(io.BytesIO(response.data)).tables) == 27
    assert [c["thread"] != threading.get_ident() for c in calls] == [True]


def test_tracked_download_loads_and_builds_in_a_pool_thread_with_its_own_session(
        client, lead, gevent_mode, monkeypatch):
    calls = _spy(monkeypatch, report_routes, "tracked_documents")
    response = client.get("/reports/curriculum-tracked.docx?stage=stage-1&since=2025-07-01")
    assert response.status_code == 200
    assert len(docx.Document(io.BytesIO(response.data)).tables) == 27
    [call] = calls
    assert call["thread"] != threading.get_ident() and call["app_context"]
    assert call["session"] is not db.session()
    missing = client.get("/reports/curriculum-tracked.docx?stage=stage-4&since=2025-07-01")
    assert missing.status_code == 404  # the worker's LookupError reaches the route


def test_report_download_loads_and_builds_in_a_pool_thread(client, lead, gevent_mode,
                                                           monkeypatch):
    loads = _spy(monkeypatch, report_routes, "load_report_data")
    renders = _spy(monkeypatch, report_routes, "render_report")
    response = client.get("/reports/review-day-report.docx?from=2025-07-07&to=2025-07-13")
    assert response.status_code == 200
    assert docx.Document(io.BytesIO(response.data)).paragraphs
    for call in loads + renders:
        assert call["thread"] != threading.get_ident() and call["app_context"]
    assert len(loads) == len(renders) == 1
