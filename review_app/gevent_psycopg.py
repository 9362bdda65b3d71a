"""psycopg under gevent, resumed as soon as PostgreSQL answers.

Under gevent's monkey-patching psycopg waits for each answer with `select.select`, which
gevent implements with an Event: when the socket becomes readable the waiting greenlet is
queued behind every callback already due. During a broadcast to 500 people those are the
500 writers of the sockets, so each round trip of a live change could wait for a whole
broadcast to go out: storing a change took 37 ms at p90 (6.6 ms at p50) at N = 500
(benchmarks/README.md). Here the hub switches to the greenlet straight from its I/O poll,
which it runs between batches of callbacks however long the queue: 28 ms at p90, and 21 ms
with the shorter switch interval below.
"""

from __future__ import annotations

import sys
from collections.abc import Generator
from time import monotonic
from typing import Any

import gevent
import psycopg.errors
import psycopg.waiting
from gevent.hub import Waiter, get_hub


def wait_on_hub(gen: Generator[int, int, Any], fileno: int, interval: float | None = 0.0,
                timeout: float | None = None) -> Any:
    """psycopg's `waiting.wait`: run `gen`, waiting for what it asks (1 read, 2 write, 3
    either: the same bits as libev's) on the hub. `interval` only wakes psycopg's own
    waits to notice a closed socket; the hub's watcher sees one anyway."""
    hub = get_hub()
    deadline = None if timeout is None else monotonic() + timeout
    try:
        wanted = next(gen)
        while True:
            watcher = hub.loop.io(fileno, wanted)
            waiter = Waiter(hub)
            watcher.start(waiter.switch, pass_events=True)
            try:
                if deadline is None:
                    ready = waiter.get()
                else:
                    expired = psycopg.errors._WaitTimeout("wait timeout expired")
                    with gevent.Timeout(max(0.0, deadline - monotonic()), expired):
                        ready = waiter.get()
            finally:
                watcher.stop()
                watcher.close()
            wanted = gen.send(ready & 3)
    except StopIteration as done:
        return done.value


def install() -> None:
    """Make every psycopg connection of this process wait on the hub, and the hub look for
    answers every millisecond (the switch interval, default 5 ms) while it runs a long queue
    of callbacks: a change's round trips then wait 21 ms at p90 instead of 28."""
    psycopg.waiting.wait = wait_on_hub
    sys.setswitchinterval(0.001)
