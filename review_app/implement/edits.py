"""Writing an implemented change into the curriculum: every text change is a new item
version with the previous one kept in the item's history (`record_revision`).

Positions: `CurriculumItem.position` orders all of a competency's items; an index here is
0-based among the live items of one kind, as a reader sees them (learning outcome 1, 2 …).
Moving or adding an item renumbers its siblings' positions without new versions (their
texts did not change, so proposals made against them stay valid).
"""

from __future__ import annotations

from ..curriculum.store import record_revision
from ..models import ITEM_KINDS, Competency, CurriculumItem


class EditError(ValueError):
    """An edit the curriculum cannot take; the message says why."""


def ordered(competency: Competency, kind: str) -> list[CurriculumItem]:
    """The live items of one kind in reading order."""
    return sorted(competency.live_items(kind), key=lambda i: (i.position, i.id or 0))


def index_of(item: CurriculumItem) -> int | None:
    """The item's index among the live items of its kind, None when retired."""
    found = ordered(item.competency, item.kind)
    return found.index(item) if item in found else None


def _renumber(competency: Competency, kind: str, items: list[CurriculumItem]) -> None:
    position = 0
    for each_kind in ITEM_KINDS:
        for item in items if each_kind == kind else ordered(competency, each_kind):
            item.position = position
            position += 1
    competency.items.sort(key=lambda i: (i.retired, i.position))


def replace_field(item: CurriculumItem, field: str, text: str, source: str,
                  author: str) -> None:
    """Write a new text (or activity title) as the item's next version."""
    if item.retired:
        raise EditError("This item has been removed from the curriculum.")
    if field == "title":
        if not item.is_activity:
            raise EditError("Only activities have a title.")
        item.title = text
    else:
        item.text = text
    item.version += 1
    record_revision(item, source, author)


def add_item(competency: Competency, kind: str, title: str | None, text: str,
             index: int | None, source: str, author: str) -> CurriculumItem:
    """A new item of `kind` at `index` (the end when None) as version 1."""
    siblings = ordered(competency, kind)
    if kind == "statement" and siblings:
        raise EditError("A competency has one statement: edit it instead.")
    if kind.endswith("_activity") and not (title or "").strip():
        raise EditError("An activity needs a title.")
    item = CurriculumItem(kind=kind, title=title if kind.endswith("_activity") else None,
                          text=text, position=0, version=1, retired=False)
    competency.items.append(item)
    at = len(siblings) if index is None else max(0, min(index, len(siblings)))
    siblings.insert(at, item)
    _renumber(competency, kind, siblings)
    record_revision(item, source, author)
    return item


def retire_item(item: CurriculumItem, source: str, author: str) -> int:
    """Remove the item from the curriculum (kept, retired, as a new version); return the
    index it held."""
    siblings = ordered(item.competency, item.kind)
    if item not in siblings:
        raise EditError("This item has already been removed.")
    if item.kind == "statement":
        raise EditError("A competency keeps its statement: edit it instead.")
    if item.kind == "outcome" and len(siblings) == 1:
        raise EditError("A competency keeps at least one learning outcome.")
    at = siblings.index(item)
    siblings.remove(item)
    item.retired = True
    item.version += 1
    record_revision(item, source, author)
    _renumber(item.competency, item.kind, siblings)
    return at


def move_item(item: CurriculumItem, index: int | None) -> int:
    """Put the item at `index` among its kind; return the index it held."""
    siblings = ordered(item.competency, item.kind)
    if item not in siblings:
        raise EditError("This item has been removed from the curriculum.")
    if index is None:
        raise EditError("The proposal does not say where to move the item.")
    at = siblings.index(item)
    siblings.remove(item)
    siblings.insert(max(0, min(index, len(siblings))), item)
    _renumber(item.competency, item.kind, siblings)
    return at
