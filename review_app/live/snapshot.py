"""The proposals of a join snapshot, read as rows (Core), not as ORM objects.

Loading 1,000 proposals with their 5,000 votes, 2,000 comments, authors and decisions as
objects took most of the join's 359 ms (benchmarks/README.md); the rows say the same in a
few queries, and serialise.py's `*_wire` turn them into the same wire format."""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Callable
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import Comment, Decision, Organisation, Participant, Proposal, User, Vote
from .serialise import comment_wire, decision_wire, person_wire, proposal_wire
from .statements import run


def _author(prefix: str) -> tuple[sa.Table, sa.Table, list]:
    people = Participant.__table__.alias(f"{prefix}_person")
    orgs = Organisation.__table__.alias(f"{prefix}_org")
    columns = [people.c.id.label("person_id"), people.c.name.label("author_name"),
               orgs.c.name.label("author_org"), people.c.user_id.label("author_user")]
    return people, orgs, columns


def _people() -> Callable[[Any], dict[str, Any]]:
    """`person_wire` of a row's author, built once per person: a day's thousands of
    proposals and comments are written by a few dozen people. The same dict appears in
    several places of one snapshot, which is only ever encoded, never changed."""
    made: dict[tuple, dict[str, Any]] = {}

    def author(row: Any) -> dict[str, Any]:
        key = (row.person_id, row.author_name, row.author_org, row.author_user)
        found = made.get(key)
        if found is None:
            found = made[key] = person_wire(*key)
        return found

    return author


@cache
def _record(keys: tuple[str, ...]) -> type:
    return namedtuple("Record", keys)


def _records(result: sa.CursorResult) -> list[Any]:
    """The rows as named tuples: `*_wire` reads some 20 columns of each by name, and a
    named tuple's attribute costs a tenth of a SQLAlchemy Row's (about 250 ns)."""
    return list(map(_record(tuple(result.keys()))._make, result.all()))


@cache
def _queries() -> tuple[sa.Select, sa.Select, sa.Select]:
    """The newest proposals with author and decision; their votes; their comments."""
    proposals, decisions = Proposal.__table__, Decision.__table__
    people, orgs, author = _author("p")
    deciders = User.__table__.alias("decider")
    newest = (sa.select(proposals, *author,
                        decisions.c.id.label("decision_id"), decisions.c.outcome,
                        decisions.c.reason, decisions.c.amended_text, decisions.c.conflict,
                        decisions.c.decided_at, deciders.c.name.label("decided_by"))
              .join(people, people.c.id == proposals.c.author_id)
              .outerjoin(orgs, orgs.c.id == people.c.organisation_id)
              .outerjoin(decisions, decisions.c.proposal_id == proposals.c.id)
              .outerjoin(deciders, deciders.c.id == decisions.c.decided_by_id)
              .where(proposals.c.review_day_id == sa.bindparam("review_day_id"),
                     proposals.c.hidden_at.is_(None))
              .order_by(proposals.c.id.desc()).limit(sa.bindparam("limit")))
    at_least = sa.bindparam("first_id")
    votes = Vote.__table__
    day_votes = (sa.select(votes.c.proposal_id, votes.c.voter_id, votes.c.choice)
                 .join(proposals, proposals.c.id == votes.c.proposal_id)
                 .where(proposals.c.review_day_id == sa.bindparam("review_day_id"),
                        votes.c.proposal_id >= at_least))
    comments = Comment.__table__
    people, orgs, author = _author("c")
    day_comments = (sa.select(comments, *author)
                    .join(proposals, proposals.c.id == comments.c.proposal_id)
                    .join(people, people.c.id == comments.c.author_id)
                    .outerjoin(orgs, orgs.c.id == people.c.organisation_id)
                    .where(proposals.c.review_day_id == sa.bindparam("review_day_id"),
                           comments.c.proposal_id >= at_least)
                    .order_by(comments.c.id))
    return newest, day_votes, day_comments


def newest_proposals(session: Session, review_day_id: int,
                     limit: int) -> tuple[list[dict[str, Any]], bool]:
    """The newest `limit` proposals on the wire, oldest first, and whether there are more."""
    newest, day_votes, day_comments = _queries()
    rows = _records(run(session, newest, {"review_day_id": review_day_id, "limit": limit + 1}))
    more, rows = len(rows) > limit, rows[:limit][::-1]
    if not rows:
        return [], more
    # Everything from the oldest shown proposal on (a few of them may be hidden: skipped).
    after = {"review_day_id": review_day_id, "first_id": rows[0].id}
    # Fetched whole (`.all()`): row by row, the driver's fetchone cost more than the SQL.
    votes: dict[int, dict[str, str]] = defaultdict(dict)
    for proposal_id, voter_id, choice in run(session, day_votes, after).all():
        votes[proposal_id][str(voter_id)] = choice
    person = _people()
    comments: dict[int, list] = defaultdict(list)
    for comment in _records(run(session, day_comments, after)):
        comments[comment.proposal_id].append(comment_wire(comment, person(comment)))
    return [proposal_wire(row, person(row), votes.get(row.id, {}), comments.get(row.id, []),
                          None if row.decision_id is None else decision_wire(row, row.decided_by))
            for row in rows], more
