"""Wednesday to Friday: accepted proposals become changes, owned, tracked and applied.

Every service takes the database session and the acting user, checks the permission,
changes state and only flushes; the caller (request, socket event, CLI) commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..models import Change, Decision, User
from ..models.curriculum import utcnow
from ..models.people import ROLES
from .edits import EditError, add_item, move_item, replace_field, retire_item
from .labels import long_date, proposal_ref


class ChangeError(ValueError):
    """A change that cannot be made as asked; the message says why, for the person, and
    `field` names the form field it is about (the page shows it there), if one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Conflict(Exception):  # noqa: N818 (the users' word for it)
    """The item changed after the proposal was made: nothing is written until someone
    chooses, with the three texts side by side, how to resolve it."""

    def __init__(self, change: Change, baseline: str | None, current: str | None,
                 proposed: str | None, current_version: int, removed: bool) -> None:
        super().__init__(f"{proposal_ref(change.proposal_id)}: the item is at version "
                         f"{current_version}, the proposal was made against version "
                         f"{change.proposal.base_version}")
        self.change, self.baseline, self.current, self.proposed = (change, baseline, current,
                                                                   proposed)
        self.current_version, self.removed = current_version, removed


@dataclass(frozen=True)
class Resolution:
    """How to settle a conflict: keep the proposed text, keep the current one, or write a
    merged text; a note says why (required for a merge)."""

    choice: str
    text: str | None = None
    note: str = ""


CHOOSE_RESOLUTION = ("Choose how to resolve the conflict: keep the proposed text, keep the "
                     "current text or write a merged text.")


def due_days(change: Change) -> list[date]:
    """Wednesday, Thursday and Friday of the week of the change's Review Day."""
    monday = change.proposal.review_day.week.starts_on
    return [monday + timedelta(days=n) for n in (2, 3, 4)]


def accepted_text(decision: Decision) -> str | None:
    proposal = decision.proposal
    if proposal.kind in ("delete", "move"):
        return None
    if decision.outcome == "accept_amended" and decision.amended_text:
        return decision.amended_text
    if proposal.kind == "replace" and proposal.field == "title":
        return proposal.new_title
    return proposal.new_text


def change_for_decision(session: Session, decision: Decision) -> Change | None:
    """The change to implement for an accept / accept_amended decision (made once: a repeat
    returns the same change); None for reject and defer. Due on the Friday of the week."""
    if decision.outcome not in ("accept", "accept_amended"):
        return None
    proposal = decision.proposal
    existing = session.scalars(sa.select(Change).where(Change.proposal_id == proposal.id)).first()
    if existing is not None:
        return existing
    change = Change(proposal=proposal, state="to_do", accepted_text=accepted_text(decision),
                    item_id=proposal.item_id)
    change.due_on = due_days(change)[-1]
    session.add(change)
    session.flush()
    return change


def staff(session: Session) -> list[User]:
    """The people who may own a change: active facilitators, programme leads and admins."""
    return list(session.scalars(sa.select(User).where(User.active, User.role.in_(ROLES))
                                .order_by(User.name)))


def assign_change(session: Session, change: Change, actor: Any, owner: User | None,
                  due_on: date | None) -> Change:
    """Give the change an owner (a member of staff) and a due day within Wednesday–Friday."""
    require(actor, "implement")
    if owner is not None and (owner.role not in ROLES or not owner.active):
        raise ChangeError("Choose an owner who is an active member of staff.", "owner_id")
    if due_on is not None and due_on not in due_days(change):
        choices = ", ".join(long_date(d) for d in due_days(change))
        raise ChangeError(f"Choose a due day of the implementation week: {choices}.",
                          "due_on")
    change.owner, change.due_on = owner, due_on
    session.flush()
    return change


def set_change_state(session: Session, change: Change, actor: Any, state: str) -> Change:
    """Move a change between to do and in progress (it is done when it is applied)."""
    require(actor, "implement")
    if change.state == "done":
        raise ChangeError("This change has been applied to the curriculum already.")
    if state not in ("to_do", "in_progress"):
        raise ChangeError("A change is marked done by applying it to the curriculum.")
    change.state = state
    session.flush()
    return change


def find_conflict(change: Change, proposed: str | None) -> Conflict | None:
    """A Conflict when the item moved past the proposal's base version, else None."""
    proposal, item = change.proposal, change.proposal.item
    if proposal.kind == "add" or item is None:
        return None
    if not item.retired and (proposal.base_version is None
                             or item.version == proposal.base_version):
        return None
    field = "title" if proposal.field == "title" else "text"
    baseline = proposal.base_title if field == "title" else proposal.base_text
    current = None if item.retired else getattr(item, field)
    if proposal.kind == "move":
        proposed = item.text
    return Conflict(change, baseline, current, proposed, item.version, item.retired)


def apply_change(session: Session, change: Change, actor: Any,
                 implemented_text: str | None = None,
                 resolution: Resolution | None = None) -> Change:
    """Write the change into the curriculum as a new item version (history kept), record
    the implemented text and mark it done. Raises Conflict, writing nothing, when the item
    changed since the proposal and no resolution is given."""
    require(actor, "implement")
    if change.state == "done":
        raise ChangeError("This change has been applied to the curriculum already.")
    proposal = change.proposal
    text = (implemented_text or "").strip() or change.accepted_text
    if proposal.kind in ("replace", "add") and not (text or "").strip():
        raise ChangeError("Enter the text to write into the curriculum.", "implemented_text")
    conflict = find_conflict(change, text)
    keep_current = False
    if conflict is not None:
        if resolution is None:
            raise conflict
        text, keep_current = _settle(conflict, resolution, text)
        change.conflict_resolution = resolution.choice
        change.resolution_note = resolution.note.strip() or None
    source = f"Review Day {proposal.review_day.date.isoformat()}, {proposal_ref(proposal.id)}"
    try:
        item = None if keep_current else _write(change, text, source, actor.name)
    except EditError as error:
        raise ChangeError(str(error)) from error
    item = item or proposal.item
    change.item = item
    change.implemented_text = item.title if proposal.field == "title" else item.text
    if proposal.kind == "delete":
        change.implemented_text = None
    change.implemented_version = item.version
    change.implemented_at, change.implemented_by, change.state = utcnow(), actor, "done"
    proposal.review_day.curriculum.updated_at = change.implemented_at
    session.flush()
    return change


def _settle(conflict: Conflict, resolution: Resolution, text: str | None) -> tuple:
    """The text to write and whether to keep the current item as it is."""
    if resolution.choice == "current":
        return None, True
    if conflict.removed:
        raise ChangeError("The item has been removed since the proposal was made: keep the "
                          "current text, or propose the text again as an addition.",
                          "resolution")
    if resolution.choice == "proposed":
        return text, False
    if resolution.choice == "merged":
        merged = (resolution.text or "").strip()
        if conflict.change.proposal.kind in ("delete", "move"):
            raise ChangeError("A deletion or a move has no text to merge: keep the proposed "
                              "or the current text.", "resolution")
        if not merged:
            raise ChangeError("Enter the merged text.", "merged_text")
        if not resolution.note.strip():
            raise ChangeError("Enter a note saying what was merged.", "note")
        return merged, False
    raise ChangeError(CHOOSE_RESOLUTION, "resolution")


def _write(change: Change, text: str | None, source: str, author: str):
    proposal = change.proposal
    if proposal.kind == "replace":
        replace_field(proposal.item, proposal.field, text or "", source, author)
        return proposal.item
    if proposal.kind == "add":
        return add_item(proposal.competency, proposal.item_kind, proposal.new_title,
                        text or "", proposal.new_position, source, author)
    if proposal.kind == "delete":
        change.previous_position = retire_item(proposal.item, source, author)
        return proposal.item
    if proposal.kind == "move":
        change.previous_position = move_item(proposal.item, proposal.new_position)
        return proposal.item
    raise ChangeError(f"Unknown kind of proposal '{proposal.kind}'.")
