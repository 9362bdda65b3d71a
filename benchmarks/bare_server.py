"""The floor of the stack: a bare python-socketio server on gevent's pywsgi (the same
server, WebSocket library and Socket.IO code the app runs on under `serve --production`),
with the app's event names. Each change is acked and broadcast to one room, and nothing
else: no database, no validation, no session.

    python -m benchmarks.bare_server PORT
"""

from gevent import monkey

monkey.patch_all()

import itertools  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

import socketio  # noqa: E402
from gevent import pywsgi  # noqa: E402

ROOM = "review-day"
sio = socketio.Server(async_mode="gevent")
seq = itertools.count(1)


@sio.on("join")
def join(sid, payload):
    """Sent by clients to enter the room."""
    sio.enter_room(sid, ROOM)
    return {"ok": True, "seq": 0, "changes": []}


def change_handler(event: str):
    def handler(sid, payload):
        """Sent by clients with a change: ack it and broadcast it to the room."""
        op_id = payload.pop("op_id")
        change = {"seq": next(seq), "type": event, "data": payload, "op_id": op_id,
                  "actor": {"id": 1, "name": "Bench", "organisation": "FMLM"},
                  "at": datetime.now(UTC).isoformat(timespec="milliseconds")}
        sio.emit("change", change, to=ROOM)
        return {"ok": True, "seq": change["seq"], "op_id": op_id, "change": change}
    return handler


for name in ("propose", "comment", "vote"):
    sio.on(name, change_handler(name))


def health(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


class NoDelayHandler(pywsgi.WSGIHandler):
    """The same TCP_NODELAY as the app's production server (review_app/live/serving.py)."""

    def __init__(self, sock, address, server, rfile=None):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().__init__(sock, address, server, rfile)


if __name__ == "__main__":
    app = socketio.WSGIApp(sio, health)
    nodelay = "--nagle" not in sys.argv
    pywsgi.WSGIServer(("127.0.0.1", int(sys.argv[1])), app, log=None,
                      handler_class=NoDelayHandler if nodelay else pywsgi.WSGIHandler
                      ).serve_forever()
