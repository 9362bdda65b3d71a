"""The agenda of a Review Day: what is reviewed, in which order, for how long, with which
prompts. It can only change while the day is a draft (marking it ready freezes it)."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import ActionRefused, InvalidInput
from ..ids import bounded_int
from ..models import AgendaItem, Competency, CurriculumItem, ReviewDay

log = logging.getLogger(__name__)
KIND_LABELS = {"statement": "Competency statement", "outcome": "Learning outcome",
               "instructor_activity": "Instructor-directed activity",
               "individual_activity": "Individual-directed activity"}


def require_editable(user, day: ReviewDay) -> None:
    require(user, "prepare")
    if day.status != "draft":
        raise ActionRefused(f"The agenda is frozen because the day is {day.status}. "
                            "Return the day to draft to change it.")


def _renumber(day: ReviewDay, ordered: list[AgendaItem]) -> None:
    for position, agenda_item in enumerate(ordered):
        agenda_item.position = position
    day.agenda.sort(key=lambda a: a.position)


def item_label(item: CurriculumItem) -> str:
    text = item.title or item.text
    return f"{KIND_LABELS[item.kind]}: {text if len(text) <= 90 else text[:87] + '…'}"


def agenda_title(agenda_item: AgendaItem) -> str:
    return agenda_item.competency.title


def agenda_scope(agenda_item: AgendaItem) -> str:
    """"Whole competency", or which single text of it is under review."""
    return "Whole competency" if agenda_item.item is None else item_label(agenda_item.item)


def add_agenda_item(session: Session, user, day: ReviewDay, competency_id: int,
                    item_id: int | None, timebox_minutes: int, prompts: str) -> AgendaItem:
    """Append a competency (or one of its texts) to the end of the agenda."""
    require_editable(user, day)
    competency = session.get(Competency, competency_id)
    if (competency is None or competency.retired
            or competency.group.focus_area.curriculum_id != day.curriculum_id):
        raise InvalidInput({"subject": "Select a competency of this Review Day's curriculum"})
    item = session.get(CurriculumItem, item_id) if item_id is not None else None
    if item_id is not None and (item is None or item.retired
                                or item.competency_id != competency.id):
        raise InvalidInput({"subject": "Select a text of this Review Day's curriculum"})
    if any(a.competency_id == competency_id and a.item_id == item_id for a in day.agenda):
        raise InvalidInput({"subject": "That is already on the agenda"})
    agenda_item = AgendaItem(competency=competency, item=item, position=len(day.agenda),
                             timebox_minutes=timebox_minutes, prompts=prompts)
    day.agenda.append(agenda_item)
    session.flush()
    log.info("%s added agenda item %s to Review Day %s", user.email, agenda_item.id, day.id)
    return agenda_item


def update_agenda_item(session: Session, user, agenda_item: AgendaItem, timebox_minutes: int,
                       prompts: str) -> None:
    require_editable(user, agenda_item.review_day)
    agenda_item.timebox_minutes, agenda_item.prompts = timebox_minutes, prompts
    session.flush()


def move_agenda_item(session: Session, user, agenda_item: AgendaItem, direction: str) -> int:
    """Swap an item with its neighbour up or down; return its new (0-based) position."""
    day = agenda_item.review_day
    require_editable(user, day)
    ordered = list(day.agenda)
    index = ordered.index(agenda_item)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(ordered):
        raise ActionRefused("That item cannot move further " + direction + ".")
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(day, ordered)
    session.flush()
    return target


def reorder_agenda(session: Session, user, day: ReviewDay, agenda_item_ids: list[int]) -> None:
    """Put the agenda in the given order; the ids must be exactly the day's agenda items."""
    require_editable(user, day)
    by_id = {a.id: a for a in day.agenda}
    if sorted(agenda_item_ids) != sorted(by_id):
        raise InvalidInput({"order": "The new order must list every agenda item once"})
    _renumber(day, [by_id[i] for i in agenda_item_ids])
    session.flush()


def remove_agenda_item(session: Session, user, agenda_item: AgendaItem) -> None:
    day = agenda_item.review_day
    require_editable(user, day)
    day.agenda.remove(agenda_item)
    _renumber(day, list(day.agenda))
    session.flush()


def parse_subject(session: Session, value: str) -> tuple[int, int | None]:
    """(competency id, item id or None) from "c<competency id>" or "i<item id>"
    (the picker's choices, picker.item_choices)."""
    kind, number = value[:1], bounded_int(value[1:])
    if kind == "c" and number and session.get(Competency, number) is not None:
        return number, None
    if kind == "i" and number:
        item = session.get(CurriculumItem, number)
        if item is not None:
            return item.competency_id, item.id
    raise InvalidInput({"subject": "Select what to review from the list"})
