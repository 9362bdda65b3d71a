"""The curriculum as plain data: what every import produces and every export consumes.

Comparing two `CurriculumDoc`s with == is how round trips are checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..text_rules import UNSTORABLE_MESSAGE, first_unstorable


class CurriculumError(ValueError):
    """A curriculum source that cannot be stored; the message names file, place and fault."""


@dataclass
class ActivityDoc:
    title: str
    description: str


@dataclass
class CompetencyDoc:
    title: str
    statement: str
    code_values: list[str] = field(default_factory=list)
    learning_outcomes: list[str] = field(default_factory=list)
    instructor_activities: list[ActivityDoc] = field(default_factory=list)
    individual_activities: list[ActivityDoc] = field(default_factory=list)


@dataclass
class GroupDoc:
    title: str
    competencies: list[CompetencyDoc] = field(default_factory=list)


@dataclass
class FocusAreaDoc:
    title: str
    groups: list[GroupDoc] = field(default_factory=list)


@dataclass
class CurriculumDoc:
    stage: str
    focus_areas: list[FocusAreaDoc] = field(default_factory=list)

    def competencies(self) -> list[CompetencyDoc]:
        return [c for fa in self.focus_areas for g in fa.groups for c in g.competencies]

    def place(self, focus_area: str, group: str) -> GroupDoc:
        """The group of that title under that focus area, created at the end if new."""
        area = next((f for f in self.focus_areas if f.title == focus_area), None)
        if area is None:
            area = FocusAreaDoc(focus_area)
            self.focus_areas.append(area)
        found = next((g for g in area.groups if g.title == group), None)
        if found is None:
            found = GroupDoc(group)
            area.groups.append(found)
        return found

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every text of the curriculum with where it is, as a message names it."""
        for area in self.focus_areas:
            yield f"focus area '{area.title}'", area.title
            for group in area.groups:
                yield f"skills group '{group.title}'", group.title
                for c in group.competencies:
                    yield f"competency '{c.title}': title", c.title
                    yield f"competency '{c.title}': statement", c.statement
                    for n, outcome in enumerate(c.learning_outcomes, start=1):
                        yield f"competency '{c.title}': learning outcome {n}", outcome
                    for kind in ("instructor", "individual"):
                        for n, a in enumerate(getattr(c, f"{kind}_activities"), start=1):
                            where = f"competency '{c.title}': {kind}-directed activity {n}"
                            yield f"{where} title", a.title
                            yield f"{where} description", a.description

    def check_storable(self, source: str) -> None:
        """Refuse a curriculum with a character the database or Word cannot hold
        (text_rules.py): a file is corrected at its source, not normalised on the way in."""
        for where, text in self.texts():
            character = first_unstorable(text)
            if character is not None:
                raise CurriculumError(f"{source}: {where} {UNSTORABLE_MESSAGE} "
                                      f"({character})")
