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
    texts = [normalise(item.text) for _, _, item in entries]
    if len(texts) < 2:
        return []
    # One C++ matrix of scores; below the cutoff a score is 0.
    scores = process.cdist(texts, texts, scorer=fuzz.ratio,
                           score_cutoff=settings.duplicate_score, dtype="uint8", workers=-1)
    findings = []
    for later, earlier in zip(*scores.nonzero(), strict=True):
        if earlier >= later:
            continue
        stage, comp, item = entries[later]
        other = entries[earlier]
        if other[0] is not stage:
            scope, severity = "in another stage", "info"
        elif other[1] is not comp:
            scope, severity = "in another competency", "warning"
        else:
            scope, severity = "in the same competency", "warning"
        where = place(*other)
        findings.append(finding(
            "duplicate", severity, stage, comp, item,
            f"Nearly the same as {where} ({scope}, {scores[later, earlier]}% alike).",
            "Merge the two, or make each say what only it covers.",
            related=(place(stage, comp, item), where)))
    return findings
