"""The stored event log: every accepted change gets the next `seq` of its Review Day.

The Review Day row is taken FOR UPDATE at the start of each change, so `seq` has no gaps
and repeats even with several server processes, and a retried `op_id` finds the first
result. SQLite has no row locks: there a process-wide lock serialises live changes (SQLite
is the one-process laptop setup; production runs on PostgreSQL).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from ..models import LiveEvent, Participant, ReviewDay
from .errors import LiveError

_sqlite_lock = threading.RLock()


@contextmanager
def change_lock(session: Session):
    """Serialise live changes where the database cannot (SQLite)."""
    if session.get_bind().dialect.name == "sqlite":
        with _sqlite_lock:
            yield
    else:
        yield


def lock_review_day(session: Session, review_day_id: int) -> ReviewDay:
    day = session.scalars(sa.select(ReviewDay).where(ReviewDay.id == review_day_id)
                          .with_for_update()).one_or_none()
    if day is None:
        raise LiveError("not_found", "There is no such Review Day.")
    return day


def earlier_result(session: Session, review_day_id: int, op_id: str) -> LiveEvent | None:
    """The change an op_id already made, if it was sent before."""
    return session.scalars(sa.select(LiveEvent).where(
        LiveEvent.review_day_id == review_day_id, LiveEvent.op_id == op_id)
        .options(joinedload(LiveEvent.actor).joinedload(Participant.organisation))).first()


def record_change(session: Session, day: ReviewDay, type_: str, data: dict[str, Any],
                  op_id: str, actor: Participant | None) -> LiveEvent:
    """Store one change with the next seq (the day row must be locked by the caller)."""
    day.last_seq += 1
    event = LiveEvent(review_day_id=day.id, seq=day.last_seq, op_id=op_id, type=type_,
                      data=data, actor=actor)
    session.add(event)
    session.flush()
    return event


def changes_after(session: Session, review_day_id: int, last_seq: int,
                  limit: int | None = None) -> list[LiveEvent]:
    query = (sa.select(LiveEvent)
             .where(LiveEvent.review_day_id == review_day_id, LiveEvent.seq > last_seq)
             .order_by(LiveEvent.seq)
             .options(joinedload(LiveEvent.actor).joinedload(Participant.organisation)))
    return list(session.scalars(query.limit(limit) if limit else query))


def change_message(event: LiveEvent) -> dict[str, Any]:
    """The `change` event every client receives, and the body of every ack."""
    actor = event.actor
    return {"seq": event.seq, "type": event.type, "data": event.data, "op_id": event.op_id,
            "actor": None if actor is None else {
                "id": actor.id, "name": actor.name, "organisation": actor.organisation_name},
            "at": event.at.isoformat(timespec="milliseconds") + "Z"}


def ack_for(event: LiveEvent) -> dict[str, Any]:
    return {"ok": True, "seq": event.seq, "op_id": event.op_id, "change": change_message(event)}
