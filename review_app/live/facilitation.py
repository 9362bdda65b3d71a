"""What only the facilitator does on the day: decide proposals, focus the room, keep time,
open and close the day. Each returns the change to store: (type, data)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..auth.permissions import can
from ..errors import ActionRefused
from ..implement.services import change_for_decision
from ..models import AgendaItem, Decision, User
from ..models.curriculum import utcnow
from ..models.prep import ReviewDay
from ..prep.status import close_day, open_day, reopen_day
from . import schemas
from .contributions import Result, day_proposal, require_live
from .errors import LiveError
from .serialise import decision_dict, timer_dict

STATUS_FOR = {"accept": "accepted", "accept_amended": "accepted_amended",
              "reject": "rejected", "defer": "deferred"}


def staff(user: User | None, action: str) -> User:
    """The user, if their role allows the action."""
    if not can(user, action):
        raise LiveError("forbidden", "Only the facilitator can do this.")
    return user


def decide(session: Session, day: ReviewDay, user: User | None, cmd: schemas.Decide) -> Result:
    """Accept, accept with an amended text, reject or defer, always with a reason.

    If the item has changed since the proposal was made, the decision is refused with the
    current text unless the facilitator confirms it knowingly; it is then flagged."""
    staff(user, "decide")
    if day.status not in ("live", "closed"):
        raise LiveError("not_live")
    proposal = day_proposal(session, day, cmd.proposal_id)
    if proposal.status != "open":
        raise LiveError("invalid_state", f"The proposal is already {proposal.status}.")
    if cmd.outcome == "accept_amended" and not cmd.amended_text:
        raise LiveError("invalid_payload", "amended_text: give the amended wording.",
                        field="amended_text")
    item = proposal.item
    conflict = item is not None and (item.version != proposal.base_version or item.retired)
    if conflict and cmd.outcome.startswith("accept") and not cmd.confirm_conflict:
        raise LiveError("conflict", proposal_id=proposal.id, base_text=proposal.base_text,
                        current_text=item.text, current_version=item.version,
                        base_version=proposal.base_version)
    proposal.decision = Decision(
        outcome=cmd.outcome, reason=cmd.reason, decided_by=user, conflict=conflict,
        amended_text=cmd.amended_text if cmd.outcome == "accept_amended" else None)
    proposal.status = STATUS_FOR[cmd.outcome]
    session.flush()
    change_for_decision(session, proposal.decision)  # accepted: onto Wednesday's board
    return "decision.made", {"proposal_id": proposal.id, "status": proposal.status,
                             "decision": decision_dict(proposal.decision)}


def _agenda_item(day: ReviewDay, agenda_item_id: int) -> AgendaItem:
    found = next((a for a in day.agenda if a.id == agenda_item_id), None)
    if found is None:
        raise LiveError("not_found", "That item is not on this Review Day's agenda.")
    return found


def focus(session: Session, day: ReviewDay, user: User | None, cmd: schemas.Focus) -> Result:
    staff(user, "run_review_day")
    require_live(day)
    item = _agenda_item(day, cmd.agenda_item_id)
    day.focus_agenda_item_id = item.id
    return "focus.changed", {"agenda_item_id": item.id, "competency_id": item.competency_id,
                             "item_id": item.item_id}


def timer(session: Session, day: ReviewDay, user: User | None, cmd: schemas.Timer) -> Result:
    """Start, pause or extend an agenda item's timer; starting one pauses any other."""
    staff(user, "run_review_day")
    require_live(day)
    item, now = _agenda_item(day, cmd.agenda_item_id), utcnow()
    if cmd.action == "start" and item.timer_started_at is None:
        for other in day.agenda:
            other.stop_timer(now)
        item.timer_started_at = now
    elif cmd.action == "pause":
        item.stop_timer(now)
    elif cmd.action == "extend":
        item.extra_minutes += cmd.minutes
    return "timer.changed", {"timers": [timer_dict(a) for a in day.agenda]}


def set_status(session: Session, day: ReviewDay, user: User | None,
               cmd: schemas.DayStatus) -> Result:
    """Open (or reopen) and close the day with Monday's status rules; closing stops
    proposing, reading goes on."""
    staff(user, "run_review_day")
    try:
        if cmd.status == "live":
            (reopen_day if day.status == "closed" else open_day)(session, user, day)
        else:
            close_day(session, user, day)
    except ActionRefused as refusal:
        raise LiveError("invalid_state", refusal.message) from None
    # The timers too: closing stops every clock, and a client would go on counting.
    return "day.status", {"status": day.status, "timers": [timer_dict(a) for a in day.agenda]}
