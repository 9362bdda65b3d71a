"""Finding what to put on the agenda: competencies by a word in their title or their texts,
then the whole competency or one of its texts. One search serves the page without
JavaScript and the type-ahead (static/agenda-picker.js)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Competency, CurriculumItem, ReviewDay
from .agenda import KIND_LABELS

MAX_QUERY = 100
MAX_WORDS = 8
SHOWN_ITEMS = 3


@dataclass
class Match:
    competency: Competency
    items: list[CurriculumItem] = field(default_factory=list)  # its texts that match
    more_items: int = 0
    title_matches: bool = True
    on_agenda: bool = False


def result_text(item: CurriculumItem, limit: int = 140) -> str:
    """An item as a search result shows it: its title, or its text cut at a word."""
    text = item.title or item.text
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def query_words(query: str) -> list[str]:
    return query[:MAX_QUERY].casefold().split()[:MAX_WORDS]


def _text(item: CurriculumItem) -> str:
    return f"{item.title or ''} {item.text}".casefold()


def search_competencies(day: ReviewDay, query: str) -> list[Match]:
    """The day's competencies containing every word of `query` (all of them for none),
    those whose title matches first, each with the texts that match."""
    words = query_words(query)
    whole = {a.competency_id for a in day.agenda if a.item_id is None}
    matches = []
    for competency in day.curriculum.competencies():
        items = [i for i in competency.items if not i.retired]
        haystack = " ".join([competency.title.casefold()] + [_text(i) for i in items])
        if not all(word in haystack for word in words):
            continue
        hits = [i for i in items if all(w in _text(i) for w in words)] if words else []
        title = competency.title.casefold()
        matches.append(Match(competency, hits[:SHOWN_ITEMS], max(len(hits) - SHOWN_ITEMS, 0),
                             all(w in title for w in words), competency.id in whole))
    return sorted(matches, key=lambda m: not m.title_matches)  # stable: framework order


def pick_competency(day: ReviewDay, competency_id: int | None) -> Competency | None:
    """One current competency of the day's curriculum, or None."""
    return next((c for c in day.curriculum.competencies() if c.id == competency_id), None)


def item_choices(competency: Competency) -> list[tuple[str, str, str]]:
    """Radios for the second step: (value, label, hint), the whole competency first."""
    choices = [(f"c{competency.id}", "The whole competency",
                "Every text of it: the statement, learning outcomes and activities.")]
    choices += [(f"i{item.id}", item.title or item.text, KIND_LABELS[item.kind])
                for item in competency.items if not item.retired]
    return choices
