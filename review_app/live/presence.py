"""Who is connected to each Review Day right now (ephemeral, never stored in the log), and
which sockets each participant holds (the cap on sockets per participant, and removing
someone from the day at once on every socket).

One process keeps it in memory. Several processes behind a load balancer share it in Redis:
each socket is a field of the Review Day's hash, and a member of its participant's sorted
set, with a timestamp that its process renews, so the sockets of a process that died drop
out after STALE_AFTER seconds.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Any

from .queue import fail_fast

STALE_AFTER = 90


def _sorted(people: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(people.values(), key=lambda w: (not w["staff"], w["name"].casefold()))


class Presence:
    """Sockets per Review Day in this process; one person may have several tabs open."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: dict[str, tuple[int, dict[str, Any]]] = {}

    def enter(self, review_day_id: int, sid: str, who: dict[str, Any]) -> int:
        """Note the socket; return how many sockets its participant holds now."""
        with self._lock:
            self._sockets[sid] = (review_day_id, who)
            return sum(1 for _, w in self._sockets.values() if w["id"] == who["id"])

    def leave(self, sid: str) -> list[int]:
        """Forget a socket; return the Review Days it was in."""
        with self._lock:
            found = self._sockets.pop(sid, None)
        return [found[0]] if found else []

    def present(self, review_day_id: int) -> list[dict[str, Any]]:
        with self._lock:
            return _sorted({w["id"]: w for d, w in self._sockets.values() if d == review_day_id})

    def sockets_of(self, participant_id: int) -> list[str]:
        """Every socket the participant holds (in every process)."""
        with self._lock:
            return [sid for sid, (_, w) in self._sockets.items() if w["id"] == participant_id]

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
        self.redis = redis.Redis.from_url(url, **fail_fast())
        self.prefix = f"review-day:presence:{os.environ.get('SOCKETIO_CHANNEL', 'review-day')}"

    def _key(self, review_day_id: int) -> str:
        return f"{self.prefix}:{review_day_id}"

    def _held(self, participant_id: int) -> str:
        return f"{self.prefix}:sockets:{participant_id}"

    def enter(self, review_day_id: int, sid: str, who: dict[str, Any]) -> int:
        super().enter(review_day_id, sid, who)
        now, held = time.time(), self._held(who["id"])
        pipe = self.redis.pipeline(transaction=False)  # one round trip, as before
        pipe.hset(self._key(review_day_id), sid, json.dumps({**who, "t": now}))
        pipe.zadd(held, {sid: now})
        pipe.zremrangebyscore(held, 0, now - STALE_AFTER)
        pipe.zcard(held)
        pipe.expire(held, STALE_AFTER * 2)
        return pipe.execute()[3]

    def leave(self, sid: str) -> list[int]:
        with self._lock:
            found = self._sockets.get(sid)
        days = super().leave(sid)
        if found is not None:
            pipe = self.redis.pipeline(transaction=False)
            pipe.hdel(self._key(found[0]), sid)
            pipe.zrem(self._held(found[1]["id"]), sid)
            pipe.execute()
        return days

    def present(self, review_day_id: int) -> list[dict[str, Any]]:
        fresh = time.time() - STALE_AFTER
        people: dict[int, dict[str, Any]] = {}
        for raw in self.redis.hgetall(self._key(review_day_id)).values():
            who = json.loads(raw)
            if who.pop("t") >= fresh:
                people[who["id"]] = who
        return _sorted(people)

    def sockets_of(self, participant_id: int) -> list[str]:
        return [sid.decode() for sid in self.redis.zrangebyscore(
            self._held(participant_id), time.time() - STALE_AFTER, "+inf")]

    def renew(self) -> None:
        with self._lock:
            sockets = dict(self._sockets)
        now = time.time()
        pipe = self.redis.pipeline(transaction=False)
        for sid, (day, who) in sockets.items():
            pipe.hset(self._key(day), sid, json.dumps({**who, "t": now}))
            pipe.zadd(self._held(who["id"]), {sid: now})
            pipe.expire(self._held(who["id"]), STALE_AFTER * 2)
        pipe.execute()


def make_presence(redis_url: str | None) -> Presence:
    return RedisPresence(redis_url) if redis_url else Presence()
