"""Socket.IO packets are UTF-8 JSON by orjson with no search for binary (live/wire.py), and
what clients send and receive is what the standard library's encoding gave them."""

from __future__ import annotations

import json

import pytest
import socketio
from socketio import packet

from review_app.extensions import socketio as app_socketio
from review_app.live.wire import OrjsonCodec, WirePacket
from review_app.text_rules import UNSTORABLE_MESSAGE

from ..livedata import SECRET, seed_live_day
from ..servers import AppServer, cli, process_database, server_env
from .conftest import item_of, op_id
from .test_contributions import proposal_payload, propose

HUGE = 2**70
TEXT = "Café — naïve “quotes”, 😀, ünïcödé and \u2028 a line separator"


def test_the_app_server_encodes_with_the_wire_packet(app):
    server = app_socketio.server
    assert server.packet_class is WirePacket
    assert server.manager.json is OrjsonCodec  # what a Redis manager publishes with too


def test_a_snapshot_sized_ack_is_not_searched_for_bytes(monkeypatch):
    def searched(*_args):
        raise AssertionError("data_is_binary was called")

    monkeypatch.setattr(packet.Packet, "data_is_binary", classmethod(searched))
    snapshot = {"proposals": [{"id": i, "votes": {str(i): "agree"}, "comments": [
        {"text": f"Comment {i} é", "at": "2026-12-02T09:00:00.000Z"}]} for i in range(1000)]}
    for kind in (packet.ACK, packet.EVENT):
        pkt = WirePacket(kind, data=[{"ok": True, "snapshot": snapshot}], id=1)
        assert pkt.packet_type == kind
        encoded = pkt.encode()
        assert isinstance(encoded, str) and encoded.startswith(f"{kind}1")
        assert json.loads(encoded[2:]) == [{"ok": True, "snapshot": snapshot}]


def test_bytes_in_a_payload_fail_loudly_instead_of_becoming_attachments():
    with pytest.raises(TypeError):
        WirePacket(packet.EVENT, data=["change", {"blob": b"\x00\x01"}]).encode()


@pytest.mark.parametrize("value", [
    {"a": 1, "b": [True, False, None], "c": 1.5}, {1: "int keys become strings"},
    HUGE, -HUGE, "lone \ud800 surrogate", TEXT, "\x00\x1f control", {"nested": [[[]]]},
])
def test_what_is_written_reads_back_as_the_stdlib_wrote_it(value):
    written = OrjsonCodec.dumps(value, separators=(",", ":"))
    assert isinstance(written, str)
    assert json.loads(written) == json.loads(json.dumps(value))


@pytest.mark.parametrize("text", [
    '{"id":1180591620717411303424}', '{"id":-1180591620717411303424}',
    '{"id":18446744073709551616}', '"\\ud800"', '"\\u00e9\\ud83d\\ude00"', "[1e400]",
    '{"a":1,"a":2}', json.dumps({"t": TEXT}, ensure_ascii=False), '{"n":"12345678901234567890"}',
])
def test_what_is_read_is_what_the_stdlib_reads(text):
    assert OrjsonCodec.loads(text) == json.loads(text)
    assert OrjsonCodec.loads(text.encode()) == json.loads(text)
    assert type(OrjsonCodec.loads(text)) is type(json.loads(text))


def test_nan_is_read_as_before_and_not_json_is_refused_as_before():
    assert OrjsonCodec.loads("NaN") != OrjsonCodec.loads("NaN")
    for broken in ("{bad", "", "[1,]"):
        with pytest.raises(ValueError):
            OrjsonCodec.loads(broken)


@pytest.mark.parametrize("value", [object(), {1, 2}, b"bytes", __import__("datetime").date.today()])
def test_what_the_stdlib_cannot_write_still_raises(value):
    with pytest.raises(TypeError):
        OrjsonCodec.dumps({"x": value})


def test_join_and_propose_round_trip_with_non_ascii_text(live_day, make_stakeholder, connect):
    sam, kim = make_stakeholder("Zoë Ångström", "FMLM"), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    ack = propose(sam_socket, live_day, item_of(live_day), rationale=TEXT)
    assert ack["ok"], ack
    assert ack["change"]["data"]["proposal"]["rationale"] == TEXT
    assert ack["change"]["actor"]["name"] == "Zoë Ångström"
    broadcast = [m for m in kim_socket.get_received() if m["name"] == "change"]
    assert broadcast[0]["args"][0]["data"]["proposal"]["rationale"] == TEXT
    joined = kim_socket.emit("join", {"review_day_id": live_day.id}, callback=True)
    assert joined["ok"]
    assert [p["rationale"] for p in joined["snapshot"]["proposals"]] == [TEXT]


def test_a_huge_id_reaches_the_handlers_and_is_answered_invalid_payload(
        live_day, make_stakeholder, connect):
    socket = connect(make_stakeholder())
    proposal_id = propose(socket, live_day, item_of(live_day))["change"]["data"]["proposal"][
        "id"]
    huge = [
        ("vote", {"op_id": op_id(), "review_day_id": live_day.id, "proposal_id": HUGE,
                  "choice": "agree"}),
        ("vote", {"op_id": op_id(), "review_day_id": live_day.id, "proposal_id": proposal_id,
                  "choice": "agree", "extra": -HUGE}),
        ("propose", proposal_payload(live_day, item_of(live_day, index=1), item_id=HUGE)),
        ("propose", proposal_payload(live_day, item_of(live_day, index=1),
                                     competency_id=HUGE)),
        ("join", {"review_day_id": HUGE}),
    ]
    for event, payload in huge:
        ack = socket.emit(event, payload, callback=True)
        assert ack["ok"] is False, (event, ack)
        assert ack["error"]["code"] == "invalid_payload", (event, ack)


@pytest.mark.parametrize("character", ["\x00", "\x1f", "\ud800"])
def test_control_characters_and_lone_surrogates_are_still_refused(
        character, live_day, make_stakeholder, connect):
    socket = connect(make_stakeholder())
    ack = propose(socket, live_day, item_of(live_day), rationale=f"Because{character} so")
    assert ack["error"]["code"] == "invalid_payload"
    assert ack["error"]["message"] == f"rationale {UNSTORABLE_MESSAGE}."


@pytest.mark.server
def test_a_real_client_joins_and_sends_through_a_served_app(tmp_path):
    with process_database(tmp_path) as url:
        env = server_env(url, tmp_path, SECRET_KEY=SECRET)
        cli(env, "init-db")
        cli(env, "load-samples")
        setup = seed_live_day(url, [("Zoë", "FMLM")])
        server = AppServer(env, production=True).start()
        client = socketio.Client(reconnection=False)
        try:
            client.connect(server.url, headers={"Cookie": setup["stakeholders"][0]["cookie"]},
                           transports=["websocket"], wait_timeout=10)
            day = setup["review_day_id"]
            joined = client.call("join", {"review_day_id": day}, timeout=10)
            assert joined["ok"], joined
            sent = client.call("feedback", {"op_id": op_id(), "review_day_id": day,
                                            "theme": "Tone ✓", "text": TEXT}, timeout=10)
            assert sent["ok"], sent
            assert sent["change"]["data"]["feedback"]["text"] == TEXT
            assert sent["change"]["actor"]["name"] == "Zoë"
            refused = client.call("vote", {"op_id": op_id(), "review_day_id": day,
                                           "proposal_id": HUGE, "choice": "agree"},
                                  timeout=10)
            assert refused["error"]["code"] == "invalid_payload", refused
            again = client.call("join", {"review_day_id": day}, timeout=10)
            assert again["ok"] and again["seq"] == joined["seq"] + 1, again
        finally:
            client.disconnect()
            server.stop()
