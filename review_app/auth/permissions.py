"""What each role may do. Services call `require`; templates only use `can` to hide buttons."""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import Forbidden

# Stakeholders have no account; what they may do on a Review Day is checked by live/ against
# their participant record (propose, comment, vote, feedback, withdraw their own).
ACTIONS: dict[str, frozenset[str]] = {
    "view_weeks": frozenset({"facilitator", "programme_lead", "admin"}),
    "prepare": frozenset({"facilitator", "admin"}),
    "run_review_day": frozenset({"facilitator", "admin"}),
    "decide": frozenset({"facilitator", "admin"}),
    "implement": frozenset({"facilitator", "programme_lead", "admin"}),
    "export": frozenset({"programme_lead", "admin"}),
    "import_curricula": frozenset({"programme_lead", "admin"}),
    "manage_stakeholders": frozenset({"facilitator", "admin"}),
    "manage_organisations": frozenset({"admin"}),
    "manage_users": frozenset({"admin"}),
}


class PermissionDenied(Forbidden):
    """Raised by services; Flask turns it into a 403 page, Socket.IO into an error ack."""

    code = 403

    def __init__(self, action: str) -> None:
        super().__init__(f"Your role does not allow this: {action.replace('_', ' ')}.")
        self.action = action


def role_of(actor: Any) -> str | None:
    """The role of a signed-in user; None for anonymous visitors and stakeholders."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return getattr(actor, "role", None) if getattr(actor, "is_active", False) else None


def can(actor: Any, action: str) -> bool:
    return role_of(actor) in ACTIONS[action]


def require(actor: Any, action: str) -> None:
    if not can(actor, action):
        raise PermissionDenied(action)
