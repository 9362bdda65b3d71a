"""The frozen baseline: the version and text of every item on the agenda at "ready".

Tuesday's proposals are judged against these entries (a proposal's base is the baseline
version), so an item that moves on afterwards is noticed rather than silently overwritten.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import AgendaItem, BaselineEntry, CurriculumItem, ReviewDay
from ..models.curriculum import utcnow


def items_under_review(agenda_item: AgendaItem) -> list[CurriculumItem]:
    """The texts an agenda item covers: one item, or every current item of the competency."""
    if agenda_item.item is not None:
        return [agenda_item.item]
    return [i for i in agenda_item.competency.items if not i.retired]


def freeze_baseline(session: Session, day: ReviewDay) -> int:
    """Record a BaselineEntry per item on the agenda (each once); return how many."""
    clear_baseline(session, day)
    seen: set[int] = set()
    for agenda_item in day.agenda:
        for item in items_under_review(agenda_item):
            if item.id in seen:
                continue
            seen.add(item.id)
            session.add(BaselineEntry(review_day_id=day.id, item_id=item.id,
                                      version=item.version, title=item.title, text=item.text))
    day.baseline_frozen_at = utcnow()
    session.flush()
    return len(seen)


def clear_baseline(session: Session, day: ReviewDay) -> None:
    session.execute(sa.delete(BaselineEntry).where(BaselineEntry.review_day_id == day.id))
    day.baseline_frozen_at = None
    session.flush()


def baseline_entries(session: Session, day: ReviewDay) -> dict[int, BaselineEntry]:
    """The frozen entries of a day by item id (empty while the day is a draft)."""
    entries = session.scalars(sa.select(BaselineEntry)
                              .where(BaselineEntry.review_day_id == day.id))
    return {entry.item_id: entry for entry in entries}


def changed_since_baseline(session: Session, day: ReviewDay) -> list[BaselineEntry]:
    """Entries whose item has a newer version than the one frozen."""
    return [entry for entry in baseline_entries(session, day).values()
            if entry.item.version != entry.version]
