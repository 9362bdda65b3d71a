"""What the Review Day report says, as plain data: loaded from the database in a few
queries (loading.py), then laid out as Word without touching the database (sections)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby


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
    stage: str  # "Stage 1": the same competency titles exist in every stage
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
    decided_at: datetime | None = None
    amended_text: str | None = None
    change: ChangeRow | None = None
    carried_to: date | None = None

    @property
    def ref(self) -> str:
        return f"P{self.id}"

    @property
    def anchor(self) -> str:
        """The bookmark of its competency's section in the in-depth feedback."""
        return competency_anchor(self.competency_id)


def by_stage(proposals: list[ProposalRow]) -> list[tuple[str, list[ProposalRow]]]:
    """The proposals in framework order (then day and id), grouped by stage."""
    ordered = sorted(proposals, key=lambda p: (p.order, p.day_date, p.id))
    return [(stage, list(rows)) for stage, rows in groupby(ordered, key=lambda p: p.stage)]


def competency_anchor(competency_id: int) -> str:
    return f"competency_{competency_id}"


@dataclass
class AgendaRow:
    position: int
    label: str
    planned_minutes: int  # 0: not timeboxed
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
    attendees: list[Attendee] = field(default_factory=list)  # stakeholders, once each
    team: list[str] = field(default_factory=list)  # staff who took part (facilitation team)


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
    days: list[DayData]  # the days held (opened live)
    proposals: list[ProposalRow]
    feedback: list[FeedbackRow]
    coverage: list[Coverage]
    not_held: list[tuple[date, str]] = field(default_factory=list)  # planned, never opened
    exported_by: str = "Review Day"
    quality: list = field(default_factory=list)  # reports/quality.py QualityRow, per stage

    @property
    def changes(self) -> list[tuple[ProposalRow, ChangeRow]]:
        """Accepted proposals and their changes, in the order they were decided."""
        found = [(p, p.change) for p in self.proposals if p.change is not None]
        return sorted(found, key=lambda pc: (pc[0].decided_at or datetime.max, pc[0].id))

    @property
    def several_stages(self) -> bool:
        return len({d.curriculum for d in self.days} | {p.curriculum for p in self.proposals}) > 1
