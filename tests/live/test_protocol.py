"""The protocol's rules: exactly once per op_id, replay by seq, and clear refusals of bad
input that change nothing and leave the connection usable."""

import pytest
import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import Comment, LiveEvent, Participant, Proposal, ReviewDay, Vote

from .conftest import changes, item_of, op_id
from .test_contributions import proposal_payload, propose


def _count(session, model):
    session.expire_all()
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_same_op_id_twice_gives_the_first_result_and_stores_nothing(
        live_day, make_stakeholder, connect, session):
    sam_socket = connect(make_stakeholder())
    kim_socket = connect(make_stakeholder("Kim", "CMI"))
    item = item_of(live_day)
    payload = {"op_id": "retry-0001", "review_day_id": live_day.id, "kind": "replace",
               "competency_id": item.competency_id, "item_id": item.id,
               "base_version": item.version, "new_text": "Once only.", "category": "language"}
    first = sam_socket.emit("propose", payload, callback=True)
    second = sam_socket.emit("propose", payload, callback=True)
    assert first == second and first["seq"] == 1
    assert _count(session, Proposal) == 1 and _count(session, LiveEvent) == 1
    assert len(changes(kim_socket)) == 1  # the retry is not broadcast again


def test_a_retry_refused_by_the_state_now_still_gets_the_first_result(
        live_day, make_stakeholder, connect, facilitator, staff_participant, session):
    """A vote whose ack was lost, retried after the facilitator decided the proposal: the
    vote was stored, so the retry gets its result, not "voting is closed"."""
    sam_socket = connect(make_stakeholder())
    fac_socket = connect(staff_participant, user=facilitator)
    proposal_id = propose(sam_socket, live_day, item_of(live_day))["change"]["data"][
        "proposal"]["id"]
    vote = {"op_id": "vote-retry-1", "review_day_id": live_day.id, "proposal_id": proposal_id,
            "choice": "agree"}
    first = sam_socket.emit("vote", vote, callback=True)
    decided = fac_socket.emit("decide", {"op_id": op_id(), "review_day_id": live_day.id,
                                         "proposal_id": proposal_id, "outcome": "reject",
                                         "reason": "Out of scope."}, callback=True)
    assert first["ok"] and decided["ok"]
    assert sam_socket.emit("vote", vote, callback=True) == first
    fresh = sam_socket.emit("vote", {**vote, "op_id": "vote-retry-2"}, callback=True)
    assert fresh["error"]["code"] == "invalid_state"
    assert _count(session, LiveEvent) == 3


def test_statements_per_change_do_not_grow_with_the_day(live_day, make_stakeholder, connect,
                                                        session, app):
    """Every statement is a round trip a change waits on: a vote, a comment and a proposal
    each cost the same few, however many votes and comments the day already holds."""
    sockets = [connect(make_stakeholder(f"Person {n}", "CMI")) for n in range(6)]
    proposal_id = propose(sockets[0], live_day, item_of(live_day))["change"]["data"][
        "proposal"]["id"]
    day_id = live_day.id
    second_item = proposal_payload(live_day, item_of(live_day, index=1))
    statements = []

    def count(*_args):
        statements.append(1)

    def cost(socket, event, **payload):
        statements.clear()
        ack = socket.emit(event, {"op_id": op_id(), "review_day_id": day_id, **payload},
                          callback=True)
        assert ack["ok"], ack
        return len(statements)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        first = [cost(sockets[0], "vote", proposal_id=proposal_id, choice="agree"),
                 cost(sockets[0], "comment", proposal_id=proposal_id, text="First.")]
        for socket in sockets[1:]:
            cost(socket, "vote", proposal_id=proposal_id, choice="disagree")
            cost(socket, "comment", proposal_id=proposal_id, text="More.")
        later = [cost(sockets[1], "vote", proposal_id=proposal_id, choice="agree"),
                 cost(sockets[2], "comment", proposal_id=proposal_id, text="Last.")]
        proposing = cost(sockets[3], "propose", **second_item)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    # Who and which day (1); to vote, the proposal with its votes (1) and the vote (1); a
    # comment (1, which checks its proposal); the change with its seq (1 on PostgreSQL; the
    # seq is its own statement on SQLite). A proposal: who and which day, the competency on
    # the agenda with the item, the proposal, the change.
    change = 1 if db.engine.dialect.name == "postgresql" else 2
    assert first == later == [3 + change, 2 + change]
    assert proposing == 3 + change


def test_events_that_only_read_end_without_a_rollback(live_day, make_stakeholder, connect):
    """`join` and `typing` end their transactions with COMMIT: on every ROLLBACK psycopg drops
    the statements the connection has prepared (and sends DEALLOCATE ALL), so each typing
    indicator made the changes after it be parsed and planned again."""
    sam_socket = connect(make_stakeholder())
    rollbacks = []

    def count(_connection):
        rollbacks.append(1)

    sa.event.listen(db.engine, "rollback", count)
    try:
        joined = sam_socket.emit("join", {"review_day_id": live_day.id, "last_seq": 0},
                                 callback=True)
        typing = sam_socket.emit("typing", {"review_day_id": live_day.id,
                                            "item_id": item_of(live_day).id}, callback=True)
        read_only = len(rollbacks)
        refused = sam_socket.emit("vote", {"op_id": op_id(), "review_day_id": live_day.id,
                                           "proposal_id": 10**6, "choice": "agree"},
                                  callback=True)
    finally:
        sa.event.remove(db.engine, "rollback", count)
    assert joined["ok"] and "snapshot" in joined and typing == {"ok": True}
    assert read_only == 0
    # A refused change still rolls back what it began (and is counted).
    assert refused["error"]["code"] == "not_found" and len(rollbacks) == 1


def test_reconnect_replays_every_change_after_last_seq_in_order(live_day, make_stakeholder,
                                                                connect):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    for index in range(3):
        assert propose(sam_socket, live_day, item_of(live_day, index=index))["ok"]
    kim_socket.disconnect()
    for kind in ("instructor_activity", "individual_activity"):
        propose(sam_socket, live_day, item_of(live_day, kind))
    back = connect(kim, join=False)
    ack = back.emit("join", {"review_day_id": live_day.id, "last_seq": 3}, callback=True)
    assert ack["ok"] and ack["seq"] == 5
    assert [c["seq"] for c in ack["changes"]] == [4, 5]
    fresh = back.emit("join", {"review_day_id": live_day.id, "last_seq": 0}, callback=True)
    assert fresh["seq"] == 5 and len(fresh["snapshot"]["proposals"]) == 5
    assert fresh["snapshot"]["me"]["name"] == "Kim"
    ahead = back.emit("join", {"review_day_id": live_day.id, "last_seq": 99}, callback=True)
    assert "snapshot" in ahead  # a client ahead of the server is given the whole state


BAD_INPUT = [
    ("unknown field", {"evil": True}, "invalid_payload"),
    ("wrong type", {"base_version": "1"}, "invalid_payload"),
    ("oversize text", {"new_text": "x" * 2001}, "too_long"),
    ("short op_id", {"op_id": "x"}, "invalid_payload"),
    ("unknown item", {"item_id": 999999}, "not_found"),
    ("unknown competency", {"competency_id": 999999}, "not_found"),
    ("unknown category", {"category": "vibes"}, "invalid_payload"),
    ("stale version", {"base_version": 0}, "invalid_payload"),
    ("statement deleted", {"kind": "delete", "statement": True}, "invalid_payload"),
    ("same text", {"same": True}, "invalid_payload"),
]


@pytest.mark.parametrize("case", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_and_changes_nothing(case, live_day, make_stakeholder, connect,
                                                  session):
    _name, change, code = case
    socket = connect(make_stakeholder())
    item = item_of(live_day, "statement") if change.pop("statement", False) else item_of(
        live_day)
    if change.pop("same", False):
        change["new_text"] = item.text
    ack = propose(socket, live_day, item, **change)
    assert ack["ok"] is False and ack["error"]["code"] == code, ack
    assert ack["error"]["message"]
    assert _count(session, Proposal) == 0 and _count(session, LiveEvent) == 0
    assert propose(socket, live_day, item)["ok"]  # the connection stays usable


@pytest.mark.parametrize("payload", [None, "text", [1, 2], 42])
def test_non_object_payloads(payload, live_day, make_stakeholder, connect):
    socket = connect(make_stakeholder())
    for event in ("join", "propose", "vote", "decide", "typing"):
        ack = socket.emit(event, payload, callback=True)
        assert ack["error"]["code"] == "invalid_payload", (event, ack)


def test_unknown_proposal_and_agenda_ids(live_day, make_stakeholder, connect, facilitator,
                                         staff_participant, session):
    socket = connect(make_stakeholder())
    base = {"review_day_id": live_day.id}
    # A proposal of another Review Day is as unknown here as one that does not exist.
    item = item_of(live_day)
    other_day = ReviewDay(week=live_day.week, curriculum=live_day.curriculum, title="Other",
                          date=live_day.date, starts_at=live_day.starts_at,
                          ends_at=live_day.ends_at, status="live")
    session.add(other_day)
    author = Participant(review_day=other_day, name="Elsewhere", via="account")
    elsewhere = Proposal(review_day=other_day, competency_id=item.competency_id, item=item,
                         kind="replace", item_kind=item.kind, category="language",
                         new_text="Elsewhere.", author=author)
    session.add(elsewhere)
    session.commit()
    for proposal_id in (424242, elsewhere.id):
        on = {**base, "proposal_id": proposal_id}
        for event, extra in (("vote", {"choice": "agree"}), ("comment", {"text": "Hm."}),
                             ("withdraw", {})):
            ack = socket.emit(event, {**on, **extra, "op_id": op_id()}, callback=True)
            assert ack["error"]["code"] == "not_found", (event, proposal_id, ack)
    assert _count(session, Vote) == _count(session, Comment) == _count(session, LiveEvent) == 0
    fac = connect(staff_participant, user=facilitator)
    assert fac.emit("focus", {**base, "op_id": op_id(), "agenda_item_id": 424242},
                    callback=True)["error"]["code"] == "not_found"


def test_connection_without_login_or_invitation(app, live_day, connect, session):
    anonymous = connect(None)
    assert anonymous.is_connected()
    ack = anonymous.emit("join", {"review_day_id": live_day.id}, callback=True)
    assert ack["error"]["code"] == "unauthorized"
    item = item_of(live_day)
    refused = propose(anonymous, live_day, item)
    assert refused["error"]["code"] == "not_joined"
    assert _count(session, Proposal) == 0


def test_a_participant_joins_only_their_review_day(live_day, make_stakeholder, connect,
                                                   session):
    sam = make_stakeholder()
    socket = connect(sam)
    other = live_day.id + 1000
    assert socket.emit("join", {"review_day_id": other}, callback=True)["error"]["code"] in (
        "not_found", "unauthorized")
    ack = propose(socket, live_day, item_of(live_day), review_day_id=other)
    assert ack["error"]["code"] == "not_joined"


def test_revoked_invitation_is_refused_on_the_next_event(live_day, make_stakeholder, connect,
                                                         session):
    sam = make_stakeholder()
    socket = connect(sam)
    invitation = live_day.invitations[0]
    from review_app.models.curriculum import utcnow
    invitation.revoked_at = utcnow()
    session.commit()
    ack = propose(socket, live_day, item_of(live_day))
    assert ack["error"]["code"] == "unauthorized"
    assert _count(session, Proposal) == 0


def test_review_day_that_is_not_live(live_day, make_stakeholder, connect, session):
    socket = connect(make_stakeholder())
    live_day.status = "ready"
    session.commit()
    assert propose(socket, live_day, item_of(live_day))["error"]["code"] == "not_live"


def test_seq_has_no_gaps_across_event_types(live_day, make_stakeholder, connect, session,
                                            facilitator, staff_participant):
    sam_socket = connect(make_stakeholder())
    fac = connect(staff_participant, user=facilitator)
    propose(sam_socket, live_day, item_of(live_day))
    propose(sam_socket, live_day, item_of(live_day), new_text="bad" * 1000)  # refused
    fac.emit("focus", {"op_id": op_id(), "review_day_id": live_day.id,
                       "agenda_item_id": live_day.agenda[1].id}, callback=True)
    sam_socket.emit("feedback", {"op_id": op_id(), "review_day_id": live_day.id,
                                 "theme": "Tone", "text": "Warm."}, callback=True)
    seqs = session.scalars(sa.select(LiveEvent.seq).order_by(LiveEvent.seq)).all()
    assert seqs == [1, 2, 3]

