"""Reading submitted forms at the edge: strings in, typed values or one error per field out.

Messages follow the NHS.UK design system's error message style ("Enter …", "… must be …").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time

from .errors import InvalidInput
from .ids import MAX_ID, bounded_int
from .text_rules import UnstorableText, storable

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# ASCII digits only: '\d' would also take '٣' and friends.
TIME = re.compile(r"^([0-9]{1,2})[:.]([0-9]{2})$")
DATE_PART = re.compile(r"[0-9]{1,4}")


class FormReader:
    """Collects an error for every faulty field instead of stopping at the first."""

    def __init__(self, form: Mapping[str, str]) -> None:
        self.form = form
        self.errors: dict[str, str] = {}

    def raw(self, name: str) -> str:
        return (self.form.get(name) or "").strip()

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, label: str, *, required: bool = True,
             max_length: int = 200, multiline: bool = False) -> str:
        """A text field, trimmed; one that a database or a Word document cannot hold is
        refused (line breaks pasted from Word become newlines where several lines may go,
        text_rules.py)."""
        value = self.raw(name)
        try:
            value = storable(value, multiline=multiline)
        except UnstorableText as error:
            self.error(name, f"{label[0].upper() + label[1:]} {error.problem}")
            return value
        if required and not value:
            self.error(name, f"Enter {label}")
        elif len(value) > max_length:
            self.error(name, f"{label[0].upper() + label[1:]} must be {max_length} "
                             "characters or fewer")
        return value

    def email(self, name: str, label: str = "an email address", *,
              required: bool = True) -> str | None:
        value = self.text(name, label, required=required, max_length=254).lower()
        if value and not EMAIL.match(value):
            self.error(name, "Enter an email address in the correct format, "
                             "like name@example.org")
        return value or None

    def integer(self, name: str, label: str, *, minimum: int, maximum: int) -> int | None:
        value = self.raw(name)
        if not value:
            self.error(name, f"Enter {label}")
            return None
        if not re.fullmatch(r"[0-9]+", value):
            self.error(name, f"{label[0].upper() + label[1:]} must be a whole number")
            return None
        number = bounded_int(value, minimum, maximum)
        if number is None:
            self.error(name, f"{label[0].upper() + label[1:]} must be between {minimum} "
                             f"and {maximum}")
            return None
        return number

    def choice_id(self, name: str, label: str, *, required: bool = True) -> int | None:
        """The id picked in a select or radios; the service checks that it exists."""
        value = self.raw(name)
        if not value:
            if required:
                self.error(name, f"Select {label}")
            return None
        number = bounded_int(value, 1, MAX_ID)
        if number is None:
            self.error(name, f"Select {label} from the list")
        return number

    def date(self, prefix: str, label: str) -> date | None:
        """A date from the NHS date input's three fields: prefix-day, -month, -year."""
        parts = [self.raw(f"{prefix}-{part}") for part in ("day", "month", "year")]
        if not any(parts):
            self.error(f"{prefix}-day", f"Enter {label}")
            return None
        if not all(DATE_PART.fullmatch(p) for p in parts) or len(parts[2]) != 4:
            self.error(f"{prefix}-day", f"{label[0].upper() + label[1:]} must be a real "
                                        "date, like 24 11 2026")
            return None
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            self.error(f"{prefix}-day", f"{label[0].upper() + label[1:]} must be a real date")
            return None

    def time(self, name: str, label: str) -> time | None:
        value = self.raw(name)
        match = TIME.match(value)
        if not value:
            self.error(name, f"Enter {label}, like 10:00")
        elif not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.error(name, f"{label[0].upper() + label[1:]} must be a 24-hour time, "
                             "like 10:00 or 14:30")
        else:
            return time(int(match[1]), int(match[2]))
        return None

    def check(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors)
