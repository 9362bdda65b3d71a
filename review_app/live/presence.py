"""Who is connected to each Review Day right now (ephemeral, never stored in the log)."""

from __future__ import annotations

import threading
from typing import Any


class Presence:
    """Sockets per Review Day in this process; one person may have several tabs open."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: dict[int, dict[str, dict[str, Any]]] = {}

    def enter(self, review_day_id: int, sid: str, who: dict[str, Any]) -> None:
        with self._lock:
            self._sockets.setdefault(review_day_id, {})[sid] = who

    def leave(self, sid: str) -> list[int]:
        """Forget a socket; return the Review Days it was in."""
        with self._lock:
            days = [d for d, sockets in self._sockets.items() if sockets.pop(sid, None)]
        return days

    def present(self, review_day_id: int) -> list[dict[str, Any]]:
        with self._lock:
            people = {w["id"]: w for w in self._sockets.get(review_day_id, {}).values()}
        return sorted(people.values(), key=lambda w: (not w["staff"], w["name"].casefold()))


presence = Presence()
