"""What services raise when they refuse: bad input (per field) or an action not allowed now.

Routes show `InvalidInput` as an NHS error summary on the form and `ActionRefused` as a
message; either way the service has changed nothing.
"""

from __future__ import annotations


class InvalidInput(Exception):
    """Input that fails validation; `errors` maps each field at fault to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class ActionRefused(Exception):
    """An action the current state does not allow, such as editing a frozen agenda."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
