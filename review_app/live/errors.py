"""Error codes of the live protocol; each becomes {"ok": false, "error": {code, message}}."""

from __future__ import annotations

from typing import Any

CODES = {
    "invalid_payload": "The message is not valid for this event.",
    "too_long": "A text is longer than the protocol allows.",
    "unauthorized": "Join from your invitation link or sign in first.",
    "removed": "The facilitator has removed you from this Review Day.",
    "not_joined": "Join the Review Day before sending changes to it.",
    "forbidden": "Your role does not allow this.",
    "not_found": "That does not exist on this Review Day.",
    "not_live": "The Review Day is not live: reading goes on, changes are closed.",
    "stale_version": "The text has changed since you started; reload it and try again.",
    "conflict": "The item has changed since the proposal was made.",
    "invalid_state": "This cannot be done in the proposal's current state.",
    "rate_limited": "You are sending changes faster than the room allows; wait a moment.",
    "limit_reached": "You have reached a limit of this Review Day.",
    "internal_error": "Something went wrong on the server; nothing was changed.",
}


class LiveError(Exception):
    """A refusal that changes nothing; `details` travel to the client with the code."""

    def __init__(self, code: str, message: str | None = None, *,
                 retry_after: int | None = None, **details: Any) -> None:
        assert code in CODES, code
        super().__init__(message or CODES[code])
        self.code, self.message, self.details = code, message or CODES[code], details
        self.retry_after = retry_after

    def ack(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.retry_after is not None:  # whole seconds, as HTTP's Retry-After
            error["retry_after"] = self.retry_after
        if self.details:
            error["details"] = self.details
        return {"ok": False, "error": error}
