"""Sign-in throttling: so many wrong passwords in a moving window, per account and per
address, and then no more tries until the oldest of them leaves the window.

A throttled attempt is refused before its password is checked, so guessing costs the
server nothing either. The failures are kept where every server process sees them: in
Redis when REDIS_URL is set, else in the database (`SignInFailure`). Keys are digests of
"account:<email>" and "address:<ip>", so nothing an attacker typed is stored.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from ..models import SignInFailure
from ..models.curriculum import utcnow


class FailureStore(Protocol):
    def recent(self, keys: list[str], since: datetime) -> dict[str, list[datetime]]:
        """The failures under each key at or after `since`, oldest first: in one round trip
        (every wrong sign-in asks, and a flood of them runs on the server's event loop)."""

    def add(self, keys: list[str], at: datetime, window: timedelta) -> None: ...

    def clear(self, key: str) -> None: ...


class DatabaseFailures:
    """In the app's database; the caller commits (the sign-in route does)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def recent(self, keys: list[str], since: datetime) -> dict[str, list[datetime]]:
        found: dict[str, list[datetime]] = {key: [] for key in keys}
        for key, at in self.session.execute(
                sa.select(SignInFailure.key, SignInFailure.at)
                .where(SignInFailure.key.in_(keys), SignInFailure.at >= since)
                .order_by(SignInFailure.at)):
            found[key].append(at)
        return found

    def add(self, keys: list[str], at: datetime, window: timedelta) -> None:
        # Old rows go as new ones arrive, so the table holds one window's failures at most.
        self.session.execute(sa.delete(SignInFailure).where(SignInFailure.at < at - window))
        self.session.add_all(SignInFailure(key=key, at=at) for key in keys)
        self.session.flush()

    def clear(self, key: str) -> None:
        self.session.execute(sa.delete(SignInFailure).where(SignInFailure.key == key))


def _seconds(at: datetime) -> float:
    return at.replace(tzinfo=UTC).timestamp()  # times here are naive UTC, as in the models


class RedisFailures:
    """One sorted set per key, scored by time, expiring with the window."""

    def __init__(self, client, prefix: str = "review-day:sign-in:") -> None:
        self.client, self.prefix = client, prefix

    def recent(self, keys: list[str], since: datetime) -> dict[str, list[datetime]]:
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.zrangebyscore(self.prefix + key, _seconds(since), "+inf", withscores=True)
        return {key: [datetime.fromtimestamp(score, UTC).replace(tzinfo=None)
                      for _member, score in scores]
                for key, scores in zip(keys, pipe.execute(), strict=True)}

    def add(self, keys: list[str], at: datetime, window: timedelta) -> None:
        pipe = self.client.pipeline()
        for key in keys:
            name = self.prefix + key
            pipe.zremrangebyscore(name, "-inf", f"({_seconds(at - window)}")
            pipe.zadd(name, {uuid.uuid4().hex: _seconds(at)})
            pipe.expire(name, math.ceil(window.total_seconds()))
        pipe.execute()

    def clear(self, key: str) -> None:
        self.client.delete(self.prefix + key)


def _digest(kind: str, value: str) -> str:
    return f"{kind}:" + hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class Throttle:
    store: FailureStore
    window: timedelta
    per_account: int
    per_address: int

    def _limits(self, email: str, address: str) -> list[tuple[str, int]]:
        return [(_digest("account", email.strip().lower()), self.per_account),
                (_digest("address", address or "unknown"), self.per_address)]

    def wait(self, email: str, address: str, now: datetime | None = None) -> int:
        """Whole minutes until this account and address may try again; 0: they may now."""
        now = now or utcnow()
        until = now
        limits = self._limits(email, address)
        recent = self.store.recent([key for key, _ in limits], now - self.window)
        for key, limit in limits:
            failures = recent[key]
            if len(failures) >= limit:
                until = max(until, failures[len(failures) - limit] + self.window)
        return math.ceil((until - now).total_seconds() / 60)

    def failed(self, email: str, address: str, now: datetime | None = None) -> None:
        self.store.add([key for key, _ in self._limits(email, address)], now or utcnow(),
                       self.window)

    def succeeded(self, email: str) -> None:
        """The account's count starts again; the address's does not (it may be guessing
        at several accounts and know one password)."""
        self.store.clear(self._limits(email, "")[0][0])


def throttle(session: Session) -> Throttle:
    config = current_app.config
    client = current_app.extensions.get("sign_in_redis")
    store = RedisFailures(client) if client is not None else DatabaseFailures(session)
    return Throttle(store, timedelta(minutes=config["SIGN_IN_WINDOW_MINUTES"]),
                    config["SIGN_IN_FAILURES_PER_ACCOUNT"], config["SIGN_IN_FAILURES_PER_ADDRESS"])


def init_app(app: Flask) -> None:
    if app.config.get("REDIS_URL"):
        import redis

        app.extensions["sign_in_redis"] = redis.Redis.from_url(app.config["REDIS_URL"])
