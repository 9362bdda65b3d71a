"""The join snapshot's proposals, read as rows, are exactly what proposal_dict says of the
same proposals as objects (votes, comments and replies, decisions, edits), newest first
within the bound, without hidden ones."""

import sqlalchemy as sa

from review_app.live.room import room_state
from review_app.live.serialise import proposal_dict
from review_app.live.snapshot import newest_proposals
from review_app.models import Proposal
from review_app.models.curriculum import utcnow

from .conftest import item_of, op_id
from .test_contributions import propose
from .test_editing_and_replies import _comment, _edit
from .test_facilitation import _decide


def test_rows_and_objects_say_the_same(live_day, make_stakeholder, connect, facilitator,
                                       staff_participant, session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    fac_socket = connect(staff_participant, user=facilitator)
    ids = [propose(sam_socket, live_day, item_of(live_day, index=i))["change"]["data"][
        "proposal"]["id"] for i in range(3)]
    kim_socket.emit("vote", {"op_id": op_id(), "review_day_id": live_day.id,
                             "proposal_id": ids[0], "choice": "agree"}, callback=True)
    first = _comment(kim_socket, live_day, ids[0], "Why?")["change"]["data"]["comment"]
    _comment(sam_socket, live_day, ids[0], "Plainer.", reply_to=first["id"])
    _comment(fac_socket, live_day, ids[1], "From the facilitator.")
    _edit(sam_socket, live_day, ids[1], new_text="Edited wording.")
    assert _decide(fac_socket, live_day, ids[2], outcome="accept_amended",
                   reason="Better.", amended_text="Amended.")["ok"]
    hidden = propose(kim_socket, live_day, item_of(live_day))["change"]["data"]["proposal"]
    session.get(Proposal, hidden["id"]).hidden_at = utcnow()
    session.commit()
    session.expire_all()

    expected = [proposal_dict(p) for p in session.scalars(
        sa.select(Proposal).where(Proposal.id.in_(ids)).order_by(Proposal.id))]
    shown, more = newest_proposals(session, live_day.id, 10)
    assert shown == expected and not more
    assert shown[0]["comments"][1]["reply_to"] == first["id"]
    assert shown[1]["edited_at"] and shown[1]["comments"][0]["author"]["staff"]
    assert shown[2]["decision"]["decided_by"] == "Fran Facilitator"

    newest_two, more = newest_proposals(session, live_day.id, 2)
    assert newest_two == expected[1:] and more
    state = room_state(session, live_day.id, sam, proposals=2, feedback=5)
    assert state["proposals"] == expected[1:] and state["more_proposals"]
