"""The report's "Curriculum quality before and after": per stage reviewed, the share of
outcomes opening with a measurable verb, American spellings and near-duplicates, at the
baseline (review_app/reports/baseline.py) and now, from the checks in review_app/quality/."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..models import Competency, CompetencyGroup, Curriculum, CurriculumItem, FocusArea, ReviewDay
from ..quality.duplicates import duplicates
from ..quality.findings import KIND_LABELS, CompetencyData, ItemData, StageData, stage_data
from ..quality.settings import QualitySettings
from ..quality.spelling import speller, uk_spelling
from ..quality.verbs import opening_verb
from .baseline import Baseline, baseline_of_day, revision_at
from .summary import count, percent
from .word import ReportWriter


@dataclass(frozen=True)
class QualityFigures:
    outcomes: int
    measurable: int  # outcomes opening with a verb of the taxonomy
    spelling: int | None  # None: no en-GB dictionary here
    duplicates: int


@dataclass(frozen=True)
class QualityRow:
    curriculum: str
    baseline: str  # its label: "the baseline frozen for the Review Day on …"
    before: QualityFigures
    now: QualityFigures


def figures(stage: StageData, settings: QualitySettings) -> QualityFigures:
    outcomes = [i for c in stage.competencies for i in c.of_kind("outcome")]
    measurable = sum(opening_verb(i.text).measurable for i in outcomes)
    spelling = (sum(f.rule == "uk-spelling" and f.severity == "error"
                    for f in uk_spelling(stage)) if speller() else None)
    return QualityFigures(len(outcomes), measurable, spelling,
                          len(duplicates([stage], settings)))


def stage_at(curriculum: Curriculum, baseline: Baseline) -> StageData:
    """The curriculum's text as it stood at the baseline (items in today's order)."""
    competencies = []
    for comp in (c for fa in curriculum.focus_areas for g in fa.groups for c in g.competencies):
        items = []
        for kind in KIND_LABELS:
            then = [(i, r) for i in comp.items if i.kind == kind
                    and (r := revision_at(i.revisions, baseline)) is not None and not r.retired]
            items += [ItemData(i.id, kind, n, r.text, r.title)
                      for n, (i, r) in enumerate(sorted(then, key=lambda p: p[0].position), 1)]
        if items:
            competencies.append(CompetencyData(comp.id, comp.title,
                                               tuple(comp.code_values or ()), tuple(items)))
    return StageData(curriculum.stage, curriculum.title, curriculum.stage_order,
                     tuple(competencies))


def load_quality(session: Session, days: list[ReviewDay],
                 settings: QualitySettings | None = None) -> list[QualityRow]:
    """For each curriculum of the days held: its first day's baseline against now, in two
    queries whatever the size."""
    settings = settings or QualitySettings()
    first: dict[int, ReviewDay] = {}
    for day in sorted(days, key=lambda d: (d.baseline_frozen_at is None, d.date, d.id)):
        first.setdefault(day.curriculum_id, day)
    if not first:
        return []
    curricula = session.scalars(
        sa.select(Curriculum).where(Curriculum.id.in_(list(first)))
        .options(selectinload(Curriculum.focus_areas).selectinload(FocusArea.groups)
                 .selectinload(CompetencyGroup.competencies).selectinload(Competency.items)
                 .selectinload(CurriculumItem.revisions))).all()
    rows = []
    for curriculum in sorted(curricula, key=lambda c: c.stage_order):
        baseline = baseline_of_day(first[curriculum.id])
        rows.append(QualityRow(curriculum.title, baseline.label,
                               figures(stage_at(curriculum, baseline), settings),
                               figures(stage_data(curriculum), settings)))
    return rows


def _change(before: int | None, now: int | None) -> str:
    if before is None or now is None:
        return "–"
    return f"{now - before:+,}" if now != before else "no change"


def add_quality(report: ReportWriter, rows: list[QualityRow]) -> None:
    report.heading("Curriculum quality before and after", 1)
    if not rows:
        report.paragraph("No curriculum was reviewed in the period.")
        return
    report.paragraph(
        "The wording checks of Review Day (docs/quality-checks.md) on each curriculum as it "
        "stood at its baseline and as it stands now: learning outcomes that open with a "
        "measurable verb of Bloom's revised taxonomy, American spellings (en-GB dictionary), "
        "and near-duplicate items within the stage.")
    for row in rows:
        report.heading(row.curriculum, 2)
        b, n = row.before, row.now
        missing = "not checked (no en-GB dictionary)"
        table = [
            ("Outcomes opening with a measurable verb",
             f"{count(b.measurable)} of {count(b.outcomes)} "
             f"({percent(b.measurable, b.outcomes)})",
             f"{count(n.measurable)} of {count(n.outcomes)} "
             f"({percent(n.measurable, n.outcomes)})",
             _change(b.measurable, n.measurable)),
            ("American spellings",
             missing if b.spelling is None else count(b.spelling),
             missing if n.spelling is None else count(n.spelling),
             _change(b.spelling, n.spelling)),
            ("Near-duplicate items", count(b.duplicates), count(n.duplicates),
             _change(b.duplicates, n.duplicates)),
        ]
        report.caption(f"Table: {row.curriculum}, quality at {row.baseline} and now")
        report.table(("Measure", "At the baseline", "Now", "Change"), table,
                     (8.0, 5.0, 5.0, 3.0), numeric=(3,))
