"""UK time for the week's rhythm: days and slots are London wall-clock, stamps are UTC.

Review Days are planned in UK time (a 10:00 slot is 10:00 in London, summer or winter);
the database keeps event stamps as naive UTC (models.curriculum.utcnow).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from dateutil import tz

LONDON = tz.gettz("Europe/London")


def london_now() -> datetime:
    return datetime.now(LONDON)


def london_today() -> date:
    return london_now().date()


def slot_to_utc(day: date, at: time) -> datetime:
    """A London wall-clock time on a day, as an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=LONDON).astimezone(UTC)


def in_london(stamp: datetime) -> datetime:
    """A stored naive-UTC stamp as London time."""
    return stamp.replace(tzinfo=UTC).astimezone(LONDON)


def long_date(day: date) -> str:
    """Tuesday 24 November 2026 (the NHS.UK style, no leading zero)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def hhmm(at: time) -> str:
    return f"{at:%H:%M}"


def stamp(value: datetime | None) -> str:
    """A stored UTC stamp shown in London time: 24 Nov 2026, 10:05."""
    if value is None:
        return ""
    local = in_london(value)
    return f"{short_date(local.date())}, {local:%H:%M}"
