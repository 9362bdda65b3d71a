"""Reading a curriculum on screen: which competencies match a text or Code value filter."""

from __future__ import annotations

from ..models import Competency, Curriculum


def competency_text(competency: Competency) -> str:
    """Everything a reader can see of a competency, lower-cased, for text search."""
    parts = [competency.title, competency.group.title, competency.group.focus_area.title]
    for item in competency.items:
        if not item.retired:
            parts += [item.title or "", item.text]
    return " ".join(parts).casefold()


def matching_competencies(curriculum: Curriculum, text: str = "",
                          value: str = "") -> set[int]:
    """Ids of the competencies containing every word of `text` and linked to `value`."""
    words = text.casefold().split()
    return {c.id for c in curriculum.competencies()
            if (not value or value in (c.code_values or []))
            and all(w in competency_text(c) for w in words)}
