"""How proposals, comments, feedback and decisions look on the wire (one place).

Each `*_wire` builds from anything with the columns as attributes: an ORM object or a Core
row (the join snapshot reads rows: live/snapshot.py)."""

from __future__ import annotations

from typing import Any

from ..models import AgendaItem, Comment, Decision, Feedback, Participant, Proposal
from ..models.live import tally_of


def _at(value) -> str:
    return value.isoformat(timespec="milliseconds") + "Z"


def person_wire(id_: int | None, name: str, organisation: str | None,
                user_id: int | None) -> dict[str, Any]:
    return {"id": id_, "name": name, "organisation": organisation or "Facilitation team",
            "staff": user_id is not None}


def person(participant: Participant) -> dict[str, Any]:
    return person_wire(participant.id, participant.name, participant.organisation_name,
                       participant.user_id)


def comment_wire(comment: Any, author: dict[str, Any]) -> dict[str, Any]:
    return {"id": comment.id, "proposal_id": comment.proposal_id,
            "reply_to": comment.parent_id, "author": author, "text": comment.text,
            "at": _at(comment.created_at)}


def comment_dict(comment: Comment) -> dict[str, Any]:
    return comment_wire(comment, person(comment.author))


def decision_wire(decision: Any, decided_by: str) -> dict[str, Any]:
    return {"outcome": decision.outcome, "reason": decision.reason,
            "amended_text": decision.amended_text, "conflict": decision.conflict,
            "decided_by": decided_by, "at": _at(decision.decided_at)}


def decision_dict(decision: Decision | None) -> dict[str, Any] | None:
    return None if decision is None else decision_wire(decision, decision.decided_by.name)


def proposal_wire(proposal: Any, author: dict[str, Any], votes: dict[str, str],
                  comments: list[dict[str, Any]],
                  decision: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "id": proposal.id, "competency_id": proposal.competency_id,
        "item_id": proposal.item_id, "kind": proposal.kind, "item_kind": proposal.item_kind,
        "field": proposal.field, "base_version": proposal.base_version,
        "base_text": proposal.base_text, "base_title": proposal.base_title,
        "new_text": proposal.new_text, "new_title": proposal.new_title,
        "new_position": proposal.new_position, "fixes": proposal.fixes or [],
        "category": proposal.category,
        "rationale": proposal.rationale, "status": proposal.status,
        "author": author, "at": _at(proposal.created_at),
        "edited_at": _at(proposal.edited_at) if proposal.edited_at else None,
        "tally": tally_of(votes.values()), "votes": votes, "comments": comments,
        "decision": decision,
    }


def proposal_dict(proposal: Proposal) -> dict[str, Any]:
    return proposal_wire(proposal, person(proposal.author),
                         {str(v.voter_id): v.choice for v in proposal.votes},
                         [comment_dict(c) for c in proposal.comments],
                         decision_dict(proposal.decision))


def feedback_dict(feedback: Feedback) -> dict[str, Any]:
    return {"id": feedback.id, "competency_id": feedback.competency_id,
            "theme": feedback.theme, "text": feedback.text,
            "author": person(feedback.author), "at": _at(feedback.created_at)}


def timer_dict(item: AgendaItem) -> dict[str, Any]:
    return {"agenda_item_id": item.id, "running": item.timer_started_at is not None,
            "used_seconds": item.used_seconds,
            "started_at": _at(item.timer_started_at) if item.timer_started_at else None,
            "timebox_minutes": item.timebox_minutes, "extra_minutes": item.extra_minutes}
