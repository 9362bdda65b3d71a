"""Changes from decisions, assignment, states, and applying them to the curriculum."""

import random
from datetime import date

import pytest

from review_app.auth.permissions import PermissionDenied
from review_app.implement.edits import ordered
from review_app.implement.services import (
    ChangeError,
    Conflict,
    Resolution,
    apply_change,
    assign_change,
    change_for_decision,
    set_change_state,
)
from review_app.models import Decision

from ..reports.factories import attend, make_proposal, make_review_day, make_stakeholders, make_user

MONDAY = date(2025, 7, 7)


@pytest.fixture
def day_setup(session, sample_curriculum):
    rng = random.Random(3)
    facilitator = make_user(session, "facilitator", "Fiona Facilitator")
    competency = sample_curriculum.competencies()[0]
    day = make_review_day(session, sample_curriculum, MONDAY, facilitator, [competency], rng)
    people = attend(session, day, make_stakeholders(session, 3, rng), facilitator)
    return facilitator, competency, day, people[0], rng


def _proposal(session, setup, kind="replace", item_kind="outcome", **values):
    facilitator, competency, day, author, rng = setup
    proposal = make_proposal(session, day, author, competency, kind, "language", rng, item_kind)
    for name, value in values.items():
        setattr(proposal, name, value)
    session.flush()
    return proposal


def _accept(session, proposal, by, outcome="accept", amended=None):
    decision = Decision(proposal=proposal, outcome=outcome, reason="Agreed on the call.",
                        amended_text=amended, decided_by=by)
    session.add(decision)
    proposal.status = "accepted" if outcome == "accept" else outcome
    session.flush()
    return change_for_decision(session, decision)


def test_accepted_decision_makes_one_change_due_in_the_week(session, day_setup):
    facilitator = day_setup[0]
    proposal = _proposal(session, day_setup, new_text="A clearer outcome.")
    change = _accept(session, proposal, facilitator)
    assert change.state == "to_do" and change.accepted_text == "A clearer outcome."
    assert change.due_on == date(2025, 7, 11)  # the Friday of the Review Day's week
    assert change_for_decision(session, proposal.decision) is change  # a repeat makes none


def test_amended_text_is_what_was_accepted(session, day_setup):
    proposal = _proposal(session, day_setup, new_text="Proposed wording.")
    change = _accept(session, proposal, day_setup[0], "accept_amended", "Amended wording.")
    assert change.accepted_text == "Amended wording."


@pytest.mark.parametrize("outcome", ["reject", "defer"])
def test_reject_and_defer_make_no_change(session, day_setup, outcome):
    proposal = _proposal(session, day_setup)
    assert _accept(session, proposal, day_setup[0], outcome) is None


def test_apply_replace_writes_a_new_version_and_keeps_history(session, day_setup):
    facilitator = day_setup[0]
    proposal = _proposal(session, day_setup, new_text="Use tools well.")
    item, before = proposal.item, proposal.item.text
    change = _accept(session, proposal, facilitator)
    apply_change(session, change, facilitator, implemented_text="Use the tools well.")
    assert (item.version, item.text) == (2, "Use the tools well.")
    assert [(r.version, r.text) for r in item.revisions] == [(1, before),
                                                            (2, "Use the tools well.")]
    assert item.revisions[-1].author == "Fiona Facilitator"
    assert change.state == "done" and change.implemented_version == 2
    assert (change.accepted_text, change.implemented_text) == ("Use tools well.",
                                                               "Use the tools well.")
    with pytest.raises(ChangeError):
        apply_change(session, change, facilitator)


def test_apply_add_delete_and_move(session, day_setup):
    facilitator, competency = day_setup[0], day_setup[1]
    outcomes = ordered(competency, "outcome")
    add = _proposal(session, day_setup, kind="add", new_text="New outcome.", new_position=0)
    apply_change(session, _accept(session, add, facilitator), facilitator)
    assert [i.text for i in ordered(competency, "outcome")] == ["New outcome."] + [
        i.text for i in outcomes]
    delete = _proposal(session, day_setup, kind="delete", item=outcomes[1],
                       base_version=outcomes[1].version)
    change = _accept(session, delete, facilitator)
    apply_change(session, change, facilitator)
    assert outcomes[1].retired and change.previous_position == 2
    assert outcomes[1].revisions[-1].retired
    move = _proposal(session, day_setup, kind="move", item=outcomes[2],
                     base_version=outcomes[2].version, new_position=0)
    change = _accept(session, move, facilitator)
    apply_change(session, change, facilitator)
    assert ordered(competency, "outcome")[0] is outcomes[2] and change.previous_position == 2
    assert outcomes[2].version == 1  # a reorder changes no text


def test_stale_base_is_a_conflict_until_resolved(session, day_setup):
    facilitator = day_setup[0]
    first = _proposal(session, day_setup, new_text="First edit.")
    second = _proposal(session, day_setup, item=first.item, base_version=first.item.version,
                       base_text=first.item.text, new_text="Second edit.")
    apply_change(session, _accept(session, first, facilitator), facilitator)
    change = _accept(session, second, facilitator)
    with pytest.raises(Conflict) as caught:
        apply_change(session, change, facilitator)
    conflict = caught.value
    assert (conflict.baseline, conflict.current, conflict.proposed) == (
        second.base_text, "First edit.", "Second edit.")
    assert first.item.text == "First edit." and change.state == "to_do"  # nothing written
    with pytest.raises(ChangeError, match="note"):
        apply_change(session, change, facilitator,
                     resolution=Resolution("merged", "Merged edit.", ""))
    apply_change(session, change, facilitator,
                 resolution=Resolution("merged", "Merged edit.", "Kept both ideas."))
    assert first.item.text == "Merged edit." and first.item.version == 3
    assert (change.conflict_resolution, change.resolution_note) == ("merged",
                                                                    "Kept both ideas.")


def test_keep_current_resolution_writes_nothing(session, day_setup):
    facilitator = day_setup[0]
    first = _proposal(session, day_setup, new_text="First edit.")
    second = _proposal(session, day_setup, item=first.item, base_version=first.item.version,
                       new_text="Second edit.")
    apply_change(session, _accept(session, first, facilitator), facilitator)
    change = _accept(session, second, facilitator)
    apply_change(session, change, facilitator, resolution=Resolution("current"))
    assert first.item.text == "First edit." and first.item.version == 2
    assert change.state == "done" and change.implemented_text == "First edit."


def test_assign_and_states(session, day_setup):
    facilitator = day_setup[0]
    change = _accept(session, _proposal(session, day_setup), facilitator)
    lead = make_user(session, "programme_lead", "Peter Lead")
    assign_change(session, change, lead, facilitator, date(2025, 7, 9))
    assert (change.owner, change.due_on) == (facilitator, date(2025, 7, 9))
    with pytest.raises(ChangeError, match="Wednesday 9 July 2025"):
        assign_change(session, change, lead, facilitator, date(2025, 7, 14))
    set_change_state(session, change, facilitator, "in_progress")
    assert change.state == "in_progress"
    with pytest.raises(ChangeError, match="applying"):
        set_change_state(session, change, facilitator, "done")


def test_services_check_the_role(session, day_setup):
    change = _accept(session, _proposal(session, day_setup), day_setup[0])
    outsider = make_user(session, "stakeholder", "Sam Outsider")
    for call in (lambda: apply_change(session, change, outsider),
                 lambda: set_change_state(session, change, None, "in_progress"),
                 lambda: assign_change(session, change, outsider, None, None)):
        with pytest.raises(PermissionDenied):
            call()
    assert change.state == "to_do"


def test_conflict_on_removed_item_can_only_keep_current(session, day_setup):
    facilitator, competency = day_setup[0], day_setup[1]
    target = ordered(competency, "outcome")[0]
    delete = _proposal(session, day_setup, kind="delete", item=target,
                       base_version=target.version)
    edit = _proposal(session, day_setup, item=target, base_version=target.version,
                     new_text="Edited.")
    apply_change(session, _accept(session, delete, facilitator), facilitator)
    change = _accept(session, edit, facilitator)
    with pytest.raises(Conflict) as caught:
        apply_change(session, change, facilitator)
    assert caught.value.removed and caught.value.current is None
    with pytest.raises(ChangeError, match="removed"):
        apply_change(session, change, facilitator, resolution=Resolution("proposed"))
    apply_change(session, change, facilitator, resolution=Resolution("current", note="Gone."))
    assert target.retired and change.state == "done"
