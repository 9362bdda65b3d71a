"""The facilitator's events: decide (with conflicts), focus, timer, open and close."""

import sqlalchemy as sa

from review_app.models import Decision, Proposal

from .conftest import changes, item_of, op_id
from .test_contributions import propose


def _decide(socket, day, proposal_id, **extra):
    payload = {"op_id": op_id(), "review_day_id": day.id, "proposal_id": proposal_id,
               "outcome": "accept", "reason": "Agreed by the room."}
    payload.update(extra)
    return socket.emit("decide", payload, callback=True)


def test_decide_is_broadcast_with_reason(live_day, make_stakeholder, connect, facilitator,
                                         staff_participant, session):
    sam = make_stakeholder()
    sam_socket = connect(sam)
    fac_socket = connect(staff_participant, user=facilitator)
    proposal_id = propose(sam_socket, live_day, item_of(live_day))["change"]["data"][
        "proposal"]["id"]
    sam_socket.get_received()
    ack = _decide(fac_socket, live_day, proposal_id, outcome="accept_amended",
                  amended_text="Apply tools well.")
    assert ack["ok"], ack
    data = changes(sam_socket)[0]["data"]
    assert data["status"] == "accepted_amended"
    assert data["decision"]["reason"] == "Agreed by the room."
    assert data["decision"]["amended_text"] == "Apply tools well."
    assert data["decision"]["decided_by"] == "Fran Facilitator"
    assert _decide(fac_socket, live_day, proposal_id)["error"]["code"] == "invalid_state"


def test_every_outcome_sets_the_status(live_day, make_stakeholder, connect, facilitator,
                                       staff_participant, session):
    sam_socket = connect(make_stakeholder())
    fac_socket = connect(staff_participant, user=facilitator)
    outcomes = {"accept": "accepted", "reject": "rejected", "defer": "deferred"}
    for index, (outcome, status) in enumerate(outcomes.items()):
        item = item_of(live_day, index=index)
        proposal_id = propose(sam_socket, live_day, item)["change"]["data"]["proposal"]["id"]
        assert _decide(fac_socket, live_day, proposal_id, outcome=outcome)["ok"]
        assert session.get(Proposal, proposal_id).status == status


def test_stakeholder_cannot_decide_focus_time_or_close(live_day, make_stakeholder, connect,
                                                       session):
    sam_socket = connect(make_stakeholder())
    proposal_id = propose(sam_socket, live_day, item_of(live_day))["change"]["data"][
        "proposal"]["id"]
    agenda_id = live_day.agenda[0].id
    for event, payload in [("decide", {"proposal_id": proposal_id, "outcome": "accept",
                                       "reason": "I like it"}),
                           ("focus", {"agenda_item_id": agenda_id}),
                           ("timer", {"agenda_item_id": agenda_id, "action": "start"}),
                           ("status", {"status": "closed"})]:
        ack = sam_socket.emit(event, {"op_id": op_id(), "review_day_id": live_day.id,
                                      **payload}, callback=True)
        assert ack["error"]["code"] == "forbidden", (event, ack)
    assert session.scalar(sa.select(sa.func.count()).select_from(Decision)) == 0
    session.refresh(live_day)
    assert live_day.status == "live" and live_day.last_seq == 1


def test_conflict_when_the_item_changed_since_the_proposal(live_day, make_stakeholder, connect,
                                                           facilitator, staff_participant,
                                                           session):
    sam_socket = connect(make_stakeholder())
    fac_socket = connect(staff_participant, user=facilitator)
    item = item_of(live_day)
    proposal_id = propose(sam_socket, live_day, item)["change"]["data"]["proposal"]["id"]
    item.text, item.version = "Changed by someone else.", item.version + 1
    session.commit()
    refused = _decide(fac_socket, live_day, proposal_id)
    assert refused["error"]["code"] == "conflict"
    assert refused["error"]["details"]["current_text"] == "Changed by someone else."
    assert session.get(Proposal, proposal_id).status == "open"
    # a stale proposal is refused as well
    stale = propose(sam_socket, live_day, item, base_version=item.version - 1)
    assert stale["error"]["code"] == "stale_version"
    confirmed = _decide(fac_socket, live_day, proposal_id, confirm_conflict=True)
    assert confirmed["ok"] and confirmed["change"]["data"]["decision"]["conflict"] is True
    assert session.get(Proposal, proposal_id).decision.conflict


def test_focus_and_timer(live_day, make_stakeholder, connect, facilitator, staff_participant,
                         session):
    sam_socket = connect(make_stakeholder())
    fac_socket = connect(staff_participant, user=facilitator)
    second = live_day.agenda[1]
    ack = fac_socket.emit("focus", {"op_id": op_id(), "review_day_id": live_day.id,
                                    "agenda_item_id": second.id}, callback=True)
    assert ack["change"]["data"]["competency_id"] == second.competency_id
    base = {"review_day_id": live_day.id, "agenda_item_id": second.id}
    started = fac_socket.emit("timer", {**base, "op_id": op_id(), "action": "start"},
                              callback=True)["change"]["data"]["timers"]
    assert [t["running"] for t in started] == [False, True]
    extended = fac_socket.emit("timer", {**base, "op_id": op_id(), "action": "extend",
                                         "minutes": 5}, callback=True)
    assert extended["change"]["data"]["timers"][1]["extra_minutes"] == 5
    paused = fac_socket.emit("timer", {**base, "op_id": op_id(), "action": "pause"},
                             callback=True)["change"]["data"]["timers"]
    assert paused[1]["running"] is False
    assert [c["type"] for c in changes(sam_socket)] == ["focus.changed"] + ["timer.changed"] * 3
    session.refresh(live_day)
    assert live_day.focus_agenda_item_id == second.id


def test_closing_stops_proposing_but_not_reading(live_day, make_stakeholder, connect,
                                                 facilitator, staff_participant, session):
    sam = make_stakeholder()
    sam_socket = connect(sam)
    fac_socket = connect(staff_participant, user=facilitator)
    proposal_id = propose(sam_socket, live_day, item_of(live_day))["change"]["data"][
        "proposal"]["id"]
    fac_socket.emit("timer", {"op_id": op_id(), "review_day_id": live_day.id,
                              "agenda_item_id": live_day.agenda[0].id, "action": "start"},
                    callback=True)
    ack = fac_socket.emit("status", {"op_id": op_id(), "review_day_id": live_day.id,
                                     "status": "closed"}, callback=True)
    assert ack["change"]["data"]["status"] == "closed"
    session.expire_all()
    assert all(a.timer_started_at is None for a in live_day.agenda)  # closing stops the clock
    refused = propose(sam_socket, live_day, item_of(live_day, index=1))
    assert refused["error"]["code"] == "not_live"
    assert _decide(fac_socket, live_day, proposal_id)["ok"]  # deciding after the call is fine
    rejoin = sam_socket.emit("join", {"review_day_id": live_day.id}, callback=True)
    assert rejoin["ok"] and rejoin["snapshot"]["status"] == "closed"
    assert len(rejoin["snapshot"]["proposals"]) == 1
    reopened = fac_socket.emit("status", {"op_id": op_id(), "review_day_id": live_day.id,
                                          "status": "live"}, callback=True)
    assert reopened["ok"] and propose(sam_socket, live_day, item_of(live_day, index=1))["ok"]


def test_accepted_proposals_go_onto_the_implementation_board(live_day, make_stakeholder,
                                                             connect, facilitator,
                                                             staff_participant, session):
    from review_app.models import Change

    sam_socket = connect(make_stakeholder())
    fac_socket = connect(staff_participant, user=facilitator)
    ids = [propose(sam_socket, live_day, item_of(live_day, index=i))["change"]["data"][
        "proposal"]["id"] for i in range(3)]
    _decide(fac_socket, live_day, ids[0], outcome="accept_amended", amended_text="Tidy.")
    _decide(fac_socket, live_day, ids[1], outcome="reject")
    _decide(fac_socket, live_day, ids[2], outcome="accept")
    changes_made = session.scalars(sa.select(Change).order_by(Change.proposal_id)).all()
    assert [(c.proposal_id, c.state, c.accepted_text) for c in changes_made] == [
        (ids[0], "to_do", "Tidy."),
        (ids[2], "to_do", session.get(Proposal, ids[2]).new_text)]
