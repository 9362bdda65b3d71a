"""Issue 17: the live day survives its infrastructure. These tests stop and start a private
`redis-server` (and make the database fail) under the real code, with no mocks."""

from __future__ import annotations

import json
import logging
import threading
import time
from types import SimpleNamespace

import pytest
import redis

from review_app.live.background import renew_presence
from review_app.live.presence import RedisPresence

from ..servers import PrivateRedis

WHO = {"id": 7, "name": "Sam Stakeholder", "staff": False, "organisation": "FMLM"}


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path).start()
    yield server
    server.stop()


def _wait_for(condition, seconds=20.0) -> bool:
    """Poll until `condition()` holds (a wait for an event, not a timed assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _renewed_since(server: PrivateRedis, presence: RedisPresence, moment: float) -> bool:
    try:
        raw = redis.Redis.from_url(server.url).hget(f"{presence.prefix}:1", "sid-1")
    except redis.ConnectionError:
        return False
    return raw is not None and float(json.loads(raw)["t"]) > moment


def test_presence_renewal_survives_a_redis_outage_and_resumes(private_redis, caplog):
    presence = RedisPresence(private_redis.url)
    presence.enter(1, "sid-1", WHO)
    stop = threading.Event()
    app = SimpleNamespace(extensions={"review_presence": presence})
    loop = threading.Thread(target=renew_presence, args=(app, 0.05, stop, time.sleep), daemon=True)
    caplog.set_level(logging.ERROR, logger="review_app.live.background")
    loop.start()
    try:
        assert _wait_for(lambda: _renewed_since(private_redis, presence, 0))
        private_redis.stop()  # everything Redis held is gone, as in a crash
        assert _wait_for(lambda: any("presence renewal failed" in r.getMessage()
                                     for r in caplog.records))
        private_redis.start()
        back = time.time()
        # Renewal carried on: this process's socket is in the shared list again.
        assert _wait_for(lambda: _renewed_since(private_redis, presence, back))
        assert loop.is_alive()
        assert presence.present(1) == [WHO]
    finally:
        stop.set()
        loop.join(5)
