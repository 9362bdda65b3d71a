"""Background work of a serving process that must outlive its own failures.

The presence renewal used to be `while True: sleep(30); renew()`: one Redis error ended the
thread, and that process's people dropped out of "Who is here" STALE_AFTER seconds later,
until the process was restarted. Here each round that fails is logged and the next round
runs as usual, so renewal resumes as soon as Redis answers again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from ..extensions import socketio

log = logging.getLogger(__name__)
PRESENCE_RENEW_EVERY = 30  # seconds; well inside presence.STALE_AFTER (90 s)
_last: dict[str, tuple[bool, float]] = {}  # name -> (succeeded, when), for /healthz


def last_runs() -> dict[str, tuple[bool, float]]:
    """Each periodic task's latest round: whether it succeeded, and when (epoch seconds)."""
    return dict(_last)


def attempt(name: str, task: Callable[[], Any]) -> bool:
    """Run `task` once; log (never raise) whatever it raises. True when it succeeded."""
    try:
        task()
    except Exception:  # noqa: BLE001  (a background task has nobody to answer but the log)
        log.exception("background task %s failed; it runs again at its next round", name)
        return False
    return True


def _round(name: str, task: Callable[[], Any]) -> None:
    _last[name] = (attempt(name, task), time.time())


def every(seconds: float, name: str, task: Callable[[], Any],
          stop: threading.Event | None = None,
          sleep: Callable[[float], Any] | None = None) -> None:
    """Run `task` every `seconds` until `stop` is set (for ever in a server), surviving
    every error it raises. `sleep` is Socket.IO's (a greenlet's) unless given."""
    while stop is None or not stop.is_set():
        (sleep or socketio.sleep)(seconds)
        _round(name, task)


def renew_presence(app: Any, seconds: float = PRESENCE_RENEW_EVERY,
                   stop: threading.Event | None = None,
                   sleep: Callable[[float], Any] | None = None) -> None:
    """Keep this process's sockets fresh in the shared presence list (started by `serve`)."""
    every(seconds, "presence renewal", app.extensions["review_presence"].renew, stop, sleep)
