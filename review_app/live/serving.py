"""How `serve --production` accepts connections: gevent's pywsgi, with TCP_NODELAY.

Without it, Nagle's algorithm holds back a small write while an earlier one on the same
connection is unacknowledged, and the client delays its TCP ACK by up to 40 ms. A change's
ack is written right after the sender's own copy of the broadcast, so every ack waited
about 40 ms (benchmarks/README.md: ack p50 44 ms with Nagle, 7 ms without, on the bare
server alike); broadcasts arriving close together waited the same way.
"""

from __future__ import annotations

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
