"""One typed schema per client event: bad input fails here, in one place.

Limits are part of the protocol (docs/live-protocol.md): unknown fields, wrong types and
oversize texts are refused before anything is looked up.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..text_rules import UNSTORABLE_MESSAGE, UnstorableText, storable
from .errors import LiveError

MAX_TEXT = 2000


def _storable(multiline: bool) -> AfterValidator:
    """Text a database and a Word document can hold (text_rules.py); pasted line breaks
    become newlines where a text may have several lines."""
    def check(value: str) -> str:
        try:
            return storable(value, multiline=multiline)
        except UnstorableText as error:
            raise PydanticCustomError("unstorable_text", error.problem) from None
    return AfterValidator(check)


def _text(max_length: int, *, min_length: int = 1, multiline: bool = True) -> Any:
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length,
                                            max_length=max_length), _storable(multiline)]


OP_ID = Annotated[str, StringConstraints(min_length=8, max_length=64,
                                         pattern=r"^[A-Za-z0-9_-]+$")]
TEXT = _text(MAX_TEXT)
TITLE = _text(300, multiline=False)
REASON = _text(2000)
THEME = _text(100, multiline=False)
ID = Annotated[int, Field(ge=1, le=2**31 - 1)]


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
    rationale: _text(2000, min_length=0) = ""

    @model_validator(mode="after")
    def _names_its_item(self) -> Propose:
        if self.kind != "add" and self.item_id is None:
            raise PydanticCustomError("missing_item", f"a {self.kind} names the item it "
                                      "changes (required except for add)")
        return self


class Withdraw(Change):
    proposal_id: ID


class CommentOn(Change):
    proposal_id: ID
    text: TEXT
    reply_to: ID | None = None  # a comment of the same proposal


class EditProposal(Change):
    """The author's new version of their open proposal: only the fields its kind has."""

    proposal_id: ID
    new_text: TEXT | None = None
    new_title: TITLE | None = None
    new_position: Annotated[int, Field(ge=0, le=1000)] | None = None
    category: Literal["language", "terminology", "example", "content", "structure"] | None = None
    rationale: _text(2000, min_length=0) | None = None


class VoteOn(Change):
    proposal_id: ID
    choice: Literal["agree", "disagree", "abstain"]


class GiveFeedback(Change):
    competency_id: ID | None = None
    theme: THEME
    text: TEXT


class Decide(Change):
    """A plain acceptance needs no reason; amending, rejecting and deferring do (the
    proposer and the report must be able to say why it did not go through as proposed)."""

    proposal_id: ID
    outcome: Literal["accept", "accept_amended", "reject", "defer"]
    reason: _text(2000, min_length=0) = ""
    amended_text: TEXT | None = None
    confirm_conflict: bool = False

    @model_validator(mode="after")
    def _reason_when_needed(self) -> Decide:
        if self.outcome != "accept" and not self.reason:
            raise PydanticCustomError("missing_reason", "give a reason for this decision")
        return self


class Focus(Change):
    agenda_item_id: ID


class Timer(Change):
    agenda_item_id: ID
    action: Literal["start", "pause", "extend"]
    minutes: Annotated[int, Field(ge=1, le=120)] = 5


class DayStatus(Change):
    status: Literal["live", "closed"]


class Moderate(Change):
    participant_id: ID
    action: Literal["remove", "reject_proposals", "hide_proposals"]
    reason: REASON


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
        where = {"missing_item": "item_id", "missing_reason": "reason"}.get(first["type"], where)
        if first["type"] == "string_too_long":
            limit = first.get("ctx", {}).get("max_length")
            raise LiveError("too_long", f"{where} is longer than {limit} characters.",
                            field=where, limit=limit) from None
        # pydantic refuses a lone surrogate itself (string_unicode) before text_rules sees it.
        problem = {"unstorable_text": first["msg"],
                   "string_unicode": UNSTORABLE_MESSAGE}.get(first["type"])
        if problem:
            raise LiveError("invalid_payload", f"{where} {problem}.", field=where) from None
        raise LiveError("invalid_payload", f"{where}: {first['msg']}", field=where) from None
