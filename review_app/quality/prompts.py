"""Monday: the quality findings on a Review Day's agenda items, as prompts the facilitator
may add (shown beside the readiness check; nothing is added without them)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ReviewDay
from .findings import Finding, stage_data
from .service import check_stages

# Rules worth a question to the room; spelling is a fix to make, not a discussion.
QUESTIONS = {
    "outcome-verb": "Which observable verb would make it assessable?",
    "progression": "Does it ask enough of this stage?",
    "duplicate": "Should the two be merged, or made distinct?",
    "readability": "Could it be shorter or plainer?",
    "code-values": "Which values of the Code does it develop?",
    "uk-spelling": "",
}


@dataclass(frozen=True)
class SuggestedPrompts:
    position: int  # the agenda item's, 1-based
    title: str
    prompts: list[str]


def prompt_of(finding: Finding) -> str:
    place = finding.place or "The competency"
    question = QUESTIONS.get(finding.rule, "")
    return " ".join(p for p in (f"{place}: {finding.message}", finding.suggestion, question)
                    if p)


def suggested_prompts(day: ReviewDay) -> list[SuggestedPrompts]:
    """Per agenda item, the errors and warnings on its competency (or its single item)
    that its prompts do not mention yet. The day's own stage only: quick on a page."""
    if not day.agenda:
        return []
    findings = [f for f in check_stages([stage_data(day.curriculum)])
                if f.severity in ("error", "warning")]
    found = []
    for agenda_item in sorted(day.agenda, key=lambda a: a.position):
        mine = [f for f in findings if f.competency_id == agenda_item.competency_id
                and (agenda_item.item_id is None or f.item_id in (None, agenda_item.item_id))]
        prompts = [p for p in map(prompt_of, mine) if p not in agenda_item.prompts]
        if prompts:
            found.append(SuggestedPrompts(agenda_item.position + 1,
                                          agenda_item.competency.title, prompts))
    return found
