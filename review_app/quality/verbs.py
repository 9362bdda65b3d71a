"""`outcome-verb` and `progression`: each outcome opens with one observable verb, and a
competency asks for no lower Bloom level in a later stage than in an earlier one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .findings import CompetencyData, Finding, StageData, finding

DATA = Path(__file__).parent / "data" / "bloom_verbs.yaml"


@dataclass(frozen=True)
class Taxonomy:
    level_names: dict[int, str]
    levels: dict[str, int]  # verb -> level
    vague: dict[str, list[str]]  # phrase -> observable alternatives


@cache
def taxonomy() -> Taxonomy:
    data = yaml.safe_load(DATA.read_text())
    levels: dict[str, int] = {}
    for level, verbs in data["verbs"].items():
        for verb in verbs:
            if verb in levels:
                raise ValueError(f"{DATA.name}: {verb!r} is listed at two levels")
            levels[verb] = int(level)
    return Taxonomy({int(k): v for k, v in data["levels"].items()}, levels, data["vague"])


@dataclass(frozen=True)
class OpeningVerb:
    verb: str  # as written, lower case ("be aware of", "apply")
    level: int | None  # None: vague or not a known verb
    vague: list[str] | None  # alternatives when the verb cannot be observed

    @property
    def measurable(self) -> bool:
        return self.level is not None


WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def opening_verb(text: str) -> OpeningVerb:
    """The verb an outcome opens with, its Bloom level, or the vague phrase it opens with."""
    words = [w.lower() for w in WORD.findall(text[:120])]
    if not words:
        return OpeningVerb("", None, None)
    tax = taxonomy()
    for phrase, alternatives in sorted(tax.vague.items(), key=lambda p: -len(p[0])):
        n = phrase.count(" ") + 1
        if " ".join(words[:n]) == phrase:
            return OpeningVerb(phrase, None, alternatives)
    verb = words[0]
    return OpeningVerb(verb, tax.levels.get(verb), None)


def level_name(level: int | None) -> str:
    return taxonomy().level_names.get(level, "not a listed verb") if level else "–"


def outcome_verb(stage: StageData) -> list[Finding]:
    findings = []
    for comp in stage.competencies:
        for item in comp.of_kind("outcome"):
            opening = opening_verb(item.text)
            if opening.vague is not None:
                alternatives = ", ".join(f"“{a.capitalize()}”" for a in opening.vague)
                findings.append(finding(
                    "outcome-verb", "error", stage, comp, item,
                    f"This outcome opens with “{opening.verb}”, which cannot be observed "
                    "or assessed.", f"Open with an action a learner can be seen doing, such "
                    f"as {alternatives}."))
            elif opening.level is None:
                findings.append(finding(
                    "outcome-verb", "warning", stage, comp, item,
                    f"“{opening.verb.capitalize()}” is not in the list of measurable verbs "
                    "(Bloom's revised taxonomy).", "Open with one observable verb, such as "
                    "“Apply”, “Analyse” or “Evaluate”, or add the verb to the list if it "
                    "is measurable."))
    return findings


def competency_levels(comp: CompetencyData) -> list[int]:
    return [level for i in comp.of_kind("outcome")
            if (level := opening_verb(i.text).level) is not None]


def progression(stages: list[StageData]) -> list[Finding]:
    """A competency title in a later stage whose highest outcome level is below the
    highest level the same title reached in any earlier stage."""
    findings = []
    best: dict[str, tuple[int, StageData]] = {}  # title -> highest level so far, where
    for stage in sorted(stages, key=lambda s: s.order):
        for comp in stage.competencies:
            levels = competency_levels(comp)
            if not levels:
                continue
            key = comp.title.strip().lower()
            top = max(levels)
            earlier = best.get(key)
            if earlier and top < earlier[0]:
                findings.append(finding(
                    "progression", "warning", stage, comp, None,
                    f"Its outcomes reach only {level_name(top)} (level {top}), lower than "
                    f"{level_name(earlier[0])} (level {earlier[0]}) in {earlier[1].title}.",
                    "Raise at least one outcome to the earlier stage's level or above, so "
                    "the pathway develops from stage to stage.", text=comp.title))
            if not earlier or top > earlier[0]:
                best[key] = (top, stage)
    return findings
