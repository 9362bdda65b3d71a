"""The prep pages' forms, parsed at the edge into the typed inputs the services take."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import InvalidInput
from ..forms import FormReader
from ..models import ReviewDay, Stakeholder
from .agenda import parse_subject
from .clock import hhmm
from .days import ReviewDayDetails
from .joining import Newcomer
from .stakeholders import StakeholderDetails

MAX_TIMEBOX = 240
MAX_PROMPTS = 2000


def read_review_day(form: Mapping[str, str]) -> ReviewDayDetails:
    reader = FormReader(form)
    details = ReviewDayDetails(
        title=reader.text("title", "a title"),
        curriculum_id=reader.choice_id("curriculum_id", "a curriculum") or 0,
        date=reader.date("date", "the date of the Review Day"),
        starts_at=reader.time("starts_at", "a start time"),
        ends_at=reader.time("ends_at", "an end time"),
        call_link=reader.text("call_link", "the call link", required=False, max_length=500),
        facilitator_id=reader.choice_id("facilitator_id", "a facilitator", required=False))
    if details.starts_at and details.ends_at and details.ends_at <= details.starts_at:
        reader.error("ends_at", "End time must be after the start time")
    reader.check()
    return details


def review_day_values(day: ReviewDay) -> dict[str, str]:
    """A Review Day's details as the form's fields hold them."""
    return {"title": day.title, "curriculum_id": str(day.curriculum_id),
            "date-day": str(day.date.day), "date-month": str(day.date.month),
            "date-year": str(day.date.year), "starts_at": hhmm(day.starts_at),
            "ends_at": hhmm(day.ends_at), "call_link": day.call_link,
            "facilitator_id": str(day.facilitator_id or "")}


def read_timebox_and_prompts(form: Mapping[str, str], suffix: str = "") -> tuple[int, str]:
    reader = FormReader(form)
    minutes = reader.integer(f"timebox_minutes{suffix}", "the timebox in minutes", minimum=1,
                             maximum=MAX_TIMEBOX)
    prompts = reader.text(f"prompts{suffix}", "prompts", required=False,
                          max_length=MAX_PROMPTS, multiline=True)
    reader.check()
    return minutes or 0, prompts


def read_stakeholder(form: Mapping[str, str]) -> StakeholderDetails:
    reader = FormReader(form)
    details = StakeholderDetails(
        name=reader.text("name", "their full name"),
        email=reader.email("email", required=False),
        organisation_id=reader.choice_id("organisation_id", "an organisation") or 0,
        group_id=reader.choice_id("group_id", "a stakeholder group", required=False))
    reader.check()
    return details


def stakeholder_values(stakeholder: Stakeholder) -> dict[str, str]:
    return {"name": stakeholder.name, "email": stakeholder.email or "",
            "organisation_id": str(stakeholder.organisation_id),
            "group_id": str(stakeholder.group_id or "")}


def read_newcomer(form: Mapping[str, str]) -> Newcomer:
    reader = FormReader(form)
    newcomer = Newcomer(name=reader.text("name", "your name"),
                        organisation_id=reader.choice_id("organisation_id",
                                                         "your organisation") or 0,
                        group_id=reader.choice_id("group_id", "a group", required=False))
    reader.check()
    return newcomer


def read_agenda_addition(session, form: Mapping[str, str]) -> tuple[int, int | None, int, str]:
    """(competency id, item id or None, timebox, prompts), with every field's error at once."""
    errors: dict[str, str] = {}
    subject: tuple[int, int | None] = (0, None)
    minutes, prompts = 0, ""
    try:
        subject = parse_subject(session, form.get("subject", ""))
    except InvalidInput as error:
        errors.update(error.errors)
    try:
        minutes, prompts = read_timebox_and_prompts(form)
    except InvalidInput as error:
        errors.update(error.errors)
    if errors:
        raise InvalidInput(errors)
    return subject[0], subject[1], minutes, prompts
