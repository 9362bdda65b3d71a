"""A real server process, several python-socketio clients, and a SIGKILL in the middle:
every acknowledged change is stored once and every client converges on the same log."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from ..liveclient import LiveClient, wait_connected
from ..livedata import SECRET, seed_live_day
from ..servers import AppServer, cli, process_database, server_env

pytestmark = pytest.mark.server


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
                wait_connected(client)
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
