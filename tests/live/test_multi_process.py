"""Two server processes on two ports sharing PostgreSQL and Redis: clients on either see
every change from both, in one seq order without gaps or duplicates; clients of a killed
process move to the other and lose nothing."""

from __future__ import annotations

import os
import threading
import time
import uuid

import pytest
import sqlalchemy as sa

from ..conftest import TEST_DATABASE_URL
from ..liveclient import LiveClient
from ..livedata import SECRET, seed_live_day
from ..servers import AppServer, cli, process_database, server_env

REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not (TEST_DATABASE_URL.startswith("postgresql") and REDIS_URL),
                       reason="several processes need PostgreSQL and Redis "
                              "(TEST_DATABASE_URL, REDIS_URL); SQLite is one process"),
]


def _stored(url: str, review_day_id: int) -> list[tuple[int, str]]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT seq, op_id FROM live_event WHERE review_day_id = :d ORDER BY seq"),
            {"d": review_day_id}).all()
    engine.dispose()
    return [(r.seq, r.op_id) for r in rows]


def _burst(clients: list[LiveClient], count: int) -> None:
    """Every client sends `count` changes at once, all released by one barrier."""
    barrier = threading.Barrier(len(clients))

    def work(client: LiveClient, index: int) -> None:
        barrier.wait()
        for n in range(count):
            client.send("feedback", {"theme": "Structure", "text": f"{index}/{n}"})

    threads = [threading.Thread(target=work, args=(c, i)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)


def _log(client: LiveClient) -> list[tuple[int, str]]:
    return [(seq, client.log[seq]["op_id"]) for seq in sorted(client.log)]


def test_two_processes_share_every_review_day_change(tmp_path):
    with process_database(tmp_path) as url:
        env = server_env(url, tmp_path, SECRET_KEY=SECRET, REDIS_URL=REDIS_URL,
                         SOCKETIO_CHANNEL=f"test-{uuid.uuid4().hex[:8]}")
        cli(env, "init-db")
        cli(env, "load-samples")
        setup = seed_live_day(url, [("Sam", "FMLM"), ("Kim", "CMI"), ("Lee", "FNF"),
                                    ("Ash", "KPMG")])
        a = AppServer(env, production=True).start()
        b = AppServer(env, production=True).start()
        people = setup["stakeholders"]
        clients = [LiveClient((a if i % 2 == 0 else b).url, p["cookie"],
                              setup["review_day_id"]) for i, p in enumerate(people)]
        try:
            for client in clients:
                client.connect()
                client.join()
            _burst(clients, 15)  # both processes accept changes at the same moment
            for client in clients:
                client.join()  # anything still in flight on the queue
            stored = _stored(url, setup["review_day_id"])
            assert [s for s, _ in stored] == list(range(1, 61))
            for client in clients:
                assert _log(client) == stored
                assert len(client.broadcasts) == len(set(client.broadcasts)) == 60, \
                    "each change arrives once by broadcast, from either process"

            a.kill()  # the clients of process A move to process B
            moved = [c for i, c in enumerate(clients) if i % 2 == 0]
            for client in moved:
                client.send("feedback", {"theme": "Tone", "text": "sent while A is down"})
            assert all(len(c.outbox) == 1 for c in moved)
            for client in moved:
                client.switch_to(b.url)
                client.join()
                client.resend()
            _burst(clients, 5)
            for client in clients:
                client.join()
            stored = _stored(url, setup["review_day_id"])
            assert [s for s, _ in stored] == list(range(1, 83))
            acked = {op for c in clients for op in c.acked}
            assert acked == {op for _, op in stored}
            for client in clients:
                assert _log(client) == stored and not client.outbox
        finally:
            for client in clients:
                client.sio.disconnect()
            a.stop()
            b.stop()


def test_removal_and_rate_limits_hold_across_processes(tmp_path):
    """A participant with a tab on each process is sent away from both at once; and their
    changes draw on one bucket, not one per process."""
    with process_database(tmp_path) as url:
        env = server_env(url, tmp_path, SECRET_KEY=SECRET, REDIS_URL=REDIS_URL,
                         SOCKETIO_CHANNEL=f"test-{uuid.uuid4().hex[:8]}")
        cli(env, "init-db")
        cli(env, "load-samples")
        setup = seed_live_day(url, [("Troll", "FMLM"), ("Kim", "CMI")])
        day = setup["review_day_id"]
        a = AppServer(env, production=True).start()
        b = AppServer(env, production=True).start()
        troll, kim = setup["stakeholders"]
        heard: list[dict] = []
        tabs = [LiveClient(server.url, troll["cookie"], day) for server in (a, b)]
        kims = [LiveClient(server.url, kim["cookie"], day) for server in (a, b)]
        facilitator = LiveClient(a.url, setup["facilitator"]["cookie"], day)
        clients = [*tabs, *kims, facilitator]
        try:
            for tab in tabs:
                tab.sio.on("removed", heard.append)
            for client in clients:
                client.connect()
                client.join()
            answers = [kims[n % 2].sio.call("feedback", {
                "op_id": uuid.uuid4().hex, "review_day_id": day, "theme": "Tone",
                "text": f"Note {n}"}, timeout=10) for n in range(45)]
            refused = [a["error"] for a in answers if not a["ok"]]
            assert refused and {e["code"] for e in refused} == {"rate_limited"}
            assert len(answers) - len(refused) < 40  # one bucket of 30, not two

            ack = facilitator.sio.call("moderate", {
                "op_id": uuid.uuid4().hex, "review_day_id": day,
                "participant_id": troll["participant"], "action": "remove",
                "reason": "Disrupting the call."}, timeout=10)
            assert ack["ok"], ack
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and (
                    len(heard) < 2 or any(t.sio.connected for t in tabs)):
                time.sleep(0.05)
            assert len(heard) == 2 and "removed" in heard[0]["title"]
            assert not any(t.sio.connected for t in tabs)
            assert all(k.sio.connected for k in kims)
        finally:
            for client in clients:
                client.sio.disconnect()
            a.stop()
            b.stop()
