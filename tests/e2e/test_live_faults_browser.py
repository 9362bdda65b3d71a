"""Issue 17: the live room survives its infrastructure. Two `serve --production` processes
on PostgreSQL and a private Redis, Chromium pages on each, and scripted stakeholders on
each sending changes while Redis is restarted, or PostgreSQL is cut off and then frozen
(through a proxy of the test's own: the shared server is never touched).

After each fault, with no reload and no server restart: every acked change is stored once,
every page equals the database, presence is right again, and every event was answered."""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import requests
import socketio
import sqlalchemy as sa

from ..conftest import TEST_DATABASE_URL
from ..liveclient import LiveClient
from ..livedata import SECRET, seed_live_day
from ..servers import AppServer, FaultyProxy, PrivateRedis, cli, process_database, server_env
from .test_live_browser import _ready

pytestmark = [
    pytest.mark.e2e, pytest.mark.server,
    pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                       reason="two server processes need PostgreSQL (TEST_DATABASE_URL); "
                              "SQLite is one process"),
    pytest.mark.skipif(shutil.which("redis-server") is None,
                       reason="the Redis faults need redis-server on PATH"),
]
FREEZE = 9  # seconds: longer than the browser waits for an ack (8 s)
PEOPLE = [("Sam", "FMLM"), ("Kim", "CMI"), ("Lee", "FNF"), ("Ash", "KPMG"), ("Bo", "NHSE")]
LEVEL = """([seq, count]) => {
  const r = window.reviewDay;
  return r.state.seq === seq && r.state.feedback.size === count && r.held() === 0
    && r.outbox().length === 0
    && document.querySelector('[data-connection-text]').textContent === 'All changes saved';
}"""


class Sender(threading.Thread):
    """A scripted stakeholder sending feedback about every `every` seconds, as the browser
    would: a change answered internal_error is sent again with the same op_id."""

    def __init__(self, client: LiveClient, name: str, every: float = 0.3) -> None:
        super().__init__(daemon=True)
        self.client, self.name, self.every = client, name, every
        self.halt = threading.Event()
        self.acked: dict[str, int] = {}  # op_id -> seq
        self.texts: list[str] = []
        self.unanswered = 0
        self.refused: list[dict] = []
        self.internal_errors = 0

    def run(self) -> None:
        n = 0
        while not self.halt.is_set():
            self.deliver(f"{self.name} {n}.")
            n += 1
            time.sleep(self.every)

    def deliver(self, text: str) -> None:
        payload = {"theme": "Pitch", "text": text, "op_id": uuid.uuid4().hex,
                   "review_day_id": self.client.day}
        self.texts.append(text)
        while True:
            try:
                ack = self.client.sio.call("feedback", payload, timeout=FREEZE + 10)
            except socketio.exceptions.TimeoutError:
                self.unanswered += 1
                continue
            if ack["ok"]:
                self.acked[payload["op_id"]] = ack["seq"]
                return
            if ack["error"]["code"] == "internal_error":
                self.internal_errors += 1
                time.sleep(0.25)
            elif ack["error"]["code"] == "rate_limited":
                time.sleep(ack["error"]["retry_after"])
            else:
                self.refused.append(ack)
                return


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Iterator[dict]:
    """Two production processes on one new database, reached through a FaultyProxy, and a
    private Redis; a live day with PEOPLE, a page of Sam's on A and of Kim's on B, and the
    clients of Lee (on A) and Ash (on B), who send. Shared by the tests of this module (the
    set-up is most of their time); each checks the whole day against the database."""
    from playwright.sync_api import sync_playwright

    from .conftest import CHROMIUM, CHROMIUM_ARGS

    tmp_path = tmp_path_factory.mktemp("faults")
    redis = PrivateRedis(tmp_path).start()
    with process_database(tmp_path) as url, sync_playwright() as playwright:
        env = server_env(url, tmp_path, SECRET_KEY=SECRET, REDIS_URL=redis.url,
                         SOCKETIO_CHANNEL=f"faults-{uuid.uuid4().hex[:8]}")
        cli(env, "init-db")
        cli(env, "load-samples")
        setup = seed_live_day(url, PEOPLE)
        day = setup["review_day_id"]
        pg = sa.make_url(url)
        proxy = FaultyProxy((pg.host or "127.0.0.1", pg.port or 5432))
        a, b = (AppServer({**env, "DATABASE_URL": proxy.url(url)}, production=True).start()
                for _ in "ab")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        people = setup["stakeholders"]
        try:
            pages = []
            for person, server in ((people[0], a), (people[1], b)):
                context = browser.new_context()
                context.add_cookies([{"name": "session", "url": server.url,
                                      "value": person["cookie"].removeprefix("session=")}])
                page = context.new_page()
                page.goto(f"{server.url}/live/{day}")
                pages.append(_ready(page))
            clients = []
            for person, server in ((people[2], a), (people[3], b)):
                client = LiveClient(server.url, person["cookie"], day)
                client.connect()
                client.join()
                clients.append((client, person["name"]))
            yield {"url": url, "day": day, "a": a, "b": b, "pages": pages, "redis": redis,
                   "clients": clients, "proxy": proxy, "people": people}
        finally:
            for name, server in (("A", a), ("B", b)):
                print(f"--- server {name} ---", server.output()[-20000:], sep="\n")
                server.kill()  # nothing to shut down cleanly, and much faster
            browser.close()
            proxy.close()
            redis.stop()


def _senders(room: dict) -> list[Sender]:
    tag = uuid.uuid4().hex[:6]  # this test's texts, told apart from the other's
    senders = [Sender(client, f"{name} {tag}") for client, name in room["clients"]]
    for sender in senders:
        sender.start()
    return senders


def _stored(url: str, day: int) -> tuple[list[tuple[int, str]], list[str]]:
    """The day's log (seq, op_id) and its feedback texts, straight from the database."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        log = connection.execute(sa.text("SELECT seq, op_id FROM live_event WHERE "
                                         "review_day_id = :d ORDER BY seq"), {"d": day}).all()
        texts = connection.execute(sa.text("SELECT text FROM feedback WHERE "
                                           "review_day_id = :d"), {"d": day}).scalars().all()
    engine.dispose()
    return [tuple(row) for row in log], list(texts)


def _stop(senders: list[Sender]) -> None:
    for sender in senders:
        sender.halt.set()
    for sender in senders:
        sender.join(60)
        assert not sender.is_alive(), f"{sender.name} is still waiting for an answer"


def _check_level(room: dict, senders: list[Sender], others: list[str]) -> int:
    """No acked change lost or duplicated; every page equal to the database. `others`:
    texts sent from the pages. Returns the day's newest seq."""
    log, texts = _stored(room["url"], room["day"])
    assert [seq for seq, _ in log] == list(range(1, len(log) + 1))
    stored = {op_id: seq for seq, op_id in log}
    for sender in senders:
        assert sender.unanswered == 0, f"{sender.name}: events went unanswered"
        assert sender.refused == []
        assert {op: stored.get(op) for op in sender.acked} == sender.acked  # none lost
        # Each text it sent stored exactly once: none duplicated, none missing.
        assert sorted(t for t in texts if t.startswith(sender.name)) == sorted(sender.texts)
    for text in others:
        assert texts.count(text) == 1
    for page in room["pages"]:
        page.wait_for_function(LEVEL, arg=[len(log), len(texts)], timeout=15000)
        shown = page.evaluate("[...window.reviewDay.state.feedback.values()].map(f => f.text)")
        assert sorted(shown) == sorted(texts)
    return len(log)


def _present(page) -> int:
    return page.evaluate("window.reviewDay.state.present.length")


def _health(server: AppServer) -> int:
    return requests.get(server.url + "/healthz", timeout=10).status_code


def test_a_redis_restart_mid_stream(room):
    sam, kim = room["pages"]
    redis = room["redis"]
    lee, ash = senders = _senders(room)
    time.sleep(1.5)
    # During the outage only Lee, on A, sends, and the room goes quiet before Redis returns:
    # nothing arriving on B shows a gap, so only the resync can bring Lee's changes (and
    # Sam's) to Kim's page there.
    _stop([ash])
    redis.stop()  # SIGKILL: pub/sub gone, and "Who is here" with it
    time.sleep(0.5)
    sam.evaluate("window.reviewDay.send('feedback', {theme: 'Pitch', text: 'Sam, no Redis.'})")
    typing = lee.client.sio.call("typing", {"review_day_id": room["day"]}, timeout=10)
    late = LiveClient(room["b"].url, room["people"][4]["cookie"], room["day"])
    late.connect()
    joined = late.sio.call("join", {"review_day_id": room["day"], "last_seq": 0}, timeout=10)
    assert typing == {"ok": True}
    assert joined["error"]["code"] == "internal_error"  # answered, not hung
    assert _health(room["a"]) == 503
    assert requests.get(room["b"].url + "/healthz", timeout=10).json()["subscription"] == "lost"
    time.sleep(2)
    _stop([lee])
    redis.start()
    seq = _check_level(room, senders, ["Sam, no Redis."])
    assert sum(len(s.acked) for s in senders) > 10
    # Broadcasts flow between the processes again (the next seq: no gap to resync by).
    lee.deliver(f"{lee.name} after.")
    kim.wait_for_function("(s) => window.reviewDay.state.seq === s", arg=seq + 1)
    # The restarted Redis had lost "Who is here"; each process put its own people back, so
    # someone joining now is announced with all five, on both pages.
    late.join()
    for page in (sam, kim):
        page.wait_for_function("() => window.reviewDay.state.present.length === 5")
    assert _health(room["a"]) == _health(room["b"]) == 200
    assert requests.get(room["a"].url + "/healthz", timeout=10).json()["subscription"] == "ok"
    late.sio.disconnect()


def test_a_postgresql_outage_and_freeze_mid_stream(room):
    sam, kim = room["pages"]
    proxy = room["proxy"]
    senders = _senders(room)
    time.sleep(1.5)
    proxy.cut()  # as PostgreSQL stopped with -m immediate: every connection dropped
    kim.evaluate("window.reviewDay.send('feedback', {theme: 'Pitch', text: 'Kim, no database.'})")
    assert _health(room["b"]) == 503
    time.sleep(3)
    proxy.restore()
    time.sleep(1.5)
    proxy.freeze()  # as PostgreSQL frozen: connections open, nothing answered
    sam.evaluate("window.reviewDay.send('feedback', {theme: 'Pitch', text: 'Sam, frozen.'})")
    time.sleep(FREEZE)  # past the browser's 8 s wait for an ack: it sends again by itself
    proxy.restore()
    time.sleep(1)
    _stop(senders)
    assert sum(s.internal_errors for s in senders) > 0  # the outage was met
    _check_level(room, senders, ["Kim, no database.", "Sam, frozen."])
    for page in (sam, kim):
        page.wait_for_function("() => window.reviewDay.state.present.length === 4")
    assert _health(room["a"]) == _health(room["b"]) == 200
