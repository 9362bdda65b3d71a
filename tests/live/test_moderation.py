"""The facilitator's moderation: remove a participant from the day (every socket of theirs
sent away at once, every later event and visit refused), and reject or hide all their
proposals at once with a reason."""

import sqlalchemy as sa

from review_app.models import Decision, Participant, Proposal

from ..factories import hold_participant
from .conftest import changes, item_of, op_id
from .test_contributions import propose


def _moderate(socket, day, participant, action, reason="Disrupting the call."):
    return socket.emit("moderate", {"op_id": op_id(), "review_day_id": day.id,
                                    "participant_id": participant.id, "action": action,
                                    "reason": reason}, callback=True)


def _proposals(session, author) -> list[Proposal]:
    session.expire_all()
    return list(session.scalars(sa.select(Proposal).where(Proposal.author_id == author.id)
                                .order_by(Proposal.id)))


def test_removing_a_participant_sends_every_socket_of_theirs_away_at_once(
        app, live_day, make_stakeholder, connect, facilitator, staff_participant, session):
    troll, kim = make_stakeholder("Troll", "CMI"), make_stakeholder("Kim", "FNF")
    tabs = [connect(troll), connect(troll)]
    kim_socket = connect(kim)
    fac = connect(staff_participant, user=facilitator)
    ack = _moderate(fac, live_day, troll, "remove")
    assert ack["ok"] and ack["change"]["type"] == "participant.removed"
    assert ack["change"]["data"] == {"participant_id": troll.id, "name": "Troll",
                                     "reason": "Disrupting the call."}
    for tab in tabs:
        assert not tab.is_connected()
    assert [c["type"] for c in changes(kim_socket)] == ["participant.removed"]
    assert kim_socket.is_connected()
    session.expire_all()
    assert session.get(Participant, troll.id).removed_at is not None
    # Coming back: a new socket, the page, and the invitation link are all refused.
    again = connect(troll, join=False)
    refused = again.emit("join", {"review_day_id": live_day.id}, callback=True)
    assert refused["error"]["code"] == "removed"
    browser = app.test_client()
    hold_participant(browser, troll)
    page = browser.get(f"/live/{live_day.id}")
    assert page.status_code == 403
    assert "You have been removed from this Review Day" in page.get_data(as_text=True)


def test_a_removed_participant_hears_why_before_the_socket_closes(
        app, live_day, make_stakeholder, connect, facilitator, staff_participant):
    from review_app.extensions import socketio

    troll = make_stakeholder("Troll", "CMI")
    tab = connect(troll)
    received = []
    original = socketio.server.disconnect

    def note_then_disconnect(sid, namespace=None, **kwargs):
        received.extend(m["name"] for m in tab.get_received())
        return original(sid, namespace=namespace, **kwargs)

    socketio.server.disconnect = note_then_disconnect
    try:
        _moderate(connect(staff_participant, user=facilitator), live_day, troll, "remove")
    finally:
        socketio.server.disconnect = original
    assert "removed" in received


def test_only_the_facilitator_moderates_and_not_staff(live_day, make_stakeholder, connect,
                                                      facilitator, staff_participant,
                                                      session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket = connect(sam)
    assert _moderate(sam_socket, live_day, kim, "remove")["error"]["code"] == "forbidden"
    fac = connect(staff_participant, user=facilitator)
    staff = _moderate(fac, live_day, staff_participant, "remove")
    assert staff["error"]["code"] == "forbidden"
    unknown = fac.emit("moderate", {"op_id": op_id(), "review_day_id": live_day.id,
                                    "participant_id": 424242, "action": "remove",
                                    "reason": "x"}, callback=True)
    assert unknown["error"]["code"] == "not_found"
    no_reason = fac.emit("moderate", {"op_id": op_id(), "review_day_id": live_day.id,
                                      "participant_id": kim.id, "action": "remove",
                                      "reason": "  "}, callback=True)
    assert no_reason["error"]["code"] == "invalid_payload"
    session.expire_all()
    assert session.get(Participant, kim.id).removed_at is None


def test_reject_all_open_proposals_of_a_participant_with_a_reason(
        live_day, make_stakeholder, connect, facilitator, staff_participant, session):
    spammer, kim = make_stakeholder("Spammer", "CMI"), make_stakeholder("Kim", "FNF")
    spam_socket, kim_socket = connect(spammer), connect(kim)
    made = [propose(spam_socket, live_day, item_of(live_day, index=i)) for i in range(3)]
    spam_socket.emit("withdraw", {"op_id": op_id(), "review_day_id": live_day.id,
                                  "proposal_id": made[2]["change"]["data"]["proposal"]["id"]},
                     callback=True)
    kims = propose(kim_socket, live_day, item_of(live_day))["change"]["data"]["proposal"]
    fac = connect(staff_participant, user=facilitator)
    ack = _moderate(fac, live_day, spammer, "reject_proposals", "Spam.")
    assert ack["ok"] and ack["change"]["type"] == "proposals.rejected"
    data = ack["change"]["data"]
    assert data["proposal_ids"] == [m["change"]["data"]["proposal"]["id"] for m in made[:2]]
    assert data["status"] == "rejected" and data["decision"]["reason"] == "Spam."
    statuses = [(p.status, p.decision.reason if p.decision else None)
                for p in _proposals(session, spammer)]
    assert statuses == [("rejected", "Spam."), ("rejected", "Spam."), ("withdrawn", None)]
    assert session.get(Proposal, kims["id"]).status == "open"
    again = _moderate(fac, live_day, spammer, "reject_proposals", "Spam.")
    assert again["error"]["code"] == "invalid_state"


def test_hidden_proposals_leave_everyone_s_view_decided_with_a_reason(
        live_day, make_stakeholder, connect, facilitator, staff_participant, session):
    spammer, kim = make_stakeholder("Spammer", "CMI"), make_stakeholder("Kim", "FNF")
    spam_socket, kim_socket = connect(spammer), connect(kim)
    spam = [propose(spam_socket, live_day, item_of(live_day, index=i))["change"]["data"][
        "proposal"]["id"] for i in range(2)]
    kims = propose(kim_socket, live_day, item_of(live_day))["change"]["data"]["proposal"]["id"]
    fac = connect(staff_participant, user=facilitator)
    ack = _moderate(fac, live_day, spammer, "hide_proposals", "Offensive.")
    assert ack["ok"] and ack["change"]["data"]["proposal_ids"] == spam
    hidden = _proposals(session, spammer)
    assert {(p.status, p.decision.reason, p.hidden_at is not None) for p in hidden} == {
        ("rejected", "Offensive.", True)}
    assert session.scalar(sa.select(sa.func.count()).select_from(Decision)) == 2
    snapshot = kim_socket.emit("join", {"review_day_id": live_day.id}, callback=True)[
        "snapshot"]
    assert [p["id"] for p in snapshot["proposals"]] == [kims]
    comment = kim_socket.emit("comment", {"op_id": op_id(), "review_day_id": live_day.id,
                                          "proposal_id": spam[0], "text": "Hm."},
                              callback=True)
    assert comment["error"]["code"] == "not_found"
