"""Limits of the live Review Day (finding 3 of issue 15): a token bucket per participant for
changes, another for typing, joins per minute, open proposals and sockets per participant,
and a bounded snapshot. Each is set small here; production values are in live/limits.py."""

import os
import threading

import pytest
import sqlalchemy as sa

from review_app.live.limits import DEFAULTS, Limits, Rate
from review_app.models import LiveEvent, Proposal

from ..conftest import ROOT, app_with_tables
from .conftest import item_of, op_id
from .test_contributions import propose

SLOW = 0.001  # tokens a second: none come back within a test
SMALL = {"change": Rate(SLOW, 6), "typing": Rate(SLOW, 2), "join": Rate(SLOW, 4),
         "max_open_proposals": 2, "max_sockets": 2, "snapshot_newest": 2,
         "db_slots": 1, "db_wait": 0.05}


@pytest.fixture
def app(database_config, tmp_path):
    with app_with_tables(database_config, tmp_path, LIVE_LIMITS=SMALL) as app:
        yield app


def _count(session, model) -> int:
    session.expire_all()
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def _vote(socket, day, proposal_id, choice="agree"):
    return socket.emit("vote", {"op_id": op_id(), "review_day_id": day.id,
                                "proposal_id": proposal_id, "choice": choice}, callback=True)


def test_changes_past_the_bucket_are_refused_with_a_retry_after(live_day, make_stakeholder,
                                                                connect, session):
    sam_socket, kim_socket = connect(make_stakeholder()), connect(make_stakeholder("Kim"))
    proposal_id = propose(kim_socket, live_day, item_of(live_day))["change"]["data"][
        "proposal"]["id"]
    acks = [_vote(sam_socket, live_day, proposal_id, choice)
            for choice in ("agree", "disagree") * 4]
    assert [a["ok"] for a in acks] == [True] * 6 + [False] * 2
    refused = acks[-1]["error"]
    assert refused["code"] == "rate_limited" and refused["retry_after"] >= 1
    assert "try again in" in refused["message"]
    assert _count(session, LiveEvent) == 7  # the proposal and six votes
    assert _vote(kim_socket, live_day, proposal_id)["ok"]  # one person's bucket, not the room's


def test_typing_past_its_bucket_is_answered_rate_limited_and_not_passed_on(
        live_day, make_stakeholder, connect):
    sam_socket, kim_socket = connect(make_stakeholder()), connect(make_stakeholder("Kim"))
    typing = {"review_day_id": live_day.id, "item_id": item_of(live_day).id}
    acks = [sam_socket.emit("typing", typing, callback=True) for _ in range(4)]
    assert acks[:2] == [{"ok": True}] * 2
    assert {a["error"]["code"] for a in acks[2:]} == {"rate_limited"}
    received = [m for m in kim_socket.get_received() if m["name"] == "typing"]
    assert len(received) == 2
    # Changes have a bucket of their own.
    assert propose(sam_socket, live_day, item_of(live_day))["ok"]


def test_joins_per_participant_are_limited(live_day, make_stakeholder, connect):
    sam = make_stakeholder()
    socket = connect(sam)  # the first join
    again = [socket.emit("join", {"review_day_id": live_day.id}, callback=True)
             for _ in range(4)]
    assert [a["ok"] for a in again] == [True, True, True, False]
    assert again[-1]["error"]["code"] == "rate_limited"


def test_open_proposals_per_participant_are_capped(live_day, make_stakeholder, connect,
                                                   session):
    socket = connect(make_stakeholder())
    first, second = (propose(socket, live_day, item_of(live_day, index=i)) for i in (0, 1))
    refused = propose(socket, live_day, item_of(live_day, index=2))
    assert first["ok"] and second["ok"]
    assert refused["error"]["code"] == "limit_reached"
    assert refused["error"]["details"] == {"limit": 2}
    assert _count(session, Proposal) == 2
    withdrawn = socket.emit("withdraw", {
        "op_id": op_id(), "review_day_id": live_day.id,
        "proposal_id": first["change"]["data"]["proposal"]["id"]}, callback=True)
    assert withdrawn["ok"]
    assert propose(socket, live_day, item_of(live_day, index=2))["ok"]


def test_sockets_per_participant_are_capped(live_day, make_stakeholder, connect):
    sam = make_stakeholder()
    first, second = connect(sam), connect(sam)
    third = connect(sam, join=False)
    refused = third.emit("join", {"review_day_id": live_day.id}, callback=True)
    assert refused["error"]["code"] == "limit_reached"
    assert refused["error"]["details"] == {"limit": 2}
    assert propose(third, live_day, item_of(live_day))["error"]["code"] == "not_joined"
    first.disconnect()
    assert third.emit("join", {"review_day_id": live_day.id}, callback=True)["ok"]
    assert second.is_connected()


def test_the_snapshot_holds_the_newest_proposals_and_says_there_are_more(
        live_day, make_stakeholder, connect):
    authors = [connect(make_stakeholder(f"Person {n}")) for n in range(2)]
    made = [propose(authors[n % 2], live_day, item_of(live_day, index=n))["change"]["data"][
        "proposal"]["id"] for n in range(3)]
    late = connect(make_stakeholder("Late"), join=False)
    snapshot = late.emit("join", {"review_day_id": live_day.id}, callback=True)["snapshot"]
    assert [p["id"] for p in snapshot["proposals"]] == made[1:]
    assert snapshot["more_proposals"] is True and snapshot["more_feedback"] is False


def test_buckets_in_redis_are_shared_by_every_process():
    """Two processes' limits on one Redis: one participant has one bucket."""
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set (the in-memory buckets are tested above)")
    settings = {"change": Rate(SLOW, 3)}
    first, second = Limits(settings, url), Limits(settings, url)
    key = f"test-{os.getpid()}-{id(first)}"
    waits = [limits.retry_after("change", key) for limits in (first, second, first, second)]
    assert waits[:3] == [None, None, None]
    assert waits[3] is not None and waits[3] >= 1
    assert first.retry_after("change", f"{key}-other") is None


def test_an_event_that_finds_no_database_slot_answers_at_once(
        app, live_day, make_stakeholder, connect):
    """Socket events use a few connections at most, and do not queue for them."""
    socket = connect(make_stakeholder())
    slots = app.extensions["review_db_slots"]
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with slots.held():
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(5)
    try:
        for event, payload in (("join", {"review_day_id": live_day.id}),
                               ("typing", {"review_day_id": live_day.id})):
            ack = socket.emit(event, payload, callback=True)
            assert ack["error"]["code"] == "internal_error", (event, ack)
            assert "busy" in ack["error"]["message"] and ack["error"]["retry_after"] == 2
    finally:
        release.set()
        holder.join(10)
    assert socket.emit("join", {"review_day_id": live_day.id}, callback=True)["ok"]


def test_the_protocol_document_states_each_limit_as_configured():
    """The limits table in docs/live-protocol.md is what a client writer reads: it must say
    what the defaults are (issue 15: limits documented with their error code)."""
    text = (ROOT / "docs" / "live-protocol.md").read_text()
    change, typing, join = DEFAULTS["change"], DEFAULTS["typing"], DEFAULTS["join"]
    for row in (
            f"| burst {change.burst}, then {change.per_second:g} a second | `rate_limited`",
            f"| burst {typing.burst}, then {typing.per_second:g} a second",
            f"| burst {join.burst}, then {join.per_second * 60:g} a minute | `rate_limited`",
            f"| open proposals per participant | {DEFAULTS['max_open_proposals']} |"
            " `limit_reached`",
            f"| sockets per participant (tabs, devices) | {DEFAULTS['max_sockets']}, ",
            f"the newest {DEFAULTS['snapshot_newest']:,} proposals"):
        assert row in text, row
