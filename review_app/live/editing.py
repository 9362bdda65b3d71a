"""A proposer edits their own open proposal instead of withdrawing it and typing it again.

The edit is a change of its own in the log (`proposal.edited`, carrying the whole proposal
as it now stands), so every client and every reconnect sees the same version. Votes are on
wording: a new wording or position clears them (the voters are told by the tally going back
to nought); a new rationale or category keeps them.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..models import Comment, Participant, Proposal, Vote
from ..models.curriculum import utcnow
from . import schemas
from .contributions import Result, day_proposal, require_live
from .errors import LiveError
from .identity import LiveDay
from .serialise import proposal_dict

# Which wording fields each kind of proposal has (an edit may change only those).
_WORDING = {"replace": ("new_text", "new_title"), "add": ("new_text", "new_title"),
            "move": ("new_position",), "delete": ()}


def _allowed(proposal: Proposal) -> set[str]:
    if proposal.kind == "replace":
        return {"new_title" if proposal.field == "title" else "new_text"}
    if proposal.kind == "add":
        return {"new_text", "new_title"} if proposal.item_kind.endswith("_activity") \
            else {"new_text"}
    return set(_WORDING[proposal.kind])


def edit_proposal(session: Session, day: LiveDay, actor: Participant,
                  cmd: schemas.EditProposal) -> Result:
    require_live(day)
    proposal = day_proposal(session, day, cmd.proposal_id)
    if proposal.author_id != actor.id or proposal.hidden_at is not None:
        raise LiveError("forbidden", "Only its author can edit a proposal.")
    if proposal.status != "open":
        raise LiveError("invalid_state", f"The proposal is already {proposal.status}: "
                        "only an open proposal can be edited.")
    given = {name for name in ("new_text", "new_title", "new_position")
             if getattr(cmd, name) is not None}
    extra = given - _allowed(proposal)
    if extra:
        field = sorted(extra)[0]
        raise LiveError("invalid_payload", f"{field}: this kind of proposal has no such "
                        "field to edit.", field=field)
    wording = {name for name in given if getattr(cmd, name) != getattr(proposal, name)}
    if proposal.kind == "replace" and wording:
        base = proposal.base_title if proposal.field == "title" else proposal.base_text
        if getattr(cmd, next(iter(wording))) == base:
            raise LiveError("invalid_payload", "The new wording is the same as the current "
                            "one: withdraw the proposal instead.", field=next(iter(wording)))
    others = {name for name in ("category", "rationale") if getattr(cmd, name) is not None
              and getattr(cmd, name) != getattr(proposal, name)}
    if not wording and not others:
        raise LiveError("invalid_payload", "Nothing was changed.")
    for name in wording | others:
        setattr(proposal, name, getattr(cmd, name))
    if wording:
        session.execute(sa.delete(Vote).where(Vote.proposal_id == proposal.id))
    proposal.edited_at = utcnow()
    session.flush()
    return "proposal.edited", {"proposal": proposal_dict(_reloaded(session, proposal.id))}


def _reloaded(session: Session, proposal_id: int) -> Proposal:
    """The proposal with what its wire format reads, after the edit."""
    session.expire_all()
    return session.scalars(sa.select(Proposal).where(Proposal.id == proposal_id).options(
        selectinload(Proposal.votes), selectinload(Proposal.comments)
        .selectinload(Comment.author).selectinload(Participant.organisation),
        selectinload(Proposal.author).selectinload(Participant.organisation),
        selectinload(Proposal.decision))).one()
