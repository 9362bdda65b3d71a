"""What the quality pages show, built from the service's findings (no database here)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .findings import Finding, StageData
from .service import Summary
from .verbs import level_name, opening_verb


def by_place(findings: list[Finding]) -> dict:
    """Findings keyed by (competency, item kind, position); (competency, None, None) for a
    competency's own and (None, None, None) for the stage's."""
    places: dict = defaultdict(list)
    for f in findings:
        places[(f.competency, f.item_kind, f.item_position)].append(f)
    return places


def competency_summaries(stage: StageData, findings: list[Finding]) -> dict[str, Summary]:
    return {c.title: Summary.of([f for f in findings if f.competency == c.title])
            for c in stage.competencies}


@dataclass(frozen=True)
class PathwayCell:
    text: str
    verb: str
    level: int | None
    level_name: str
    vague: bool


def pathway(stages: list[StageData], title: str) -> tuple[list[StageData], list[list]]:
    """The stages that hold a competency of this title, and one row per outcome position
    with a cell per stage (None where that stage has fewer outcomes)."""
    key = title.strip().lower()
    columns, outcomes = [], []
    for stage in sorted(stages, key=lambda s: s.order):
        for comp in stage.competencies:
            if comp.title.strip().lower() == key:
                columns.append(stage)
                outcomes.append([cell(i.text) for i in comp.of_kind("outcome")])
                break
    rows = max((len(o) for o in outcomes), default=0)
    return columns, [[o[n] if n < len(o) else None for o in outcomes] for n in range(rows)]


def cell(text: str) -> PathwayCell:
    opening = opening_verb(text)
    return PathwayCell(text, opening.verb, opening.level, level_name(opening.level),
                       opening.vague is not None)


def competency_titles(stages: list[StageData]) -> list[str]:
    seen: dict[str, str] = {}
    for stage in sorted(stages, key=lambda s: s.order):
        for comp in stage.competencies:
            seen.setdefault(comp.title.strip().lower(), comp.title)
    return list(seen.values())
