"""What every participant may do while a Review Day is live: propose, withdraw, comment,
vote and give general feedback. Each returns the change to store: (type, data)."""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import (
    AgendaItem,
    Comment,
    Competency,
    CurriculumItem,
    Feedback,
    Participant,
    Proposal,
    Vote,
)
from ..models.curriculum import utcnow
from ..models.live import tally_of
from ..models.prep import ReviewDay
from ..quality.fixes import fixes_of
from . import schemas
from .errors import LiveError
from .identity import LiveDay
from .limits import limits
from .serialise import comment_dict, feedback_dict, proposal_dict
from .statements import bound, insert_of, run, stored_columns, values_of

Result = tuple[str, dict[str, Any]]


def require_live(day: LiveDay | ReviewDay) -> None:
    if day.status != "live":
        raise LiveError("not_live")


def agenda_item_of(session: Session, day: LiveDay, competency_id: int,
                   item_id: int | None, author: Participant) -> CurriculumItem | None:
    """Check the competency is on this Review Day's agenda and that the author may open
    another proposal, and return the item of it a proposal names (None if it names none,
    or one of another competency), in one query: as a detached snapshot of what a proposal
    checks and copies, never added to the session."""
    row = run(session, _agenda_item(), {
        "review_day_id": day.id, "competency_id": competency_id, "item_id": item_id,
        "author_id": author.id}).first()
    if row is None:
        raise LiveError("not_found", "That competency is not on this Review Day's agenda.")
    most = limits()["max_open_proposals"]
    if row.open_proposals >= most:
        raise LiveError("limit_reached", f"You have {most} open proposals, the most one "
                        "person may have: wait for the facilitator to decide some, or "
                        "withdraw one.", limit=most)
    if row.id is None:
        return None
    return CurriculumItem(id=row.id, competency_id=competency_id, kind=row.kind,
                          title=row.title, text=row.text, version=row.version,
                          retired=row.retired)


@cache
def _agenda_item() -> sa.Select:
    item = CurriculumItem
    open_proposals = (sa.select(sa.func.count()).select_from(Proposal)
                      .where(Proposal.author_id == sa.bindparam("author_id"),
                             Proposal.status == "open").scalar_subquery())
    return (sa.select(item.id, item.kind, item.title, item.text, item.version, item.retired,
                      open_proposals.label("open_proposals"))
            .select_from(AgendaItem)
            .outerjoin(item, sa.and_(item.id == sa.bindparam("item_id"),
                                     item.competency_id == AgendaItem.competency_id))
            .where(AgendaItem.review_day_id == sa.bindparam("review_day_id"),
                   AgendaItem.competency_id == sa.bindparam("competency_id"))
            .limit(1))


def day_proposal(session: Session, day: LiveDay | ReviewDay, proposal_id: int) -> Proposal:
    """A proposal of this Review Day."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.review_day_id != day.id:
        raise no_such_proposal()
    return proposal


def no_such_proposal() -> LiveError:
    """What an id of a missing proposal, or of another Review Day's, gets."""
    return LiveError("not_found", "There is no such proposal on this Review Day.")


def _target(item: CurriculumItem | None, cmd: schemas.Propose) -> CurriculumItem:
    if item is None or item.retired:
        raise LiveError("not_found", "That item is not part of this competency.")
    if cmd.base_version is None:
        raise LiveError("invalid_payload", "base_version: the version you edited is required.",
                        field="base_version")
    if cmd.base_version != item.version:
        raise LiveError("stale_version", item_id=item.id, current_version=item.version,
                        current_text=item.text, current_title=item.title)
    return item


def _check_shape(cmd: schemas.Propose, item: CurriculumItem | None) -> None:
    """Which fields each kind of proposal needs (all refusals are invalid_payload)."""
    def need(ok: bool, message: str) -> None:
        if not ok:
            raise LiveError("invalid_payload", message)

    kind = item.kind if item else cmd.item_kind
    if cmd.kind == "replace":
        need(cmd.field == "text" or item.is_activity, "Only activities have a title.")
        need((cmd.new_text if cmd.field == "text" else cmd.new_title) is not None,
             f"new_{cmd.field}: the new wording is required.")
        current = item.text if cmd.field == "text" else item.title
        need((cmd.new_text if cmd.field == "text" else cmd.new_title) != current,
             "The new wording is the same as the current one.")
    elif cmd.kind == "add":
        need(kind is not None and kind != "statement",
             "item_kind: say what to add (an outcome or an activity).")
        need(cmd.new_text is not None, "new_text: the text to add is required.")
        need(not kind.endswith("_activity") or cmd.new_title is not None,
             "new_title: an activity needs a title.")
    else:
        need(item.kind != "statement", "The competency statement cannot be deleted or moved.")
        need(cmd.kind == "delete" or cmd.new_position is not None,
             "new_position: say where to move it.")


def propose(session: Session, day: LiveDay, actor: Participant,
            cmd: schemas.Propose) -> Result:
    require_live(day)
    named = agenda_item_of(session, day, cmd.competency_id, cmd.item_id, actor)
    item = None if cmd.kind == "add" else _target(named, cmd)
    _check_shape(cmd, item)
    fixes = None
    if cmd.kind == "replace":
        title = cmd.field == "title"
        fixes = fixes_of(item.kind, item.title if title else item.text,
                         cmd.new_title if title else cmd.new_text)
    proposal = Proposal(
        review_day_id=day.id, competency_id=cmd.competency_id, item_id=item.id if item else None,
        kind=cmd.kind, item_kind=item.kind if item else cmd.item_kind, field=cmd.field,
        base_version=item.version if item else None, base_text=item.text if item else None,
        base_title=item.title if item else None, new_text=cmd.new_text,
        new_title=cmd.new_title, new_position=cmd.new_position, fixes=fixes or None,
        category=cmd.category,
        rationale=cmd.rationale, status="open", author_id=actor.id, created_at=utcnow(),
        carried_to_review_day_id=None)
    proposal.id = _store(session, proposal)
    # For proposal_dict (the object stays out of the session): no votes, comments or decision.
    proposal.author, proposal.votes, proposal.comments, proposal.decision = actor, [], [], None
    return "proposal.created", {"proposal": proposal_dict(proposal)}


def withdraw(session: Session, day: LiveDay, actor: Participant,
             cmd: schemas.Withdraw) -> Result:
    require_live(day)
    proposal = day_proposal(session, day, cmd.proposal_id)
    if proposal.author_id != actor.id:
        raise LiveError("forbidden", "Only its author can withdraw a proposal.")
    if proposal.status != "open":
        raise LiveError("invalid_state", f"The proposal is already {proposal.status}.")
    proposal.status = "withdrawn"
    return "proposal.withdrawn", {"proposal_id": proposal.id, "status": proposal.status}


def comment(session: Session, day: LiveDay, actor: Participant,
            cmd: schemas.CommentOn) -> Result:
    """A comment on a proposal, or a reply under one of its comments (`reply_to`)."""
    require_live(day)
    added = Comment(proposal_id=cmd.proposal_id, author_id=actor.id, text=cmd.text,
                    created_at=utcnow())
    params = {**values_of(added, COMMENT_FIELDS), "review_day_id": day.id}
    if cmd.reply_to is None:
        added.id = run(session, _insert_comment(), params).scalar()
    else:
        row = run(session, _insert_reply(), {**params, "reply_to": cmd.reply_to}).first()
        added.id, added.parent_id = row if row else (None, None)
    if added.id is None:
        raise no_such_proposal() if cmd.reply_to is None else LiveError(
            "not_found", "There is no such comment on this proposal to reply to.",
            field="reply_to")
    added.author = actor  # for comment_dict; `added` stays out of the session
    return "comment.added", {"comment": comment_dict(added)}


def vote(session: Session, day: LiveDay, actor: Participant, cmd: schemas.VoteOn) -> Result:
    require_live(day)
    rows = run(session, _votes_query(), {"proposal_id": cmd.proposal_id}).all()
    if not rows or rows[0].review_day_id != day.id:
        raise no_such_proposal()
    if rows[0].status != "open":
        raise LiveError("invalid_state", f"Voting is closed: the proposal is {rows[0].status}.")
    choices = {r.voter_id: r.choice for r in rows if r.voter_id is not None}
    change, insert = _vote_statements()
    run(session, change if actor.id in choices else insert, {
        "proposal": cmd.proposal_id, "voter": actor.id, "chosen": cmd.choice, "at": utcnow()})
    choices[actor.id] = cmd.choice
    return "vote.cast", {"proposal_id": cmd.proposal_id, "voter_id": actor.id,
                         "choice": cmd.choice, "tally": tally_of(choices.values())}


# Proposals, comments and votes are most of a live day's changes, so they are written with
# statements built once instead of the ORM's unit of work: loading the proposal (and for a
# vote every vote on it, as objects) and flushing was half the CPU a change took in the
# server at N = 500 (benchmarks/README.md). A comment checks its proposal in its INSERT.
# Feedback is stored the same way because its author, resolve_actor's detached snapshot,
# must not join the session.

COMMENT_FIELDS = ("proposal_id", "author_id", "text", "created_at")


def _store(session: Session, row: Proposal | Feedback) -> int:
    """Insert a new row from an object kept out of the session; its id."""
    table = type(row).__table__
    return run(session, _insert_row(table), values_of(row, stored_columns(table))).scalar_one()


@cache
def _insert_row(table: sa.Table) -> sa.Insert:
    return insert_of(table, stored_columns(table)).returning(table.c.id)


@cache
def _insert_comment() -> sa.Insert:
    """INSERT … SELECT, which inserts nothing unless the proposal is of this Review Day (and
    not hidden)."""
    table = Comment.__table__
    values = sa.select(*bound(table, COMMENT_FIELDS)).where(
        sa.exists().where(Proposal.id == sa.bindparam("proposal_id"),
                          Proposal.review_day_id == sa.bindparam("review_day_id"),
                          Proposal.hidden_at.is_(None)))
    return table.insert().from_select(COMMENT_FIELDS, values).returning(table.c.id)


@cache
def _insert_reply() -> sa.Insert:
    """INSERT … SELECT of a reply, under the thread of the comment it answers (one level:
    a reply to a reply joins its thread), if that comment is on the same proposal."""
    table, parent = Comment.__table__, Comment.__table__.alias("answered")
    values = sa.select(*bound(table, COMMENT_FIELDS),
                       sa.func.coalesce(parent.c.parent_id, parent.c.id)).where(
        parent.c.id == sa.bindparam("reply_to"),
        parent.c.proposal_id == sa.bindparam("proposal_id"),
        sa.exists().where(Proposal.id == sa.bindparam("proposal_id"),
                          Proposal.review_day_id == sa.bindparam("review_day_id"),
                          Proposal.hidden_at.is_(None)))
    return (table.insert().from_select((*COMMENT_FIELDS, "parent_id"), values)
            .returning(table.c.id, table.c.parent_id))


@cache
def _votes_query() -> sa.Select:
    """A proposal's day and status, and who voted what on it: one row per vote."""
    return (sa.select(Proposal.review_day_id, Proposal.status, Vote.voter_id, Vote.choice)
            .outerjoin(Vote, Vote.proposal_id == Proposal.id)
            .where(Proposal.id == sa.bindparam("proposal_id")))


@cache
def _vote_statements() -> tuple[sa.Update, sa.Insert]:
    """Change a participant's vote on a proposal, or cast their first."""
    table = Vote.__table__
    proposal, voter = sa.bindparam("proposal"), sa.bindparam("voter")
    chosen, at = sa.bindparam("chosen"), sa.bindparam("at", type_=table.c.updated_at.type)
    change = (table.update().where(table.c.proposal_id == proposal, table.c.voter_id == voter)
              .values(choice=chosen, updated_at=at))
    insert = table.insert().values(proposal_id=proposal, voter_id=voter, choice=chosen,
                                   updated_at=at)
    return change, insert


def feedback(session: Session, day: LiveDay, actor: Participant,
             cmd: schemas.GiveFeedback) -> Result:
    require_live(day)
    if cmd.competency_id is not None:
        competency = session.get(Competency, cmd.competency_id)
        if competency is None or competency.group.focus_area.curriculum_id != day.curriculum_id:
            raise LiveError("not_found", "That competency is not in this curriculum.")
    given = Feedback(review_day_id=day.id, competency_id=cmd.competency_id, theme=cmd.theme,
                     text=cmd.text, author_id=actor.id, created_at=utcnow())
    given.id = _store(session, given)
    given.author = actor  # for feedback_dict; `given` stays out of the session
    return "feedback.added", {"feedback": feedback_dict(given)}
