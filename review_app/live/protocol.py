"""The edge every client event passes: exactly one payload, a bounded share of the database,
and an answer even when the database or Redis fails (docs/live-protocol.md).

Flask-SocketIO calls a handler with whatever arguments the client sent: an event with no
payload, or with two, raised TypeError before the schema saw it, and the client got no ack.
An event that waited for a database connection behind a hundred others (a crowd joining a
day with a large snapshot) raised the pool's TimeoutError after 30 s, unanswered, while
the page requests of every other day waited too. Here each event takes one of a few
`db_slots` (fewer than the pool holds, so pages always find a connection), waits at most
`db_wait` seconds for it (less than the browser's 8 s wait for an ack), and answers
`internal_error` with a `retry_after` rather than hang.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app

from ..extensions import db, socketio
from .errors import LiveError

log = logging.getLogger(__name__)
Ack = dict[str, Any]
BUSY_RETRY_AFTER = 2  # seconds


class DatabaseSlots:
    """How many socket events of this process may use the database at once."""

    def __init__(self, slots: int, wait: float) -> None:
        self._free = threading.BoundedSemaphore(slots)
        self.wait = wait

    @contextmanager
    def held(self) -> Iterator[None]:
        if not self._free.acquire(timeout=self.wait):
            # Nothing was done, so the client may send the same op_id again: it keeps the
            # change and does, after retry_after, as for rate_limited.
            raise LiveError("internal_error", "The server is busy, so nothing was changed. "
                            "Try again in a moment.", retry_after=BUSY_RETRY_AFTER)
        try:
            yield
        finally:
            self._free.release()


def discard_transaction() -> None:
    """Roll the session back after a failure; a connection that is gone may refuse even
    that (the pool replaces it at the next checkout), which must not stop the answer."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001
        log.exception("rollback after a failed live event failed too")
        db.session.close()  # a fresh transaction (and connection) for the look-up after


def live_event(name: str) -> Callable[[Callable[[Any], Ack]], Callable[..., Ack]]:
    """Register `handler(payload)` for a client event, behind the edge (module doc)."""
    def register(handler: Callable[[Any], Ack]) -> Callable[..., Ack]:
        @functools.wraps(handler)
        def receive(*args: Any) -> Ack:
            if len(args) != 1:
                return LiveError("invalid_payload", f"Send {name} with exactly one JSON "
                                 f"object (this had {len(args)} arguments).").ack()
            try:
                with current_app.extensions["review_db_slots"].held():
                    return handler(args[0])
            except LiveError as error:  # no slot free
                return error.ack()
            except Exception:  # noqa: BLE001  the database or Redis failed: still answer
                log.exception("live event %s failed", name)
                discard_transaction()
                return LiveError("internal_error").ack()

        socketio.on(name)(receive)
        return receive
    return register
