"""How long after Redis, or PostgreSQL, comes back until the live room is whole again.

    python -m benchmarks --only recovery                 # 3 s and 30 s outages
    python -m benchmarks --only recovery --outages 3

Two `serve --production` processes (A and B) on a scratch database reached through a TCP
proxy (tests/faults.py), a private redis-server, two Chromium pages on each process (the
real live.js) and a scripted stakeholder on A sending about 3 changes a second.

- **Redis**: killed (SIGKILL) while the stakeholder keeps sending on A, so the changes acked
  during the outage are broadcast to A's pages only. The stakeholder stops just before
  Redis starts again (a quiet room: nothing arriving on B shows a gap). Figures from the
  moment redis-server answers again: `resubscribed_s`, when both processes' subscriptions
  are back (the `resync` each sends its own clients once Redis confirms it, seen by a raw
  client on each); `level_s`, when every page has applied every change stored by then;
  `broadcast_ms`, a change sent on A afterwards until a client on B receives it.
- **PostgreSQL**: every connection cut and new ones refused (as `-m immediate`) while the
  stakeholder and one page on each process have a change waiting; `level_s` from the
  restore until every change is stored and every page has applied all of them (the
  browser sends again with back-off: 1 s doubling to 30 s).
"""

from __future__ import annotations

import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import socketio
import sqlalchemy as sa

from tests.faults import FaultyProxy, PrivateRedis

from .common import Server, scratch_database, server_env
from .seed import prepare_database, seed_live_day

PAGES_PER_PROCESS = 2
LEVEL = """(seq) => window.reviewDay.state.seq >= seq && window.reviewDay.held() === 0
  && window.reviewDay.outbox().length === 0"""


class Client:
    """A raw Socket.IO participant: sends feedback (again with the same op_id after an
    internal_error), and notes when `resync` and `change` events arrive."""

    def __init__(self, url: str, cookie: str, day: int) -> None:
        self.day = day
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2)
        self.resyncs: list[float] = []
        self.changes: dict[str, float] = {}  # op_id -> when it arrived
        self.sio.on("resync", lambda _msg: self.resyncs.append(time.monotonic()))
        self.sio.on("change", lambda c: self.changes.setdefault(c["op_id"], time.monotonic()))
        self.sio.connect(url, headers={"Cookie": cookie}, transports=["websocket"])
        assert self.sio.call("join", {"review_day_id": day, "last_seq": 0}, timeout=30)["ok"]

    def feedback(self, text: str, op_id: str | None = None) -> str:
        op_id = op_id or uuid.uuid4().hex
        while True:
            try:
                ack = self.sio.call("feedback", {"review_day_id": self.day, "op_id": op_id,
                                                 "theme": "Pitch", "text": text}, timeout=10)
            except socketio.exceptions.TimeoutError:
                continue
            if ack["ok"]:
                return op_id
            time.sleep(ack["error"].get("retry_after") or 0.25)


def _stream(client: Client, stop: threading.Event, tag: str) -> threading.Thread:
    def run() -> None:
        n = 0
        while not stop.is_set():
            client.feedback(f"{tag} {n}.")
            n += 1
            time.sleep(0.3)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _newest_seq(url: str, day: int) -> int:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        seq = connection.execute(sa.text("SELECT last_seq FROM review_day WHERE id = :d"),
                                 {"d": day}).scalar_one()
    engine.dispose()
    return seq


def _until_level(pages: list, seq: int, since: float, limit: float = 120) -> float:
    for page in pages:
        page.wait_for_function(LEVEL, arg=seq, timeout=limit * 1000, polling=50)
    return round(time.monotonic() - since, 2)


def _redis_outage(room: dict[str, Any], seconds: float) -> dict[str, Any]:
    sender, watch_a, watch_b = room["sender"], room["watch_a"], room["watch_b"]
    stop = threading.Event()
    thread = _stream(sender, stop, f"redis-{seconds}")
    time.sleep(1)
    room["redis"].stop()
    time.sleep(seconds)
    stop.set()
    thread.join(60)
    room["redis"].start()  # returns once it accepts connections
    back = time.monotonic()
    stored = _newest_seq(room["url"], room["day"])
    level = _until_level(room["pages"], stored, back)
    heard = [next((t for t in w.resyncs if t >= back), None) for w in (watch_a, watch_b)]
    sent = time.monotonic()
    op_id = sender.feedback("after the Redis outage")
    while op_id not in watch_b.changes and time.monotonic() - sent < 30:
        time.sleep(0.005)
    return {"fault": "redis", "outage_s": seconds, "changes_during": stored - room["seq"],
            "resubscribed_s": (round(max(heard) - back, 2) if None not in heard else None),
            "level_s": level,
            "broadcast_ms": round((watch_b.changes.get(op_id, sent + 30) - sent) * 1000, 1)}


def _pg_outage(room: dict[str, Any], seconds: float) -> dict[str, Any]:
    proxy, sender = room["proxy"], room["sender"]
    proxy.cut()
    for page in room["pages"][::PAGES_PER_PROCESS]:  # one page on each process
        page.evaluate("window.reviewDay.send('feedback', {theme: 'Pitch', text: 'Offline.'})")
    waiting = threading.Thread(target=sender.feedback, args=(f"pg-{seconds}",), daemon=True)
    waiting.start()
    time.sleep(seconds)
    proxy.restore()
    back = time.monotonic()
    waiting.join(120)
    for page in room["pages"]:
        page.wait_for_function("() => window.reviewDay.outbox().length === 0",
                               timeout=120000, polling=50)
    stored = _newest_seq(room["url"], room["day"])
    return {"fault": "postgresql", "outage_s": seconds, "changes_during": stored - room["seq"],
            "level_s": _until_level(room["pages"], stored, back)}


def run_recovery(outages: list[float]) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    rows = []
    with (scratch_database("recovery") as url, sync_playwright() as playwright,
          tempfile.TemporaryDirectory(prefix="recovery-") as folder):
        prepare_database(url)
        seeded = seed_live_day(url, 2 * PAGES_PER_PROCESS + 3)
        day, people = seeded["review_day_id"], seeded["stakeholders"]
        workdir = Path(folder)
        redis, pg = PrivateRedis(workdir).start(), sa.make_url(url)
        proxy = FaultyProxy((pg.host or "127.0.0.1", pg.port or 5432))
        env = server_env(proxy.url(url), workdir, REDIS_URL=redis.url)
        servers = [Server.app(env).start() for _ in "ab"]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            pages = []
            for i, person in enumerate(people[:2 * PAGES_PER_PROCESS]):
                server = servers[i // PAGES_PER_PROCESS]
                context = browser.new_context()
                context.add_cookies([{"name": "session", "url": server.url,
                                      "value": person["cookie"].removeprefix("session=")}])
                page = context.new_page()
                page.goto(f"{server.url}/live/{day}")
                page.wait_for_function("() => window.reviewDay.state.joined")
                pages.append(page)
            a, b = servers
            room = {"url": url, "day": day, "pages": pages, "redis": redis, "proxy": proxy,
                    "sender": Client(a.url, people[-3]["cookie"], day),
                    "watch_a": Client(a.url, people[-2]["cookie"], day),
                    "watch_b": Client(b.url, people[-1]["cookie"], day)}
            for fault in (_redis_outage, _pg_outage):
                for seconds in outages:
                    room["seq"] = _newest_seq(url, day)
                    rows.append(fault(room, seconds))
                    print(rows[-1], flush=True)
                    time.sleep(2)
        finally:
            browser.close()
            for server in servers:
                server.stop()
            proxy.close()
            redis.stop()
    return rows
