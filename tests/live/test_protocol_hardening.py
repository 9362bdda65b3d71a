"""The protocol's edge (findings 1, 3 and 9 of issue 15): every event answers, whatever
arrives; text the database or Word cannot hold is refused naming the field; and `join` and
`typing` answer internal_error rather than hang when the database fails or is busy."""

import json

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from review_app.extensions import socketio
from review_app.live import events, schemas
from review_app.models import Comment, Feedback, LiveEvent, Proposal
from review_app.text_rules import UNSTORABLE_MESSAGE

from ..conftest import ROOT, app_with_tables
from .conftest import item_of, op_id
from .test_contributions import proposal_payload, propose

EVENTS = ("join", "propose", "withdraw", "comment", "vote", "feedback", "decide", "focus",
          "timer", "status", "moderate", "typing")


def _count(session, model) -> int:
    session.expire_all()
    return session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.mark.parametrize("event", EVENTS)
def test_an_event_with_no_payload_or_two_is_answered_invalid_payload(event, live_day,
                                                                     make_stakeholder,
                                                                     connect, session):
    socket = connect(make_stakeholder())
    payload = {"op_id": op_id(), "review_day_id": live_day.id}
    for args in ((), (payload, payload), (payload, "extra", 3)):
        ack = socket.emit(event, *args, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid_payload", (args, ack)
        assert "exactly one JSON object" in ack["error"]["message"]
    assert _count(session, LiveEvent) == 0
    assert socket.emit("join", {"review_day_id": live_day.id}, callback=True)["ok"]


def test_a_replace_without_item_id_is_invalid_payload(live_day, make_stakeholder, connect):
    socket = connect(make_stakeholder())
    for kind in ("replace", "delete", "move"):
        payload = proposal_payload(live_day, item_of(live_day), kind=kind, new_position=1)
        del payload["item_id"]
        ack = socket.emit("propose", payload, callback=True)
        assert ack["error"]["code"] == "invalid_payload", ack
        assert ack["error"]["details"] == {"field": "item_id"}


CONTROL = ["\x00", "\x01", "\x1f", "\x0c", "\ufffe", "\ud800"]


@pytest.mark.parametrize("character", CONTROL, ids=[f"U+{ord(c):04X}" for c in CONTROL])
def test_text_a_database_or_word_cannot_hold_is_refused_naming_the_field(
        character, live_day, make_stakeholder, connect, session):
    socket = connect(make_stakeholder())
    proposal_id = propose(socket, live_day, item_of(live_day))["change"]["data"]["proposal"][
        "id"]
    base = {"review_day_id": live_day.id}
    attempts = [
        ("propose", proposal_payload(live_day, item_of(live_day, index=1),
                                     new_text=f"Lead{character} well"), "new_text"),
        ("propose", proposal_payload(live_day, item_of(live_day, index=1),
                                     rationale=f"Because{character} so"), "rationale"),
        ("comment", {**base, "op_id": op_id(), "proposal_id": proposal_id,
                     "text": f"Hm{character} hm"}, "text"),
        ("feedback", {**base, "op_id": op_id(), "theme": "Tone", "text": f"Ok{character} ok"},
         "text"),
        ("feedback", {**base, "op_id": op_id(), "theme": f"Tone{character} x", "text": "Ok"},
         "theme"),
    ]
    for event, payload, field in attempts:
        ack = socket.emit(event, payload, callback=True)
        assert ack["error"]["code"] == "invalid_payload", (event, field, ack)
        assert ack["error"]["message"] == f"{field} {UNSTORABLE_MESSAGE}."
        assert ack["error"]["details"] == {"field": field}
    assert _count(session, Comment) == _count(session, Feedback) == 0
    assert _count(session, Proposal) == 1


def test_line_breaks_pasted_from_word_are_stored_as_newlines(live_day, make_stakeholder,
                                                             connect, session):
    socket = connect(make_stakeholder())
    ack = socket.emit("feedback", {"op_id": op_id(), "review_day_id": live_day.id,
                                   "theme": "Tone", "text": "One\x0btwo\r\nthree"},
                      callback=True)
    assert ack["ok"] and ack["change"]["data"]["feedback"]["text"] == "One\ntwo\nthree"
    title = socket.emit("propose", proposal_payload(
        live_day, item_of(live_day, "instructor_activity"), field="title", new_text=None,
        new_title="Two\x0blines"), callback=True)
    assert title["error"]["message"] == "new_title must be on one line."


def _failing(*_args, **_kwargs):
    raise OperationalError("SELECT 1", {}, Exception("the database went away"))


def test_join_and_typing_answer_internal_error_when_the_database_fails(
        live_day, make_stakeholder, connect, monkeypatch):
    sam = make_stakeholder()
    socket = connect(sam)
    monkeypatch.setattr(events, "room_state", _failing)
    joined = connect(sam, join=False).emit("join", {"review_day_id": live_day.id},
                                           callback=True)
    assert joined["error"]["code"] == "internal_error"
    monkeypatch.setattr(events, "resolve_actor", _failing)
    typing = socket.emit("typing", {"review_day_id": live_day.id}, callback=True)
    assert typing["error"]["code"] == "internal_error"
    monkeypatch.undo()
    assert propose(socket, live_day, item_of(live_day))["ok"]  # the socket goes on


def test_requests_wait_a_few_seconds_at_most_for_a_database_connection(tmp_path):
    with app_with_tables({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"},
                         tmp_path) as app:
        from review_app.extensions import db

        assert db.engine.pool.timeout() == app.config["DB_POOL_TIMEOUT"] == 5


# Every text at its limit, in the character that costs most on the wire: an emoji is one
# character to the schema, 4 bytes of UTF-8 and 12 as a JSON escape (\ud83d\ude00).
WIDE = "\U0001F600"
LONGEST = {
    "propose": (schemas.Propose, {"kind": "replace", "competency_id": 2**31 - 1,
                                  "item_id": 2**31 - 1, "base_version": 2**31 - 1,
                                  "new_text": WIDE * 2000, "new_title": WIDE * 300,
                                  "category": "terminology", "rationale": WIDE * 2000}),
    "decide": (schemas.Decide, {"proposal_id": 2**31 - 1, "outcome": "accept_amended",
                                "reason": WIDE * 2000, "amended_text": WIDE * 2000,
                                "confirm_conflict": False}),
    "feedback": (schemas.GiveFeedback, {"competency_id": 2**31 - 1, "theme": WIDE * 100,
                                        "text": WIDE * 2000}),
    "moderate": (schemas.Moderate, {"participant_id": 2**31 - 1,
                                    "action": "reject_proposals", "reason": WIDE * 2000}),
}


@pytest.mark.parametrize("event", sorted(LONGEST))
def test_the_longest_valid_change_fits_in_one_message_with_room_to_spare(app, event):
    """Finding 9: past MAX_SOCKET_MESSAGE_BYTES the connection is dropped with no ack, so
    no valid change may come near it, however its client encodes it."""
    schema, fields = LONGEST[event]
    payload = {"op_id": "x" * 64, "review_day_id": 2**31 - 1, **fields}
    schemas.parse(schema, payload)  # valid: every text at its limit, not past it
    limit = app.config["MAX_SOCKET_MESSAGE_BYTES"]
    for ascii_only in (True, False):  # python-socketio escapes; a browser sends UTF-8
        packet = "42" + json.dumps([event, payload], ensure_ascii=ascii_only)
        assert len(packet.encode()) < limit, (event, ascii_only)
    assert socketio.server.eio.max_http_buffer_size == limit


def test_the_protocol_document_states_the_message_limit(app):
    text = (ROOT / "docs" / "live-protocol.md").read_text()
    assert f"| whole message | {app.config['MAX_SOCKET_MESSAGE_BYTES'] // 1024} KiB" in text
    assert "A message past 64 KiB" in text and "no ack at all" in text
