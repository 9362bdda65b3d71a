"""Recognising a stage from a key or from a document title such as "Stage 3: Senior ..."."""

from __future__ import annotations

import re

from ..models import STAGES
from .document import CurriculumError

_TITLE = re.compile(r"^\s*(fundamental|stage\s*(\d+))\b", re.IGNORECASE)


def stage_key(value: str, where: str) -> str:
    """Turn a stage key ("stage-3") or title ("Stage 3: Senior ...") into a known key."""
    value = value.strip()
    if value.lower() in STAGES:
        return value.lower()
    match = _TITLE.match(value)
    if match:
        key = "fundamental" if match.group(2) is None else f"stage-{int(match.group(2))}"
        if key in STAGES:
            return key
    known = ", ".join(STAGES)
    raise CurriculumError(f"{where}: unknown stage '{value}' (known stages: {known})")


def looks_like_stage_title(text: str) -> bool:
    return bool(_TITLE.match(text))
