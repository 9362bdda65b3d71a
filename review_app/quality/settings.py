"""The thresholds the rules use, read from the app's config (QUALITY_*; see config.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class QualitySettings:
    # rapidfuzz token_sort_ratio (0–100) at or above which two items are near-duplicates.
    duplicate_score: int = 90
    # Items shorter than this many words are never compared (titles, stubs).
    duplicate_min_words: int = 6
    # An outcome or statement longer than this many words is hard to assess as one outcome.
    max_words: int = 45
    # Flesch reading ease below this is very hard to read (0–30 is "very difficult").
    min_reading_ease: float = 0.0

    @classmethod
    def from_config(cls, config: Any) -> QualitySettings:
        return cls(**{name: config[key] for name in cls.__dataclass_fields__
                      if (key := f"QUALITY_{name.upper()}") in config})
