"""Whole numbers from the outside world (ids in paths, numbers in forms), bounded.

`int()` takes more than it should here: Unicode digits pass `str.isdigit()` ('²') but not
`int()`, a 5,000-digit number passes neither, and 2**70 passes both but neither SQLite nor
PostgreSQL can compare an INTEGER with it. Each of those was a 500. Everything numeric that
arrives in a path or a form goes through `bounded_int` (or the `int` URL converter, which
uses it), so it is an ASCII number of at most ten digits within 1 to 2**31 - 1 (the largest
PostgreSQL INTEGER), or it is refused: a 404 for a path, a clear error for a form field.
"""

from __future__ import annotations

import re
from typing import Any

from werkzeug.routing import BaseConverter, ValidationError

MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def bounded_int(value: Any, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """`value` as an int when it is a plain decimal number within [minimum, maximum]."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if minimum <= number <= maximum else None


def bounded_ints(values: list[Any]) -> list[int] | None:
    """Every value as a bounded id, or None when any of them is not one."""
    numbers = [bounded_int(value) for value in values]
    return None if any(number is None for number in numbers) else numbers  # type: ignore


class BoundedIntConverter(BaseConverter):
    """`<int:name>` in every route: 1 to 2**31 - 1, anything else does not match (404)."""

    regex = r"[0-9]{1,10}"
    weight = 50
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = bounded_int(value)
        if number is None:
            raise ValidationError()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


def install(app) -> None:
    """Replace Werkzeug's `int` converter before any blueprint adds its routes."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.url_map.converters["id"] = BoundedIntConverter
