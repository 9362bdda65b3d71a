"""One typed schema per client event: bad input fails here, in one place.

Limits are part of the protocol (docs/live-protocol.md): unknown fields, wrong types and
oversize texts are refused before anything is looked up.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .errors import LiveError

OP_ID = Annotated[str, StringConstraints(min_length=8, max_length=64,
                                         pattern=r"^[A-Za-z0-9_-]+$")]
TEXT = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
TITLE = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
REASON = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
THEME = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
ID = Annotated[int, Field(ge=1, le=2**31 - 1)]
MAX_TEXT = 2000


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Join(Event):
    review_day_id: ID
    last_seq: Annotated[int, Field(ge=0)] = 0


class Change(Event):
    """Every change carries its client-made op_id and the Review Day it is for."""

    op_id: OP_ID
    review_day_id: ID


class Propose(Change):
    kind: Literal["replace", "add", "delete", "move"]
    competency_id: ID
    item_id: ID | None = None  # required except for "add"
    item_kind: Literal["statement", "outcome", "instructor_activity",
                       "individual_activity"] | None = None  # for "add"
    field: Literal["text", "title"] = "text"
    base_version: Annotated[int, Field(ge=1)] | None = None
    new_text: TEXT | None = None
    new_title: TITLE | None = None
    new_position: Annotated[int, Field(ge=0, le=1000)] | None = None
    category: Literal["language", "terminology", "example", "content", "structure"]
    rationale: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


class Withdraw(Change):
    proposal_id: ID


class CommentOn(Change):
    proposal_id: ID
    text: TEXT


class VoteOn(Change):
    proposal_id: ID
    choice: Literal["agree", "disagree", "abstain"]


class GiveFeedback(Change):
    competency_id: ID | None = None
    theme: THEME
    text: TEXT


class Decide(Change):
    proposal_id: ID
    outcome: Literal["accept", "accept_amended", "reject", "defer"]
    reason: REASON
    amended_text: TEXT | None = None
    confirm_conflict: bool = False


class Focus(Change):
    agenda_item_id: ID


class Timer(Change):
    agenda_item_id: ID
    action: Literal["start", "pause", "extend"]
    minutes: Annotated[int, Field(ge=1, le=120)] = 5


class DayStatus(Change):
    status: Literal["live", "closed"]


class Typing(Event):
    review_day_id: ID
    item_id: ID | None = None
    competency_id: ID | None = None


T = TypeVar("T", bound=Event)


def parse(schema: type[T], payload: Any) -> T:
    """The payload as a typed event, or LiveError naming what is wrong."""
    if not isinstance(payload, dict):
        raise LiveError("invalid_payload", "The message must be a JSON object.")
    try:
        return schema.model_validate(payload)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "message"
        if first["type"] == "string_too_long":
            limit = first.get("ctx", {}).get("max_length")
            raise LiveError("too_long", f"{where} is longer than {limit} characters.",
                            field=where, limit=limit) from None
        raise LiveError("invalid_payload", f"{where}: {first['msg']}", field=where) from None
