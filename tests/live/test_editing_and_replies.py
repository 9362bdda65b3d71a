"""Issue 13: a proposer edits their open proposal (a change of its own in the log), replies
thread under a comment, a plain acceptance needs no reason, and closing stops the timers."""

import sqlalchemy as sa

from review_app.models import Comment, LiveEvent, Proposal, Vote

from .conftest import changes, item_of, op_id
from .test_contributions import propose
from .test_facilitation import _decide


def _edit(socket, day, proposal_id, **fields):
    return socket.emit("edit_proposal", {"op_id": op_id(), "review_day_id": day.id,
                                         "proposal_id": proposal_id, **fields}, callback=True)


def _comment(socket, day, proposal_id, text, **extra):
    return socket.emit("comment", {"op_id": op_id(), "review_day_id": day.id,
                                   "proposal_id": proposal_id, "text": text, **extra},
                       callback=True)


def test_an_author_edits_their_open_proposal_and_everyone_receives_it(
        live_day, make_stakeholder, connect, session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    item = item_of(live_day)
    proposal_id = propose(sam_socket, live_day, item)["change"]["data"]["proposal"]["id"]
    vote = kim_socket.emit("vote", {"op_id": op_id(), "review_day_id": live_day.id,
                                    "proposal_id": proposal_id, "choice": "agree"},
                           callback=True)
    assert vote["ok"], vote
    kim_socket.get_received()

    ack = _edit(sam_socket, live_day, proposal_id, new_text="Apply tools in plain words.",
                rationale="Plainer still.")
    assert ack["ok"], ack
    change = ack["change"]
    edited = change["data"]["proposal"]
    assert change["type"] == "proposal.edited" and change["seq"] == 3
    assert edited["new_text"] == "Apply tools in plain words." and edited["edited_at"]
    assert edited["rationale"] == "Plainer still." and edited["base_text"] == item.text
    # Agreeing with the old wording is not agreeing with the new one.
    assert edited["tally"] == {"agree": 0, "disagree": 0, "abstain": 0}
    assert changes(kim_socket) == [change]
    stored = session.get(Proposal, proposal_id)
    session.refresh(stored)
    assert stored.new_text == "Apply tools in plain words." and stored.status == "open"
    assert session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 0

    # A new rationale alone keeps the votes.
    kim_socket.emit("vote", {"op_id": op_id(), "review_day_id": live_day.id,
                             "proposal_id": proposal_id, "choice": "agree"}, callback=True)
    again = _edit(sam_socket, live_day, proposal_id, rationale="Plainest.")
    assert again["ok"] and again["change"]["data"]["proposal"]["tally"]["agree"] == 1


def test_edits_that_are_refused_change_nothing(live_day, make_stakeholder, connect,
                                               facilitator, staff_participant, session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    fac_socket = connect(staff_participant, user=facilitator)
    item = item_of(live_day)
    proposal_id = propose(sam_socket, live_day, item)["change"]["data"]["proposal"]["id"]
    refusals = [
        (kim_socket, {"new_text": "Someone else's words."}, "forbidden"),
        (sam_socket, {"new_position": 2}, "invalid_payload"),  # a reword has no position
        (sam_socket, {"new_text": item.text}, "invalid_payload"),  # back to the current text
        (sam_socket, {}, "invalid_payload"),  # nothing changed
        (sam_socket, {"new_text": ""}, "invalid_payload"),
        (sam_socket, {"new_text": "x" * 2001}, "too_long"),
    ]
    for socket, fields, code in refusals:
        ack = _edit(socket, live_day, proposal_id, **fields)
        assert not ack["ok"] and ack["error"]["code"] == code, (fields, ack)
    assert _edit(sam_socket, live_day, 999999, new_text="Nope.")["error"]["code"] == "not_found"
    assert _decide(fac_socket, live_day, proposal_id)["ok"]
    decided = _edit(sam_socket, live_day, proposal_id, new_text="Too late.")
    assert decided["error"]["code"] == "invalid_state"
    assert session.scalar(sa.select(sa.func.count()).select_from(LiveEvent).where(
        LiveEvent.type == "proposal.edited")) == 0
    assert session.get(Proposal, proposal_id).edited_at is None


def test_a_move_edits_its_position_and_a_new_activity_its_title(live_day, make_stakeholder,
                                                                 connect):
    socket = connect(make_stakeholder())
    outcome = item_of(live_day)
    moved = propose(socket, live_day, outcome, kind="move", new_position=2,
                    new_text=None)["change"]["data"]["proposal"]["id"]
    assert _edit(socket, live_day, moved, new_position=0)["change"]["data"]["proposal"][
        "new_position"] == 0
    added = socket.emit("propose", {
        "op_id": op_id(), "review_day_id": live_day.id, "kind": "add",
        "competency_id": outcome.competency_id, "item_kind": "individual_activity",
        "new_title": "Shadowing", "new_text": "Shadow a manager.", "category": "example"},
        callback=True)["change"]["data"]["proposal"]["id"]
    ack = _edit(socket, live_day, added, new_title="Shadowing a senior manager")
    assert ack["ok"] and ack["change"]["data"]["proposal"]["new_title"].endswith("manager")


def test_replies_thread_under_the_comment_they_answer(live_day, make_stakeholder, connect,
                                                      session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    proposal_id = propose(sam_socket, live_day, item_of(live_day))["change"]["data"][
        "proposal"]["id"]
    first = _comment(kim_socket, live_day, proposal_id, "Why shorter?")["change"]["data"][
        "comment"]
    assert first["reply_to"] is None
    kim_socket.get_received()
    reply = _comment(sam_socket, live_day, proposal_id, "Plainer.", reply_to=first["id"])
    assert reply["ok"], reply
    answer = reply["change"]["data"]["comment"]
    assert answer["reply_to"] == first["id"] and answer["author"]["name"] == "Sam Stakeholder"
    assert changes(kim_socket) == [reply["change"]]
    # A reply to a reply joins the same thread (one level).
    deeper = _comment(kim_socket, live_day, proposal_id, "Fair.", reply_to=answer["id"])
    assert deeper["change"]["data"]["comment"]["reply_to"] == first["id"]
    assert [c.parent_id for c in session.scalars(sa.select(Comment).order_by(Comment.id))] \
        == [None, first["id"], first["id"]]


def test_a_reply_to_a_comment_of_another_proposal_is_refused(live_day, make_stakeholder,
                                                            connect, session):
    socket = connect(make_stakeholder())
    one = propose(socket, live_day, item_of(live_day))["change"]["data"]["proposal"]["id"]
    two = propose(socket, live_day, item_of(live_day, index=1))["change"]["data"][
        "proposal"]["id"]
    on_one = _comment(socket, live_day, one, "On the first.")["change"]["data"]["comment"]
    for reply_to in (on_one["id"], 999999):
        ack = _comment(socket, live_day, two, "Misplaced.", reply_to=reply_to)
        error = ack["error"]
        assert error["code"] == "not_found" and error["details"]["field"] == "reply_to", ack
    assert session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 1


def test_a_plain_accept_needs_no_reason_the_others_do(live_day, make_stakeholder, connect,
                                                      facilitator, staff_participant, session):
    sam_socket = connect(make_stakeholder())
    fac_socket = connect(staff_participant, user=facilitator)
    ids = [propose(sam_socket, live_day, item_of(live_day, index=i))["change"]["data"][
        "proposal"]["id"] for i in range(3)]
    for outcome in ("reject", "defer", "accept_amended"):
        ack = _decide(fac_socket, live_day, ids[0], outcome=outcome, reason=" ",
                      amended_text="Amended.")
        assert ack["error"]["code"] == "invalid_payload", ack
        assert ack["error"]["details"]["field"] == "reason"
    assert session.get(Proposal, ids[0]).status == "open"
    plain = _decide(fac_socket, live_day, ids[0], reason="")
    assert plain["ok"] and plain["change"]["data"]["decision"]["reason"] == ""
    without = fac_socket.emit("decide", {"op_id": op_id(), "review_day_id": live_day.id,
                                         "proposal_id": ids[1], "outcome": "accept"},
                              callback=True)
    assert without["ok"], without


def test_closing_the_day_stops_every_timer_and_says_so(live_day, connect, facilitator,
                                                       staff_participant, make_stakeholder):
    fac_socket = connect(staff_participant, user=facilitator)
    sam_socket = connect(make_stakeholder())
    start = fac_socket.emit("timer", {"op_id": op_id(), "review_day_id": live_day.id,
                                      "agenda_item_id": live_day.agenda[0].id,
                                      "action": "start"}, callback=True)
    assert start["change"]["data"]["timers"][0]["running"]
    sam_socket.get_received()
    closed = fac_socket.emit("status", {"op_id": op_id(), "review_day_id": live_day.id,
                                        "status": "closed"}, callback=True)
    data = changes(sam_socket)[0]["data"]
    assert closed["ok"] and data["status"] == "closed"
    assert [t["running"] for t in data["timers"]] == [False, False]
