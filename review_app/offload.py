"""CPU-heavy work (laying out a large report, hashing a password) off the event loop.

Under gevent one greenlet that computes for seconds stalls every connected client, so the
work goes to the hub's pool of real threads; the GIL still switches every few milliseconds,
which keeps the loop serving. With threads (development) it simply runs here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .extensions import socketio

T = TypeVar("T")


def run_cpu_bound(function: Callable[..., T], *args: Any) -> T:
    if getattr(socketio, "async_mode", None) == "gevent":
        import gevent

        return gevent.get_hub().threadpool.apply(function, args)
    return function(*args)
