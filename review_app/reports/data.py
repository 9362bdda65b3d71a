"""What the Review Day report says, as plain data: loaded from the database in a few
queries (loading.py), then laid out as Word without touching the database (sections)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ChangeRow:
    id: int
    state: str
    owner: str | None
    due_on: date | None
    accepted_text: str | None
    implemented_text: str | None
    implemented_at: datetime | None
    implemented_by: str | None
    implemented_version: int | None
    conflict_resolution: str | None
    resolution_note: str | None


@dataclass
class ProposalRow:
    id: int
    day_date: date
    curriculum: str
    focus_area: str
    group: str
    competency: str
    competency_id: int
    order: tuple[int, ...]  # framework order of the competency, for grouping
    kind: str
    item_label: str
    field: str
    category: str
    status: str
    before: str | None
    after: str | None
    new_title: str | None
    new_position: int | None
    rationale: str
    proposer_organisation: str
    votes: dict[str, int]
    comments: list[tuple[str, str]]  # (organisation, text)
    outcome: str | None = None
    reason: str | None = None
    amended_text: str | None = None
    change: ChangeRow | None = None
    carried_to: date | None = None

    @property
    def ref(self) -> str:
        return f"P{self.id}"


@dataclass
class AgendaRow:
    position: int
    label: str
    planned_minutes: int
    actual_minutes: float


@dataclass
class Attendee:
    key: str  # one person across Review Days
    name: str
    organisation: str
    group: str


@dataclass
class DayData:
    id: int
    date: date
    title: str
    curriculum: str
    facilitator: str | None
    starts: str
    ends: str
    agenda: list[AgendaRow] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)


@dataclass
class FeedbackRow:
    theme: str
    text: str
    organisation: str
    competency: str | None
    day_date: date


@dataclass
class Coverage:
    """Competencies of one curriculum reviewed in the period, by focus area."""

    curriculum: str
    areas: list[tuple[str, int, int]]  # (focus area, reviewed, total)
    not_reviewed: list[str]

    @property
    def reviewed(self) -> int:
        return sum(a[1] for a in self.areas)

    @property
    def total(self) -> int:
        return sum(a[2] for a in self.areas)


@dataclass
class ReportData:
    date_from: date
    date_to: date
    generated_on: date
    days: list[DayData]
    proposals: list[ProposalRow]
    feedback: list[FeedbackRow]
    coverage: list[Coverage]

    @property
    def changes(self) -> list[tuple[ProposalRow, ChangeRow]]:
        return [(p, p.change) for p in self.proposals if p.change is not None]
