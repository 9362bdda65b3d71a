"""What services raise when they refuse: bad input (per field), an action not allowed now,
or a row that is not there.

Routes show `InvalidInput` as an NHS error summary on the form and `ActionRefused` as a
message; either way the service has changed nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from werkzeug.exceptions import NotFound

Row = TypeVar("Row")


def found(row: Row | None, **belongs: Any) -> Row:
    """`row`, or a 404 when there is none or it belongs elsewhere (`review_day_id=day.id`):
    an id from another Review Day is as unknown as one that does not exist."""
    if row is None or any(getattr(row, name) != value for name, value in belongs.items()):
        raise NotFound()
    return row


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
