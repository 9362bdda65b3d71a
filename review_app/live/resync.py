"""What a process does when its Redis subscription is confirmed again after an outage.

While it was not subscribed, the broadcasts of the other processes did not reach it, and
its own failed to reach them: those are lost for good. But every change is stored with its
`seq` first, so each process tells its own clients in each room the day's newest `seq`
(`resync`, to this process's sockets only: every process does the same for its own), and
a client that is behind joins again with its last `seq` and gets what it missed. Redis may
also have lost "Who is here" (a restarted Redis keeps nothing): the renewal puts this
process's people back at once and the room hears the list again.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..extensions import db, socketio
from ..models import ReviewDay
from .background import attempt
from .changes import end_reading

ROOM_PREFIX = "review-day-"  # events.room()


def days_here() -> list[int]:
    """The Review Days with a joined socket in this process."""
    rooms = list(socketio.server.manager.rooms.get("/", {}))
    return [int(name.removeprefix(ROOM_PREFIX)) for name in rooms
            if isinstance(name, str) and name.startswith(ROOM_PREFIX)
            and name.removeprefix(ROOM_PREFIX).isdigit()]


def newest_seqs(days: list[int]) -> dict[int, int]:
    found = {day: seq for day, seq in db.session.execute(
        sa.select(ReviewDay.id, ReviewDay.last_seq).where(ReviewDay.id.in_(days)))}
    end_reading(db.session)
    return found


def after_subscribed(app: Any) -> None:
    """Run (in a background task) each time the subscription is confirmed."""
    from .events import announce_presence, room

    with app.app_context():
        days = days_here()
        attempt("presence renewal", app.extensions["review_presence"].renew)
        seqs: dict[int, int] = {}
        # The database down as well: a resync without `seq` makes every client join again
        # (and retry the join with back-off until the database answers).
        attempt("resync look-up", lambda: seqs.update(newest_seqs(days)) if days else None)
        for day in days:
            attempt("resync", lambda day=day: socketio.emit(
                "resync", {"review_day_id": day, "seq": seqs.get(day)}, to=room(day),
                namespace="/", ignore_queue=True))
            attempt("presence announcement", lambda day=day: announce_presence(day))
