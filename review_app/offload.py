"""CPU-heavy work (building a Word document, hashing a password) off the event loop.

Under gevent one greenlet that computes for a second stalls every connected client: a live
participant's ack waits until it is done (issue 15: 8 anonymous curriculum downloads took a
participant's ack from 7 ms to 2.8 s median). So under `serve --production` the work goes
to the hub's pool of real threads, and the greenlet that asked waits without blocking the
loop; the GIL still switches every millisecond (gevent_psycopg.install), which keeps the
loop serving. With threads (development, tests) the work simply runs where it is asked.

Work in a pool thread has no app context and must not share the greenlet's database
session: load what it needs first and pass plain data, or wrap the function with
`in_app_context`, which gives it a context and a session of its own and removes them after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app

from .extensions import db, socketio

T = TypeVar("T")


def offloading() -> bool:
    """Whether run_cpu_bound hands work to another thread (only under gevent)."""
    return getattr(socketio, "async_mode", None) == "gevent"


def run_cpu_bound(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)`, in gevent's thread pool when serving with gevent."""
    if offloading():
        import gevent

        return gevent.get_hub().threadpool.apply(function, args)
    return function(*args)


def in_app_context(function: Callable[..., T]) -> Callable[..., T]:
    """`function` run inside an app context of the current app, with a database session of
    its own that is removed (its connection back in the pool) when it returns. Without
    gevent the work runs in the caller's own context, so it is returned as it is."""
    if not offloading():
        return function
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def run(*args: Any) -> T:
        with app.app_context():
            try:
                return function(*args)
            finally:
                db.session.remove()

    return run
