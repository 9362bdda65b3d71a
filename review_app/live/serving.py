"""How `serve` runs: gevent's pywsgi with TCP_NODELAY in production, and a garbage collector
that does not stop a busy call.

Without it, Nagle's algorithm holds back a small write while an earlier one on the same
connection is unacknowledged, and the client delays its TCP ACK by up to 40 ms. A change's
ack is written right after the sender's own copy of the broadcast, so every ack waited
about 40 ms (benchmarks/README.md: ack p50 44 ms with Nagle, 7 ms without, on the bare
server alike); broadcasts arriving close together waited the same way.
"""

from __future__ import annotations

import gc
import socket

from gevent import pywsgi


class NoDelayHandler(pywsgi.WSGIHandler):
    """pywsgi's handler, with Nagle's algorithm off on each accepted connection."""

    def __init__(self, sock, address, server, rfile=None):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not TCP (a Unix socket): nothing to turn off
            pass
        super().__init__(sock, address, server, rfile)


def settle_memory() -> None:
    """Take what start-up built (about 180,000 objects: the modules, the app, SQLAlchemy's
    mappers) out of the garbage collector's sight. Every full collection walked them all and
    stopped the whole process for 80-170 ms, which every participant saw as a frozen call
    (benchmarks/README.md)."""
    gc.collect()
    gc.freeze()
    # Each open socket keeps a few hundred objects, so a busy call still triggers full
    # collections of 50-100 ms: allow one per 1,000 young collections, not per 100 (at 500
    # participants, one per 40 s of load at most instead of one every 4 s).
    gc.set_threshold(700, 10, 100)
