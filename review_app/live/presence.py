"""Who is connected to each Review Day right now (ephemeral, never stored in the log).

One process keeps it in memory. Several processes behind a load balancer share it in Redis:
each socket is a field of the Review Day's hash with a timestamp that its process renews,
so the sockets of a process that died drop out after STALE_AFTER seconds.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Any

STALE_AFTER = 90


def _sorted(people: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(people.values(), key=lambda w: (not w["staff"], w["name"].casefold()))


class Presence:
    """Sockets per Review Day in this process; one person may have several tabs open."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: dict[str, tuple[int, dict[str, Any]]] = {}

    def enter(self, review_day_id: int, sid: str, who: dict[str, Any]) -> None:
        with self._lock:
            self._sockets[sid] = (review_day_id, who)

    def leave(self, sid: str) -> list[int]:
        """Forget a socket; return the Review Days it was in."""
        with self._lock:
            found = self._sockets.pop(sid, None)
        return [found[0]] if found else []

    def present(self, review_day_id: int) -> list[dict[str, Any]]:
        with self._lock:
            return _sorted({w["id"]: w for d, w in self._sockets.values() if d == review_day_id})

    def local_sockets(self, review_day_id: int) -> int:
        """How many of the Review Day's sockets this process holds."""
        with self._lock:
            return sum(1 for d, _ in self._sockets.values() if d == review_day_id)

    def renew(self) -> None:
        """Nothing to renew in memory."""


class RedisPresence(Presence):
    def __init__(self, url: str) -> None:
        import redis

        super().__init__()
        self.redis = redis.Redis.from_url(url)
        self.prefix = f"review-day:presence:{os.environ.get('SOCKETIO_CHANNEL', 'review-day')}"

    def _key(self, review_day_id: int) -> str:
        return f"{self.prefix}:{review_day_id}"

    def enter(self, review_day_id: int, sid: str, who: dict[str, Any]) -> None:
        super().enter(review_day_id, sid, who)
        self.redis.hset(self._key(review_day_id), sid, json.dumps({**who, "t": time.time()}))

    def leave(self, sid: str) -> list[int]:
        days = super().leave(sid)
        for day in days:
            self.redis.hdel(self._key(day), sid)
        return days

    def present(self, review_day_id: int) -> list[dict[str, Any]]:
        fresh = time.time() - STALE_AFTER
        people: dict[int, dict[str, Any]] = {}
        for raw in self.redis.hgetall(self._key(review_day_id)).values():
            who = json.loads(raw)
            if who.pop("t") >= fresh:
                people[who["id"]] = who
        return _sorted(people)

    def renew(self) -> None:
        with self._lock:
            sockets = dict(self._sockets)
        for sid, (day, who) in sockets.items():
            self.redis.hset(self._key(day), sid, json.dumps({**who, "t": time.time()}))


def make_presence(redis_url: str | None) -> Presence:
    return RedisPresence(redis_url) if redis_url else Presence()
