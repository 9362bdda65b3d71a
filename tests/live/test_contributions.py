"""Stakeholders' events: propose, withdraw, comment, vote, feedback; and every broadcast."""

import pytest
import sqlalchemy as sa

from review_app.models import Comment, Feedback, LiveEvent, Proposal, Vote
from review_app.quality import spelling

from .conftest import changes, item_of, op_id


def proposal_payload(day, item, **extra) -> dict:
    """A replace proposal on `item`, ready to emit."""
    return {"op_id": op_id(), "review_day_id": day.id, "kind": "replace",
            "competency_id": item.competency_id, "item_id": item.id,
            "base_version": item.version, "new_text": item.text + " Updated.",
            "category": "language", "rationale": "Clearer.", **extra}


def propose(client, day, item, **extra):
    return client.emit("propose", proposal_payload(day, item, **extra), callback=True)


def test_propose_is_stored_acked_and_broadcast_to_everyone(live_day, make_stakeholder, connect,
                                                           session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    item = item_of(live_day)
    ack = propose(sam_socket, live_day, item)
    assert ack["ok"] and ack["seq"] == 1
    change = ack["change"]
    assert change["type"] == "proposal.created" and change["seq"] == 1
    assert change["actor"] == {"id": sam.id, "name": "Sam Stakeholder", "organisation": "FMLM"}
    proposal = change["data"]["proposal"]
    assert proposal["base_text"] == item.text and proposal["base_version"] == item.version
    assert proposal["new_text"].endswith("Updated.") and proposal["status"] == "open"
    assert changes(kim_socket) == [change]
    assert session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 1
    assert session.scalar(sa.select(LiveEvent.seq)) == 1


def test_every_kind_of_proposal(live_day, make_stakeholder, connect):
    socket = connect(make_stakeholder())
    outcome, activity = item_of(live_day), item_of(live_day, "instructor_activity")
    competency = outcome.competency_id
    acks = [
        propose(socket, live_day, activity, field="title", new_title="Matrix Workshop",
                new_text=None),
        propose(socket, live_day, outcome, kind="delete", new_text=None),
        propose(socket, live_day, outcome, kind="move", new_position=2, new_text=None),
        socket.emit("propose", {"op_id": op_id(), "review_day_id": live_day.id, "kind": "add",
                                "competency_id": competency, "item_kind": "individual_activity",
                                "new_title": "Shadowing", "new_text": "Shadow a manager.",
                                "category": "example"}, callback=True),
    ]
    assert [a["ok"] for a in acks] == [True] * 4, acks
    assert [a["seq"] for a in acks] == [1, 2, 3, 4]
    kinds = [(a["change"]["data"]["proposal"]["kind"], a["change"]["data"]["proposal"]["field"])
             for a in acks]
    assert kinds == [("replace", "title"), ("delete", "text"), ("move", "text"), ("add", "text")]


def test_comment_vote_change_vote_and_withdraw(live_day, make_stakeholder, connect, session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    proposal_id = propose(sam_socket, live_day, item_of(live_day))["change"]["data"][
        "proposal"]["id"]
    ack = kim_socket.emit("comment", {"op_id": op_id(), "review_day_id": live_day.id,
                                      "proposal_id": proposal_id, "text": "Good idea"},
                          callback=True)
    assert ack["change"]["data"]["comment"]["author"]["organisation"] == "CMI"
    vote = {"review_day_id": live_day.id, "proposal_id": proposal_id}
    assert kim_socket.emit("vote", {**vote, "op_id": op_id(), "choice": "agree"},
                           callback=True)["change"]["data"]["tally"]["agree"] == 1
    ack = kim_socket.emit("vote", {**vote, "op_id": op_id(), "choice": "disagree"},
                          callback=True)
    assert ack["change"]["data"]["tally"] == {"agree": 0, "disagree": 1, "abstain": 0}
    assert session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 1
    assert session.scalar(sa.select(Comment.text)) == "Good idea"
    # only the author may withdraw
    refused = kim_socket.emit("withdraw", {"op_id": op_id(), "review_day_id": live_day.id,
                                           "proposal_id": proposal_id}, callback=True)
    assert refused["error"]["code"] == "forbidden"
    ack = sam_socket.emit("withdraw", {"op_id": op_id(), "review_day_id": live_day.id,
                                       "proposal_id": proposal_id}, callback=True)
    assert ack["change"]["data"] == {"proposal_id": proposal_id, "status": "withdrawn"}
    again = kim_socket.emit("vote", {**vote, "op_id": op_id(), "choice": "agree"}, callback=True)
    assert again["error"]["code"] == "invalid_state"


def test_general_feedback_for_day_and_competency(live_day, make_stakeholder, connect, session):
    sam = make_stakeholder()
    socket = connect(sam)
    base = {"review_day_id": live_day.id, "theme": "Pitch and level"}
    day_wide = socket.emit("feedback", {**base, "op_id": op_id(), "text": "Pitched well."},
                           callback=True)
    competency = live_day.agenda[1].competency_id
    one = socket.emit("feedback", {**base, "op_id": op_id(), "text": "Too long.",
                                   "competency_id": competency}, callback=True)
    assert day_wide["ok"] and one["ok"]
    assert one["change"]["data"]["feedback"]["competency_id"] == competency
    assert session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 2
    # Stored as Sam's, and shown with Sam's organisation.
    assert set(session.scalars(sa.select(Feedback.author_id))) == {sam.id}
    assert one["change"]["data"]["feedback"]["author"] == {
        "id": sam.id, "name": "Sam Stakeholder", "organisation": "FMLM", "staff": False}


def test_typing_and_presence_are_ephemeral(live_day, make_stakeholder, connect, session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket = connect(sam)
    kim_socket = connect(kim, join=False)
    kim_socket.emit("join", {"review_day_id": live_day.id}, callback=True)
    presence = [m["args"][0] for m in sam_socket.get_received() if m["name"] == "presence"]
    assert {p["name"] for p in presence[-1]["present"]} == {"Sam Stakeholder", "Kim"}
    assert sam_socket.emit("typing", {"review_day_id": live_day.id, "item_id": 5},
                           callback=True) == {"ok": True}
    typing = [m["args"][0] for m in kim_socket.get_received() if m["name"] == "typing"]
    assert typing[0]["who"]["name"] == "Sam Stakeholder" and typing[0]["item_id"] == 5
    assert session.scalar(sa.select(sa.func.count()).select_from(LiveEvent)) == 0
    kim_socket.disconnect()
    presence = [m["args"][0] for m in sam_socket.get_received() if m["name"] == "presence"]
    assert [p["name"] for p in presence[-1]["present"]] == ["Sam Stakeholder"]


@pytest.mark.skipif(not spelling.DICTIONARY.with_suffix(".dic").exists(),
                    reason="hunspell-en-gb is not installed")
def test_a_proposal_says_which_findings_it_fixes_in_its_broadcast_and_the_snapshot(
        live_day, make_stakeholder, connect, session):
    sam, kim = make_stakeholder(), make_stakeholder("Kim", "CMI")
    sam_socket, kim_socket = connect(sam), connect(kim)
    activity = item_of(live_day, "instructor_activity", 2)
    assert "wellbeing programs" in activity.text
    ack = propose(sam_socket, live_day, activity,
                  new_text=activity.text.replace("programs", "programmes"))
    fixes = [{"rule": "uk-spelling", "message": "“programs” is an American spelling."}]
    assert ack["change"]["data"]["proposal"]["fixes"] == fixes
    assert changes(kim_socket)[0]["data"]["proposal"]["fixes"] == fixes
    other = propose(sam_socket, live_day, item_of(live_day))  # fixes nothing
    assert other["change"]["data"]["proposal"]["fixes"] == []
    titled = item_of(live_day, "instructor_activity", 0)
    titled.title = "Wellbeing Programs Workshop"  # a title is checked as a title
    session.commit()
    retitled = propose(sam_socket, live_day, titled, field="title", new_text=None,
                       new_title="Wellbeing Programmes Workshop")
    title_fixes = [{"rule": "uk-spelling", "message": "“Programs” is an American spelling."}]
    assert retitled["change"]["data"]["proposal"]["fixes"] == title_fixes
    late = connect(make_stakeholder("Lee", "NHS England"), join=False)
    snapshot = late.emit("join", {"review_day_id": live_day.id}, callback=True)["snapshot"]
    assert [p["fixes"] for p in snapshot["proposals"]] == [fixes, [], title_fixes]
