"""A real server process, several python-socketio clients, and a SIGKILL in the middle:
every acknowledged change is stored once and every client converges on the same log."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import socketio
import sqlalchemy as sa

from ..livedata import SECRET, seed_live_day
from ..servers import AppServer, cli, process_database, server_env

pytestmark = pytest.mark.server


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
        self.sio.on("change", self._change)

    def _change(self, change: dict) -> None:
        with self.lock:
            self.log[change["seq"]] = change

    def last_seq(self) -> int:
        with self.lock:
            seq = 0
            while seq + 1 in self.log:
                seq += 1
            return seq

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


def _wait_connected(client: LiveClient, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not client.sio.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.sio.connected, "the client did not reconnect"


def test_sigkill_in_the_middle_loses_nothing_and_duplicates_nothing(tmp_path):
    with process_database(tmp_path) as url:
        env = server_env(url, tmp_path, SECRET_KEY=SECRET)
        cli(env, "init-db")
        cli(env, "load-samples")
        setup = seed_live_day(url, [("Sam", "FMLM"), ("Kim", "CMI"), ("Lee", "FNF")])
        server = AppServer(env).start()
        try:
            people = [setup["facilitator"], *setup["stakeholders"]]
            clients = [LiveClient(server.url, p["cookie"], setup["review_day_id"])
                       for p in people]
            for client in clients:
                client.connect()
                client.join()
            stop = threading.Event()

            def work(client: LiveClient, index: int) -> None:
                n = 0
                while not stop.is_set() and n < 40:
                    client.send("feedback", {"theme": "Tone", "text": f"{index}-{n}"})
                    n += 1

            threads = [threading.Thread(target=work, args=(c, i)) for i, c in
                       enumerate(clients)]
            for thread in threads:
                thread.start()
            time.sleep(0.6)
            server.kill()  # SIGKILL while the clients are sending
            time.sleep(0.5)
            stop.set()
            for thread in threads:
                thread.join(30)
            unsent = sum(len(c.outbox) for c in clients)
            server = AppServer(env, port=server.port).start()
            for client in clients:
                _wait_connected(client)
                client.join()
                client.resend()
            for client in clients:
                client.join()  # catch up with what the others re-sent
        finally:
            server.stop()
            for client in clients:
                client.sio.disconnect()

        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT seq, op_id FROM live_event WHERE review_day_id = :d ORDER BY seq"),
                {"d": setup["review_day_id"]}).all()
            feedback = connection.execute(sa.text("SELECT count(*) FROM feedback")).scalar()
        engine.dispose()
        seqs, op_ids = [r.seq for r in rows], [r.op_id for r in rows]
        assert seqs == list(range(1, len(rows) + 1))  # no gaps
        assert len(set(op_ids)) == len(op_ids) == feedback  # nothing stored twice
        acked = {op for c in clients for op in c.acked}
        assert acked == set(op_ids)  # every acknowledged change is there, and only those
        assert all(not c.outbox for c in clients)
        logs = [[(s, c.log[s]["op_id"]) for s in sorted(c.log)] for c in clients]
        assert all(log == list(zip(seqs, op_ids, strict=True)) for log in logs)
        assert unsent > 0  # the kill happened mid-stream: some changes had to wait
