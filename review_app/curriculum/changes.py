"""What a re-import would change, worked out on plain data before anything is stored.

Items are paired as save_curriculum pairs them (store.py): competencies by title, then in
each item kind identical texts first and the rest by position, so a text that differs in
the same place is "reworded" rather than removed and added (the page shows its word-level
difference, reports/diffing.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import ActivityDoc, CompetencyDoc, CurriculumDoc

KIND_LABELS = {"statement": "Statement", "outcome": "Learning outcome",
               "instructor_activity": "Instructor-directed activity",
               "individual_activity": "Individual-directed activity"}


@dataclass
class ItemChange:
    kind: str  # a key of KIND_LABELS
    change: str  # "added", "removed" or "reworded"
    old: str = ""
    new: str = ""

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class CompetencyChanges:
    title: str
    change: str  # "added", "removed" or "changed"
    items: list[ItemChange] = field(default_factory=list)


@dataclass
class CurriculumChanges:
    competencies: list[CompetencyChanges] = field(default_factory=list)

    def count(self, change: str) -> int:
        return sum(1 for c in self.competencies for i in c.items if i.change == change)

    @property
    def empty(self) -> bool:
        return not self.competencies


def _activity(a: ActivityDoc) -> str:
    return f"{a.title}: {a.description}"


def item_texts(c: CompetencyDoc) -> dict[str, list[str]]:
    """A competency's texts by item kind, in order; an activity as 'Title: description'."""
    return {"statement": [c.statement],
            "outcome": list(c.learning_outcomes),
            "instructor_activity": [_activity(a) for a in c.instructor_activities],
            "individual_activity": [_activity(a) for a in c.individual_activities]}


def _pair(kind: str, old: list[str], new: list[str]) -> list[ItemChange]:
    unmatched_new = list(new)
    spare = []
    for text in old:
        if text in unmatched_new:
            unmatched_new.remove(text)
        else:
            spare.append(text)
    changes = []
    for text in unmatched_new:
        if spare:
            before = spare.pop(0)
            changes.append(ItemChange(kind, "reworded", before, text))
        else:
            changes.append(ItemChange(kind, "added", new=text))
    changes += [ItemChange(kind, "removed", old=text) for text in spare]
    return changes


def compare_docs(old: CurriculumDoc, new: CurriculumDoc) -> CurriculumChanges:
    """The competencies added, removed or changed from `old` to `new`, with their items."""
    before = {c.title.casefold(): c for c in old.competencies()}
    result = CurriculumChanges()
    for comp in new.competencies():
        previous = before.pop(comp.title.casefold(), None)
        if previous is None:
            items = [ItemChange(kind, "added", new=text)
                     for kind, texts in item_texts(comp).items() for text in texts]
            result.competencies.append(CompetencyChanges(comp.title, "added", items))
            continue
        old_texts, new_texts = item_texts(previous), item_texts(comp)
        items = [change for kind in KIND_LABELS
                 for change in _pair(kind, old_texts[kind], new_texts[kind])]
        if items:
            result.competencies.append(CompetencyChanges(comp.title, "changed", items))
    for comp in before.values():
        items = [ItemChange(kind, "removed", old=text)
                 for kind, texts in item_texts(comp).items() for text in texts]
        result.competencies.append(CompetencyChanges(comp.title, "removed", items))
    return result
