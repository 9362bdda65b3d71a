"""What a proposal puts right: the per-text rules' findings on the wording it replaces that
its new wording no longer has ("wellbeing programs" -> "wellbeing programmes" fixes the
American spelling). Worked out once, when the proposal is made, and stored with it: the
room's snapshot and every replay read it, nothing checks it again."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, has_app_context

from .findings import Finding
from .hints import hints_for
from .settings import QualitySettings


def fixes_of(item_kind: str, base: str | None, new: str | None) -> list[dict[str, str]]:
    """`[{rule, message}]` for each finding on `base` that `new` does not have (a title is
    an activity's, so it gets the rules an activity's text gets: spelling)."""
    if not base or not new or base == new:
        return []
    settings = (QualitySettings.from_config(current_app.config) if has_app_context()
                else QualitySettings())
    before = findings_on(base, item_kind, settings)
    if not before:
        return []
    after = {same(f) for f in findings_on(new, item_kind, settings)}
    return [{"rule": f.rule, "message": f.message} for f in before if same(f) not in after]


@lru_cache(maxsize=1024)
def findings_on(text: str, kind: str, settings: QualitySettings) -> tuple[Finding, ...]:
    """An item's findings, kept: proposals on the same item check its text once."""
    return tuple(hints_for(text, kind, settings=settings))


def same(found: Finding) -> tuple[str, str, str]:
    """What makes two findings the same one. A spelling finding is about one word, so its
    message tells it; the other per-text rules find one thing an item, and "It is 50
    words long" is not fixed by 47 words."""
    return found.rule, found.severity, found.message if found.rule == "uk-spelling" else ""
