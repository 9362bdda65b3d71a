"""What a programme lead asks for on the Reports page, read from the NHS date inputs and
checked with messages that say what to fix (the error summary pattern)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

NAMES = {"from": "the date the report starts", "to": "the date the report ends",
         "since": "the date changes are tracked from"}


def date_parts(value: date | None, name: str) -> dict[str, str]:
    """Pre-filled day, month and year boxes for a date."""
    if value is None:
        return {}
    return {f"{name}-day": str(value.day), f"{name}-month": str(value.month),
            f"{name}-year": str(value.year)}


@dataclass
class Checked:
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)


def read_date(args: Any, name: str, checked: Checked) -> None:
    """One NHS date input (NAME-day, NAME-month, NAME-year) into `checked`; an error is
    keyed NAME-day, as `_forms.date_input` shows it and the summary links to it."""
    _read_date(args, name, checked)
    if name in checked.errors:
        checked.errors[f"{name}-day"] = checked.errors.pop(name)


def _read_date(args: Any, name: str, checked: Checked) -> None:
    parts = {p: (args.get(f"{name}-{p}") or "").strip()[:8] for p in ("day", "month", "year")}
    checked.values.update({f"{name}-{p}": v for p, v in parts.items()})
    missing = [p for p, v in parts.items() if not v]
    if len(missing) == 3:
        checked.errors[name] = f"Enter {NAMES[name]}"
        return
    if missing:
        checked.errors[name] = f"{NAMES[name].capitalize()} must include a " + \
            " and a ".join(missing)
        return
    if not all(v.isascii() and v.isdigit() for v in parts.values()) or len(parts["year"]) != 4:
        checked.errors[name] = (f"{NAMES[name].capitalize()} must be a real date, like "
                                "14 7 2026")
        return
    try:
        checked.dates[name] = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        checked.errors[name] = (f"{NAMES[name].capitalize()} must be a real date, like "
                                "14 7 2026")


def read_period(args: Any) -> Checked:
    """The from and to dates of a report, the second not before the first."""
    checked = Checked()
    read_date(args, "from", checked)
    read_date(args, "to", checked)
    if not checked.errors and checked.dates["to"] < checked.dates["from"]:
        checked.errors["to-day"] = ("The date the report ends must be the same as or after the "
                                "date it starts")
    return checked
