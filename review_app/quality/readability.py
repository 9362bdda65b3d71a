"""`readability`: outcomes and statements past a length or reading-difficulty threshold
(textstat's Flesch reading ease; thresholds in config)."""

from __future__ import annotations

import textstat

from .findings import Finding, StageData, finding
from .settings import QualitySettings

CHECKED = ("statement", "outcome")


def readability(stage: StageData, settings: QualitySettings) -> list[Finding]:
    findings = []
    for comp in stage.competencies:
        for item in comp.items:
            if item.kind not in CHECKED:
                continue
            words = textstat.lexicon_count(item.text)
            ease = textstat.flesch_reading_ease(item.text)
            if words > settings.max_words:
                findings.append(finding(
                    "readability", "warning", stage, comp, item,
                    f"It is {words} words long (the limit is {settings.max_words}).",
                    "Split it, or cut the examples to the one that matters most."))
            elif ease < settings.min_reading_ease:
                findings.append(finding(
                    "readability", "info", stage, comp, item,
                    f"It is very hard to read (Flesch reading ease {ease:.0f}, below "
                    f"{settings.min_reading_ease:.0f}).",
                    "Use shorter sentences and everyday words."))
    return findings
