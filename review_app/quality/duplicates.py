"""`duplicate`: near-duplicate items within a competency, across competencies and across
stages, each finding naming both places (rapidfuzz's token sort ratio)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .findings import CompetencyData, Finding, ItemData, StageData, finding
from .settings import QualitySettings

NOT_WORD = re.compile(r"[^a-z0-9 ]+")


def normalise(text: str) -> str:
    """Lower case, no punctuation, words sorted: plain `ratio` on these is rapidfuzz's
    token sort ratio, without sorting again for every pair."""
    return " ".join(sorted(NOT_WORD.sub(" ", text.lower()).split()))


def place(stage: StageData, comp: CompetencyData, item: ItemData) -> str:
    return f"{stage.title} › {comp.title} › {item.label}"


def duplicates(stages: list[StageData], settings: QualitySettings) -> list[Finding]:
    """One finding per pair, on the later item of the pair (in framework order)."""
    entries = [(stage, comp, item) for stage in sorted(stages, key=lambda s: s.order)
               for comp in stage.competencies for item in comp.items
               if len(item.text.split()) >= settings.duplicate_min_words]
    # Each distinct text is compared once: a text repeated (an activity shared by
    # competencies, a stage carried over into the next) is 100 % alike with its copies.
    distinct: dict[str, int] = {}
    which = [distinct.setdefault(normalise(item.text), len(distinct)) for _, _, item in entries]
    if len(entries) < 2:
        return []
    # One C++ matrix of scores; below the cutoff a score is 0.
    texts = list(distinct)
    scores = process.cdist(texts, texts, scorer=fuzz.ratio,
                           score_cutoff=settings.duplicate_score, dtype="uint8", workers=-1)
    holders: list[list[int]] = [[] for _ in texts]  # the entries of each distinct text
    for n, text in enumerate(which):
        holders[text].append(n)
    alike = [row.nonzero()[0] for row in scores]
    findings = []
    for later, text in enumerate(which):
        earlier_ones = sorted(n for other in alike[text] for n in holders[other] if n < later)
        for earlier in earlier_ones:
            findings.append(pair_finding(entries[later], entries[earlier],
                                         scores[text, which[earlier]]))
    return findings


def pair_finding(later: tuple[StageData, CompetencyData, ItemData],
                 other: tuple[StageData, CompetencyData, ItemData], score: int) -> Finding:
    stage, comp, item = later
    if other[0] is not stage:
        scope, severity = "in another stage", "info"
    elif other[1] is not comp:
        scope, severity = "in another competency", "warning"
    else:
        scope, severity = "in the same competency", "warning"
    where = place(*other)
    return finding(
        "duplicate", severity, stage, comp, item,
        f"Nearly the same as {where} ({scope}, {score}% alike).",
        "Merge the two, or make each say what only it covers.",
        related=(place(stage, comp, item), where))
