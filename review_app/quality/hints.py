"""Tuesday, live: the per-text rules on a draft a stakeholder is writing, as hints that
never block (the checks that compare items, duplicates and progression, need the whole
curriculum and are left to the pages)."""

from __future__ import annotations

from ..models.curriculum import CODE_VALUES, ITEM_KINDS
from .findings import CompetencyData, Finding, ItemData, StageData
from .readability import readability
from .settings import QualitySettings
from .spelling import speller, uk_spelling
from .verbs import outcome_verb


def hints_for(text: str, kind: str, stage: str = "draft",
              settings: QualitySettings | None = None) -> list[Finding]:
    """The findings a draft of this kind ("outcome", "statement", an activity) would get."""
    kind = kind if kind in ITEM_KINDS else "statement"
    item = ItemData(None, kind, 1, text)
    draft = StageData(stage, "Draft", 0, (CompetencyData(None, "Draft", CODE_VALUES,
                                                         (item,)),))
    found = outcome_verb(draft) + readability(draft, settings or QualitySettings())
    if text.strip() and speller() is not None:  # no "dictionary missing" hint mid-sentence
        found += uk_spelling(draft)
    return found
