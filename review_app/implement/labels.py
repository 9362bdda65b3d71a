"""The words the pages and the report use for kinds, categories, outcomes and states."""

from __future__ import annotations

from datetime import date

ITEM_KIND_LABELS = {
    "statement": "Competency statement",
    "outcome": "Learning outcome",
    "instructor_activity": "Instructor-directed activity",
    "individual_activity": "Individual-directed activity",
}
# The live room's words for them (Reword, Add, Delete, Move), on the board and in the report.
PROPOSAL_KIND_LABELS = {"replace": "Reword", "add": "Add", "delete": "Delete", "move": "Move"}
CATEGORY_LABELS = {"language": "Language", "terminology": "Terminology",
                   "example": "Examples", "content": "Content", "structure": "Structure"}
STATUS_LABELS = {"accepted": "Accepted", "accepted_amended": "Accepted with amendment",
                 "rejected": "Rejected", "deferred": "Deferred", "withdrawn": "Withdrawn",
                 "open": "Open"}
OUTCOME_LABELS = {"accept": "Accepted", "accept_amended": "Accepted with amendment",
                  "reject": "Rejected", "defer": "Deferred"}
STATE_LABELS = {"to_do": "To do", "in_progress": "In progress", "done": "Done"}
# nhsuk-tag colour modifiers for each state.
STATE_TAGS = {"to_do": "nhsuk-tag--grey", "in_progress": "nhsuk-tag--blue",
              "done": "nhsuk-tag--green"}
RESOLUTION_CHOICES = {"proposed": "Keep the proposed text", "current": "Keep the current text",
                      "merged": "Write a merged text"}
RESOLUTION_LABELS = {"proposed": "Kept the proposed text", "current": "Kept the current text",
                     "merged": "Merged the two texts"}


def long_date(day: date) -> str:
    """A date as the NHS style guide writes it: Tuesday 8 July 2025."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """8 Jul 2025."""
    return f"{day.day} {day:%b %Y}"


def item_label(kind: str, index: int | None = None, field: str = "text") -> str:
    """'Learning outcome 2', 'Competency statement', 'Individual-directed activity 1 (title)'."""
    label = ITEM_KIND_LABELS.get(kind, kind)
    if index is not None and kind != "statement":
        label += f" {index + 1}"
    return label + (" (title)" if field == "title" else "")


def proposal_ref(proposal_id: int) -> str:
    return f"P{proposal_id}"
