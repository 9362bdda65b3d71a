"""Issue 17: the live day survives its infrastructure. These tests stop and start a private
`redis-server` (and make the database fail) under the real code, with no mocks."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from types import SimpleNamespace

import pytest
import redis
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from review_app.extensions import db, socketio
from review_app.live.background import renew_presence
from review_app.live.presence import RedisPresence
from review_app.models import LiveEvent

from ..conftest import TEST_DATABASE_URL
from ..servers import PrivateRedis, wait_for
from .conftest import item_of
from .test_contributions import proposal_payload, propose

WHO = {"id": 7, "name": "Sam Stakeholder", "staff": False, "organisation": "FMLM"}




def _renewed_since(server: PrivateRedis, presence: RedisPresence, moment: float) -> bool:
    try:
        raw = redis.Redis.from_url(server.url).hget(f"{presence.prefix}:1", "sid-1")
    except redis.ConnectionError:
        return False
    return raw is not None and float(json.loads(raw)["t"]) > moment


def test_presence_renewal_survives_a_redis_outage_and_resumes(private_redis, caplog):
    presence = RedisPresence(private_redis.url)
    presence.enter(1, "sid-1", WHO)
    stop = threading.Event()
    app = SimpleNamespace(extensions={"review_presence": presence})
    loop = threading.Thread(target=renew_presence, args=(app, 0.05, stop, time.sleep), daemon=True)
    caplog.set_level(logging.ERROR, logger="review_app.live.background")
    loop.start()
    try:
        assert wait_for(lambda: _renewed_since(private_redis, presence, 0))
        private_redis.stop()  # everything Redis held is gone, as in a crash
        assert wait_for(lambda: any("presence renewal failed" in r.getMessage()
                                     for r in caplog.records))
        private_redis.start()
        back = time.time()
        # Renewal carried on: this process's socket is in the shared list again.
        assert wait_for(lambda: _renewed_since(private_redis, presence, back))
        assert loop.is_alive()
        assert presence.present(1) == [WHO]
    finally:
        stop.set()
        loop.join(5)


@pytest.fixture
def redis_presence(app, private_redis):
    """The app's presence list in the private Redis (as with REDIS_URL set)."""
    app.extensions["review_presence"] = RedisPresence(private_redis.url)
    return app.extensions["review_presence"]


def _rooms_of(sid: str) -> list:
    return [name for name, members in socketio.server.manager.rooms.get("/", {}).items()
            if sid in members]


def test_join_typing_and_disconnect_answer_and_clean_up_with_redis_down(
        live_day, make_stakeholder, connect, redis_presence, private_redis):
    sam = make_stakeholder()
    socket = connect(sam)
    assert [w["name"] for w in redis_presence.present(live_day.id)] == ["Sam Stakeholder"]
    private_redis.stop()
    late = connect(sam, join=False)
    joined = late.emit("join", {"review_day_id": live_day.id}, callback=True)
    assert joined["ok"] is False and joined["error"]["code"] == "internal_error"
    assert redis_presence.local_sockets(live_day.id) == 1  # the failed join is not counted
    typing = socket.emit("typing", {"review_day_id": live_day.id}, callback=True)
    assert typing == {"ok": True}
    sid = socket.eio_sid and socketio.server.manager.sid_from_eio_sid(socket.eio_sid, "/")
    assert _rooms_of(sid)
    socket.disconnect()  # raised before: Socket.IO then skipped its own clean-up
    assert redis_presence.local_sockets(live_day.id) == 0
    assert _rooms_of(sid) == []
    private_redis.start()
    again = connect(sam, join=False)
    assert again.emit("join", {"review_day_id": live_day.id}, callback=True)["ok"]
    assert [w["name"] for w in redis_presence.present(live_day.id)] == ["Sam Stakeholder"]


ON_POSTGRESQL = pytest.mark.skipif(not TEST_DATABASE_URL.startswith("postgresql"),
                                   reason="locks a table of PostgreSQL")


@pytest.fixture
def database_config(database_config):
    """As the suite's, with a short lock_timeout: a table locked by another connection makes
    the app's statements fail for real (LockNotAvailable), as during an outage."""
    options = database_config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("connect_args", {})
    if "options" in options:
        options["options"] += " -clock_timeout=300"
    return database_config


@contextlib.contextmanager
def _locked(session, table: str):
    """Hold ACCESS EXCLUSIVE on `table` of the test's schema from another connection."""
    schema = session.scalar(sa.text("SELECT current_schema()"))
    session.commit()
    admin = sa.create_engine(TEST_DATABASE_URL, poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f'LOCK TABLE "{schema}".{table} IN ACCESS EXCLUSIVE MODE'))
        yield
        connection.rollback()
    admin.dispose()


@ON_POSTGRESQL
def test_join_and_typing_answer_a_real_database_failure(live_day, make_stakeholder, connect,
                                                        session, app):
    sam = make_stakeholder()
    socket = connect(sam)
    late = connect(sam, join=False)
    with _locked(session, "participant"):
        typing = socket.emit("typing", {"review_day_id": live_day.id}, callback=True)
        assert typing["ok"] is False and typing["error"]["code"] == "internal_error"
        joined = late.emit("join", {"review_day_id": live_day.id}, callback=True)
        assert joined["ok"] is False and joined["error"]["code"] == "internal_error"
    assert app.extensions["review_presence"].local_sockets(live_day.id) == 1
    assert socket.emit("typing", {"review_day_id": live_day.id}, callback=True)["ok"]
    assert late.emit("join", {"review_day_id": live_day.id}, callback=True)["ok"]
    assert propose(socket, live_day, item_of(live_day))["ok"]  # the socket goes on


def test_a_change_committed_as_the_connection_failed_is_answered_with_its_result(
        live_day, make_stakeholder, connect, session):
    """Finding 6: COMMIT reached the database, then the driver raised (the connection
    dropped before the answer). An engine hook commits for real, then raises as psycopg
    does; the sender must get the stored change, not "nothing was
    changed", and sending the same op_id again must not store it twice."""
    socket = connect(make_stakeholder())
    failed = []

    def commit_then_drop(connection):
        if not failed:
            failed.append(True)
            connection.connection.dbapi_connection.commit()  # the database has it
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    payload = proposal_payload(live_day, item_of(live_day))
    sa.event.listen(db.engine, "commit", commit_then_drop)
    try:
        ack = socket.emit("propose", payload, callback=True)
    finally:
        sa.event.remove(db.engine, "commit", commit_then_drop)
    assert failed and ack["ok"], ack
    assert ack["change"]["type"] == "proposal.created"
    again = socket.emit("propose", payload, callback=True)
    assert again == ack
    session.expire_all()
    assert session.scalar(sa.select(sa.func.count()).select_from(LiveEvent)) == 1


def test_a_process_back_on_redis_tells_its_rooms_their_newest_seq(app, live_day,
                                                                  make_stakeholder, connect):
    """Once its subscription is confirmed again (live/resync.py), each room of the process
    hears the day's newest seq (a page behind joins again) and who is here."""
    from review_app.live.resync import after_subscribed

    sam = connect(make_stakeholder())
    ack = sam.emit("feedback", {"op_id": "resync-test-1", "review_day_id": live_day.id,
                                "theme": "Pitch", "text": "Stored before the outage."},
                   callback=True)
    assert ack["ok"], ack
    sam.get_received()
    after_subscribed(app)
    received = sam.get_received()
    assert [m["args"][0] for m in received if m["name"] == "resync"] == [
        {"review_day_id": live_day.id, "seq": ack["seq"]}]
    assert [m["args"][0]["present"][0]["name"] for m in received
            if m["name"] == "presence"] == ["Sam Stakeholder"]
