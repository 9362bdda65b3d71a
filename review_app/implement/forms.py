"""The implementation forms, parsed into typed values at the edge; bad input fails here."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from ..ids import bounded_int
from ..models import Proposal, ReviewDay, User
from ..text_rules import UnstorableText, storable
from .services import CHOOSE_RESOLUTION, ChangeError, Resolution

MAX_TEXT = 5000


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as error:
        raise ChangeError("Choose a due day from the list.", "due_on") from error


def _id(value: str | None) -> int | None:
    return bounded_int(value)


def parse_assignment(session: Session, form: MultiDict) -> tuple[User | None, date | None]:
    owner_id = _id(form.get("owner_id"))
    owner = session.get(User, owner_id) if owner_id else None
    if owner_id and owner is None:
        raise ChangeError("Choose an owner from the list.", "owner_id")
    return owner, _date(form.get("due_on", ""))


LABELS = {"implemented_text": "The implemented text", "merged_text": "The merged text",
          "note": "The note"}


def _text(form: MultiDict, name: str) -> str:
    value = form.get(name, "").strip()
    try:
        value = storable(value, multiline=name != "note")
    except UnstorableText as error:
        raise ChangeError(f"{LABELS[name]} {error.problem}.", name) from None
    if len(value) > MAX_TEXT:
        raise ChangeError(f"{LABELS[name]} must be {MAX_TEXT:,} characters or fewer.", name)
    return value


def parse_apply(form: MultiDict) -> tuple[str | None, Resolution | None]:
    """The implemented text (None keeps the accepted one) and the conflict resolution."""
    text = _text(form, "implemented_text") or None
    choice = form.get("resolution", "")
    if not choice:
        return text, None
    if choice not in ("proposed", "current", "merged"):
        raise ChangeError(CHOOSE_RESOLUTION, "resolution")
    return text, Resolution(choice, _text(form, "merged_text") or None, _text(form, "note"))


def parse_carry(session: Session, form: MultiDict) -> tuple[list[Proposal], ReviewDay]:
    target = session.get(ReviewDay, _id(form.get("review_day_id")) or 0)
    if target is None:
        raise ChangeError("Choose the Review Day to carry the proposals to.")
    ids = [i for i in (_id(v) for v in form.getlist("proposal_id")) if i]
    proposals = [p for p in (session.get(Proposal, i) for i in ids) if p is not None]
    if not proposals:
        raise ChangeError("Select at least one deferred proposal to carry over.")
    return proposals, target
