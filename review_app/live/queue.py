"""The Redis message queue between server processes, and what a process does when its
subscription comes back after an outage (docs/live-protocol.md, "Faults").

python-socketio's RedisManager re-subscribes with its own back-off, 1 s doubling to 60 s:
after a 30 s outage a process could stay deaf to the others for half a minute more, after
a longer one for a minute. Here the subscription is retried every RETRY_FIRST doubling to
RETRY_MOST seconds, and once Redis confirms it the process tells its own clients to check
what they missed (`on_subscribed`): a publish that failed during the outage is lost for
good, but every change is in the database with its `seq`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import socketio
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)
RETRY_FIRST = 0.25  # seconds before the first re-subscription attempt
RETRY_MOST = 1.0  # never longer between attempts: Redis back means the room back within it
CONFIRM_WAIT = 5.0  # seconds to wait for Redis to confirm the subscription


def fail_fast() -> dict[str, Any]:
    """Options for a Redis client that reports an outage soon: a connection attempt gives
    up after 2 s (redis-py's default waits as long as the operating system does, minutes
    for a host that does not answer) and a failed command is tried once more, at once
    (the default is up to ten times with back-off, for the errors it retries)."""
    return {"retry": Retry(NoBackoff(), 1), "socket_connect_timeout": 2}


class RecoveringRedisManager(socketio.RedisManager):
    """RedisManager with a bounded re-subscription back-off and a hook that runs each time
    the subscription is (re)confirmed, in a background task of its own."""

    def __init__(self, url: str, channel: str,
                 on_subscribed: Callable[[], Any] | None = None) -> None:
        super().__init__(url, channel=channel, redis_options=fail_fast())
        self.on_subscribed = on_subscribed
        self.subscriptions = 0  # how many times the subscription was confirmed (for /healthz)
        self.listening = False

    def _redis_listen_with_retries(self) -> Iterator[dict[str, Any]]:  # pragma: no cover
        wait = RETRY_FIRST
        while True:
            try:
                self._redis_connect()
                # Its own pubsub, which passes on Redis's confirmation of the subscription
                # (_listen passes on only messages); a publish that finds Redis gone
                # reconnects and replaces self.pubsub.
                self.pubsub = pubsub = self.redis.pubsub()
                pubsub.subscribe(self.channel)
                # Redis answers commands in order: once it confirms the subscription, every
                # later publish reaches this process, so a look at the database from now
                # on misses nothing.
                confirmed = pubsub.get_message(timeout=CONFIRM_WAIT)
                if not confirmed or confirmed.get("type") != "subscribe":
                    raise ConnectionError("Redis did not confirm the subscription")
                wait = RETRY_FIRST
                self.listening = True
                self.subscriptions += 1
                if self.on_subscribed is not None:
                    self.server.start_background_task(self.on_subscribed)
                yield from pubsub.listen()
            except Exception as error:  # noqa: BLE001  (whatever it was, subscribe again)
                self.listening = False
                log.warning("Redis subscription lost (%s); subscribing again in %.2f s",
                            error, wait)
                time.sleep(wait)
                wait = min(wait * 2, RETRY_MOST)


def client_manager(app: Any) -> socketio.Manager:
    """One process alone keeps its rooms in memory; with REDIS_URL, the processes share
    every broadcast through Redis. A new manager per app: Flask-SocketIO would otherwise
    keep the previous app's."""
    url = app.config.get("REDIS_URL")
    if not url:
        return socketio.Manager()
    from .resync import after_subscribed

    return RecoveringRedisManager(url, channel=app.config["SOCKETIO_CHANNEL"],
                                  on_subscribed=lambda: after_subscribed(app))
