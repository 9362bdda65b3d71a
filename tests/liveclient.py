"""A participant's raw Socket.IO client that behaves like the browser does."""

from __future__ import annotations

import threading
import time
import uuid

import socketio


class LiveClient:
    """A participant's client that behaves like the browser: outbox, acks, replay by seq."""

    def __init__(self, url: str, cookie: str, review_day_id: int) -> None:
        self.url, self.cookie, self.day = url, cookie, review_day_id
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2,
                                   reconnection_delay_max=0.5)
        self.log: dict[int, dict] = {}
        self.outbox: list[tuple[str, dict]] = []
        self.acked: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.broadcasts: list[int] = []  # seqs in the order the `change` events arrived
        self.sio.on("change", self._broadcast)

    def _broadcast(self, change: dict) -> None:
        with self.lock:
            self.broadcasts.append(change["seq"])
        self._change(change)

    def _change(self, change: dict) -> None:
        with self.lock:
            self.log[change["seq"]] = change

    def last_seq(self) -> int:
        with self.lock:
            seq = 0
            while seq + 1 in self.log:
                seq += 1
            return seq

    def switch_to(self, url: str) -> None:
        """Reconnect to another server process, keeping the log and the outbox."""
        try:
            self.sio.disconnect()
        except socketio.exceptions.SocketIOError:
            pass
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2,
                                   reconnection_delay_max=0.5)
        self.sio.on("change", self._broadcast)
        self.url = url
        self.connect()

    def connect(self) -> None:
        self.sio.connect(self.url, headers={"Cookie": self.cookie}, transports=["websocket"],
                         wait_timeout=10)

    def join(self) -> dict:
        ack = self.sio.call("join", {"review_day_id": self.day, "last_seq": self.last_seq()},
                            timeout=10)
        assert ack["ok"], ack
        for change in ack.get("changes", []):
            self._change(change)
        return ack

    def send(self, event: str, payload: dict) -> None:
        op = (event, {**payload, "op_id": uuid.uuid4().hex, "review_day_id": self.day})
        self.outbox.append(op)
        self._deliver(op)

    def _deliver(self, op: tuple[str, dict]) -> bool:
        event, payload = op
        try:
            ack = self.sio.call(event, payload, timeout=3)
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError,
                socketio.exceptions.SocketIOError):
            return False  # kept in the outbox, like the browser's localStorage
        assert ack["ok"], ack
        self.acked[payload["op_id"]] = ack
        self._change(ack["change"])
        self.outbox.remove(op)
        return True

    def resend(self) -> None:
        for op in list(self.outbox):
            assert self._deliver(op), "a re-sent change was not acknowledged"


def wait_connected(client: LiveClient, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not client.sio.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.sio.connected, "the client did not reconnect"
