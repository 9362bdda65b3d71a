"""CPU-heavy work (building a Word document, hashing a password) off the event loop.

Under gevent one greenlet that computes for a second stalls every connected client: a live
participant's ack waits until it is done (issue 15: 8 anonymous curriculum downloads took a
participant's ack from 7 ms to 2.8 s median). So under `serve --production`:

- `run_in_worker` builds documents in worker processes (review_app/workers.py): pure
  Python work that, in a thread, would take the GIL from the event loop again and again;
- `run_cpu_bound` runs work that lets go of the GIL (scrypt, in OpenSSL) in a small pool
  of threads at a lower priority than the loop.

Either way the greenlet that asked waits without blocking the loop, and gives its database
connection back to the pool first: a hundred requests waiting for their work must not hold
every connection while a live change waits for one. So call them with nothing pending in
the session (the session itself stays usable; what it loaded stays readable). Without
gevent (development, tests) the work simply runs where it is asked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, has_app_context

from .extensions import db, socketio

T = TypeVar("T")
THREADS = 1
NICE = 10


def offloading() -> bool:
    """Whether the work goes elsewhere (only when serving with gevent)."""
    return getattr(socketio, "async_mode", None) == "gevent"


def _give_back_connection() -> None:
    if not has_app_context():
        return
    session = db.session()
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("offloaded work must not leave changes pending in the session")
    session.close()


def run_in_worker(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` inside an app context with a database session of its own: in a
    worker process under gevent, here otherwise. `function` is module-level and its
    arguments and result can be pickled."""
    if not offloading():
        return function(*args)
    from .workers import WorkerPool

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    pool = app.extensions.get("document_workers")
    if pool is None:
        pool = app.extensions["document_workers"] = WorkerPool(
            dict(app.config), app.config["WORKER_PROCESSES"],
            app.config["WORKER_TIMEOUT_SECONDS"])
    _give_back_connection()
    return pool.run(function, *args)


_threads: list = []


def _lowered(function: Callable[..., T], args: tuple) -> T:
    from gevent import monkey

    thread = monkey.get_original("_thread", "get_native_id")()
    if os.getpriority(os.PRIO_PROCESS, thread) < NICE:
        os.setpriority(os.PRIO_PROCESS, thread, NICE)  # Linux: a thread's own priority
    return function(*args)


def run_cpu_bound(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` in a pool thread under gevent, here otherwise. Only for work that
    releases the GIL (hashing): pure Python belongs in `run_in_worker`."""
    if not offloading():
        return function(*args)
    from gevent.threadpool import ThreadPool

    if not _threads:
        _threads.append(ThreadPool(THREADS))
    _give_back_connection()
    return _threads[0].apply(_lowered, (function, args))
