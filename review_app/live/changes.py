"""The stored event log: every accepted change gets the next `seq` of its Review Day.

`seq` comes from `UPDATE review_day SET last_seq = last_seq + 1 … RETURNING`, run as the
last statement before the commit (on PostgreSQL in the same statement as the change's
insert): the row lock it takes is held only until that commit, yet two processes can never
hand out the same `seq` or leave a gap. A retried `op_id` fails on the unique constraint
and then finds the first result, so a first attempt pays nothing to look for one. SQLite has
no row locks: there a process-wide lock serialises live changes (SQLite is the one-process
laptop setup; production runs on PostgreSQL).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from ..models import LiveEvent, Participant, ReviewDay
from ..models.curriculum import utcnow
from .errors import LiveError
from .statements import bound, insert_of, run, values_of

_sqlite_lock = threading.RLock()


@contextmanager
def change_lock(session: Session):
    """Serialise live changes where the database cannot (SQLite)."""
    if session.get_bind().dialect.name == "sqlite":
        with _sqlite_lock:
            yield
    else:
        yield


def end_reading(session: Session) -> None:
    """End a transaction that only read with COMMIT, not ROLLBACK: on every ROLLBACK psycopg
    forgets the connection's prepared statements (and sends DEALLOCATE ALL), so each typing
    indicator or join would have made the changes after it be parsed and planned again."""
    session.commit()


def load_review_day(session: Session, review_day_id: int) -> ReviewDay:
    day = session.get(ReviewDay, review_day_id)
    if day is None:
        raise LiveError("not_found", "There is no such Review Day.")
    return day


def next_seq(session: Session, review_day_id: int) -> int:
    """Take the day's next seq; its row stays locked until the transaction ends."""
    return session.execute(
        sa.update(ReviewDay).where(ReviewDay.id == review_day_id)
        .values(last_seq=ReviewDay.last_seq + 1).returning(ReviewDay.last_seq)
        .execution_options(synchronize_session=False)).scalar_one()


def earlier_result(session: Session, review_day_id: int, op_id: str) -> LiveEvent | None:
    """The change an op_id already made, if it was sent before."""
    return session.scalars(sa.select(LiveEvent).where(
        LiveEvent.review_day_id == review_day_id, LiveEvent.op_id == op_id)
        .options(joinedload(LiveEvent.actor).joinedload(Participant.organisation))).first()


def record_change(session: Session, review_day_id: int, type_: str, data: dict[str, Any],
                  op_id: str, actor: Participant | None) -> LiveEvent:
    """Store one change with the next seq: the last thing before the commit. Returns the
    change as a LiveEvent outside the session (it is stored already)."""
    event = LiveEvent(review_day_id=review_day_id, op_id=op_id, type=type_, data=data,
                      actor=actor, actor_id=actor.id if actor else None, at=utcnow())
    values = values_of(event, FIELDS)
    session.flush()  # the service's own rows first, so that the lock is taken last
    if session.get_bind().dialect.name == "postgresql":  # one round trip, not two
        row = run(session, _insert_with_next_seq(), values).one()
    else:
        row = run(session, _insert(), {**values, "seq": next_seq(session, review_day_id)}).one()
    event.id, event.seq = row.id, row.seq
    return event


FIELDS = ("review_day_id", "op_id", "type", "data", "actor_id", "at")


@cache
def _insert() -> sa.Insert:
    table = LiveEvent.__table__
    return insert_of(table, (*FIELDS, "seq")).returning(table.c.id, table.c.seq)


@cache
def _insert_with_next_seq() -> sa.Insert:
    """INSERT … SELECT from `UPDATE review_day … RETURNING last_seq`: both in one statement
    (built once: it runs for every change)."""
    table, days = LiveEvent.__table__, ReviewDay.__table__
    seq = (sa.update(days).where(days.c.id == sa.bindparam("review_day_id"))
           .values(last_seq=days.c.last_seq + 1).returning(days.c.last_seq.label("seq"))
           .cte("next_seq"))
    given = sa.select(*bound(table, FIELDS), seq.c.seq)
    return (table.insert().from_select([*FIELDS, "seq"], given).add_cte(seq)
            .returning(table.c.id, table.c.seq))


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
