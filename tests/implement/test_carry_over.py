"""Deferred proposals carry over into a later Review Day's preparation."""

import random
from datetime import date, datetime

import pytest

from review_app.auth.permissions import PermissionDenied
from review_app.implement.carry_over import carry_proposals, carry_targets, deferred_proposals
from review_app.implement.services import ChangeError

from ..reports.factories import (
    attend,
    decide,
    make_proposal,
    make_review_day,
    make_stakeholders,
    make_user,
)


@pytest.fixture
def deferred(session, sample_curriculum):
    rng = random.Random(5)
    facilitator = make_user(session, "facilitator", "Fiona Facilitator")
    first, second = sample_curriculum.competencies()[:2]
    day = make_review_day(session, sample_curriculum, date(2025, 7, 7), facilitator,
                          [first, second], rng)
    author = attend(session, day, make_stakeholders(session, 2, rng), facilitator)[0]
    found = []
    for competency, outcome in ((first, "defer"), (second, "defer"), (first, "reject")):
        proposal = make_proposal(session, day, author, competency, "replace", "terminology",
                                 rng)
        decide(session, proposal, outcome, facilitator, rng, datetime(2025, 7, 8, 11))
        found.append(proposal)
    later = make_review_day(session, sample_curriculum, date(2025, 7, 14), facilitator,
                            [second], rng)
    later.status = "draft"
    session.flush()
    return facilitator, found, later


def test_deferred_not_carried_are_listed(session, sample_curriculum, deferred):
    _, (one, two, rejected), _ = deferred
    assert deferred_proposals(session, sample_curriculum) == [one, two]
    assert deferred_proposals(session) == [one, two]


def test_carry_adds_the_competency_with_a_prompt(session, sample_curriculum, deferred):
    facilitator, (one, two, _), later = deferred
    assert carry_targets(session) == [later]
    before = len(later.agenda)
    carry_proposals(session, facilitator, [one, two], later)
    assert one.carried_to_review_day_id == later.id == two.carried_to_review_day_id
    assert len(later.agenda) == before + 1  # `two`'s competency was on the agenda already
    added = later.agenda[-1]
    assert added.competency_id == one.competency_id
    assert f"P{one.id}" in added.prompts and "Tuesday 8 July 2025" in added.prompts
    assert one.decision.reason in added.prompts
    existing = next(a for a in later.agenda if a.competency_id == two.competency_id)
    assert existing.prompts.startswith("Is the pitch right?") and f"P{two.id}" in existing.prompts
    assert deferred_proposals(session, sample_curriculum) == []


def test_carry_refuses_what_does_not_fit(session, deferred):
    facilitator, (one, _, rejected), later = deferred
    with pytest.raises(ChangeError, match="not a deferred proposal"):
        carry_proposals(session, facilitator, [rejected], later)
    earlier = make_review_day(session, later.curriculum, date(2025, 6, 30), facilitator, [],
                              random.Random(1))
    earlier.status = "draft"
    with pytest.raises(ChangeError, match="later Review Day"):
        carry_proposals(session, facilitator, [one], earlier)
    later.status = "ready"
    with pytest.raises(ChangeError, match="still in preparation"):
        carry_proposals(session, facilitator, [one], later)
    lead = make_user(session, "programme_lead", "Peter Lead")
    later.status = "draft"
    with pytest.raises(PermissionDenied):
        carry_proposals(session, lead, [one], later)
    assert one.carried_to_review_day_id is None
