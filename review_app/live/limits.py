"""How much one participant (or one address) may do: token buckets, and the caps of the live
Review Day (docs/live-protocol.md, "Limits").

A bucket holds up to `burst` tokens and gains `per_second` of them every second; each
event takes one, and an event that finds none is refused with the seconds until the next.
One process keeps its buckets in memory. Several processes share them in Redis: one
EVALSHA of a small script per event (the bucket is two fields of a hash that expires once
full), so a participant whose tabs reach two processes has one bucket, not two.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

from flask import current_app

from .queue import fail_fast

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rate:
    per_second: float
    burst: int


DEFAULTS: dict[str, Any] = {
    # propose, withdraw, comment, vote, feedback: 30 at once, then one a second
    "change": Rate(1.0, 30),
    # the typing indicator (the browser sends one at most every 2 s)
    "typing": Rate(1.0, 5),
    # join (and re-join after a gap): 10 a minute
    "join": Rate(10 / 60, 10),
    # POSTs of the open join link from one address: 10 a minute
    "open_link": Rate(10 / 60, 10),
    "max_open_proposals": 50,  # per participant
    "max_sockets": 5,  # per participant (tabs and devices)
    "snapshot_newest": 1000,  # proposals, and feedback, in a join's snapshot
    "db_slots": 10,  # socket events using the database at once, per process
    "db_wait": 5.0,  # seconds a socket event waits for one before answering internal_error
}


class MemoryBuckets:
    PRUNE_AT = 10_000  # keys; a bucket idle for IDLE seconds is full again and is dropped
    IDLE = 600

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str, rate: Rate) -> float:
        now = time.monotonic()
        with self._lock:
            tokens, at = self._buckets.get(key, (rate.burst, now))
            tokens = min(rate.burst, tokens + (now - at) * rate.per_second)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / rate.per_second
            self._buckets[key] = (tokens - 1 if wait == 0 else tokens, now)
            if len(self._buckets) > self.PRUNE_AT:
                self._buckets = {k: v for k, v in self._buckets.items()
                                 if now - v[1] < self.IDLE}
        return wait


# Redis's own clock (TIME), so that processes on several machines agree.
TAKE = """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local held = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(held[1]) or burst
local at = tonumber(held[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens),
           'at', string.format('%.6f', now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return string.format('%.6f', wait)
"""


class RedisBuckets:
    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url, **fail_fast())
        self.script = self.redis.register_script(TAKE)
        self.prefix = f"review-day:limits:{os.environ.get('SOCKETIO_CHANNEL', 'review-day')}"

    def take(self, key: str, rate: Rate) -> float:
        try:
            return float(self.script(keys=[f"{self.prefix}:{key}"],
                                     args=[rate.per_second, rate.burst]))
        except Exception:  # noqa: BLE001  (Redis down: the room goes on without limits)
            log.exception("rate limit check failed; allowing the event")
            return 0.0


class Limits:
    """The limits of one app: DEFAULTS, with the app's LIVE_LIMITS over them."""

    def __init__(self, overrides: dict[str, Any] | None, redis_url: str | None) -> None:
        # From the environment a rate comes as [per second, burst] (config.py, JSON).
        given = {k: Rate(*v) if isinstance(v, list | tuple) else v
                 for k, v in (overrides or {}).items()}
        self.settings = {**DEFAULTS, **given}
        self.buckets = RedisBuckets(redis_url) if redis_url else MemoryBuckets()

    def __getitem__(self, name: str) -> Any:
        return self.settings[name]

    def retry_after(self, kind: str, key: Any) -> int | None:
        """Take a token of `kind` for `key`: None if there was one, else the whole seconds
        until there is."""
        wait = self.buckets.take(f"{kind}:{key}", self.settings[kind])
        return None if wait <= 0 else max(1, math.ceil(wait))


def limits() -> Limits:
    return current_app.extensions["review_limits"]
