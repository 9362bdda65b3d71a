"""How proposals, comments, feedback and decisions look on the wire (one place)."""

from __future__ import annotations

from typing import Any

from ..models import AgendaItem, Comment, Decision, Feedback, Participant, Proposal


def _at(value) -> str:
    return value.isoformat(timespec="milliseconds") + "Z"


def person(participant: Participant) -> dict[str, Any]:
    return {"id": participant.id, "name": participant.name,
            "organisation": participant.organisation_name,
            "staff": participant.user_id is not None}


def comment_dict(comment: Comment) -> dict[str, Any]:
    return {"id": comment.id, "proposal_id": comment.proposal_id,
            "reply_to": comment.parent_id, "author": person(comment.author), "text": comment.text,
            "at": _at(comment.created_at)}


def decision_dict(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {"outcome": decision.outcome, "reason": decision.reason,
            "amended_text": decision.amended_text, "conflict": decision.conflict,
            "decided_by": decision.decided_by.name, "at": _at(decision.decided_at)}


def proposal_dict(proposal: Proposal) -> dict[str, Any]:
    return {
        "id": proposal.id, "competency_id": proposal.competency_id,
        "item_id": proposal.item_id, "kind": proposal.kind, "item_kind": proposal.item_kind,
        "field": proposal.field, "base_version": proposal.base_version,
        "base_text": proposal.base_text, "base_title": proposal.base_title,
        "new_text": proposal.new_text, "new_title": proposal.new_title,
        "new_position": proposal.new_position, "category": proposal.category,
        "rationale": proposal.rationale, "status": proposal.status,
        "author": person(proposal.author), "at": _at(proposal.created_at),
        "edited_at": _at(proposal.edited_at) if proposal.edited_at else None,
        "tally": proposal.tally(), "votes": {str(v.voter_id): v.choice for v in proposal.votes},
        "comments": [comment_dict(c) for c in proposal.comments],
        "decision": decision_dict(proposal.decision),
    }


def feedback_dict(feedback: Feedback) -> dict[str, Any]:
    return {"id": feedback.id, "competency_id": feedback.competency_id,
            "theme": feedback.theme, "text": feedback.text,
            "author": person(feedback.author), "at": _at(feedback.created_at)}


def timer_dict(item: AgendaItem) -> dict[str, Any]:
    return {"agenda_item_id": item.id, "running": item.timer_started_at is not None,
            "used_seconds": item.used_seconds,
            "started_at": _at(item.timer_started_at) if item.timer_started_at else None,
            "timebox_minutes": item.timebox_minutes, "extra_minutes": item.extra_minutes}
