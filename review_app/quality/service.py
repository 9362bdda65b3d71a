"""The one service behind the command line, the pages and the report: every rule over
the imported stages (or over plain curriculum data), findings in framework order."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..models.curriculum import Competency, CompetencyGroup, Curriculum, FocusArea
from .code_values import code_values
from .duplicates import duplicates
from .findings import Finding, StageData, stage_data
from .readability import readability
from .settings import QualitySettings
from .spelling import uk_spelling
from .verbs import outcome_verb, progression

RULES = ("outcome-verb", "progression", "uk-spelling", "duplicate", "readability",
         "code-values")


def check_stages(stages: list[StageData], settings: QualitySettings | None = None,
                 only: str | None = None) -> list[Finding]:
    """Run every rule over the stages; `only` keeps the findings of one stage (the
    cross-stage rules still compare it with the others)."""
    settings = settings or QualitySettings()
    findings: list[Finding] = []
    for stage in stages:
        if only is None or stage.stage == only:
            findings += outcome_verb(stage) + uk_spelling(stage)
            findings += readability(stage, settings) + code_values(stage)
    findings += progression(stages) + duplicates(stages, settings)
    return [f for f in findings if only is None or f.stage == only]


def load_stages(session: Session) -> list[StageData]:
    """Every imported stage as the rules read it, in five queries (lazy loading took one per
    competency group and one per competency: a fifth of a national check)."""
    found = session.scalars(sa.select(Curriculum).options(
        selectinload(Curriculum.focus_areas).selectinload(FocusArea.groups)
        .selectinload(CompetencyGroup.competencies).selectinload(Competency.items))).all()
    return [stage_data(c) for c in sorted(found, key=lambda c: c.stage_order)]


def check_curriculum(session: Session, stage: str | None = None,
                     settings: QualitySettings | None = None) -> list[Finding]:
    """Every finding on the imported curricula (or one stage of them)."""
    return check_stages(load_stages(session), settings, stage)


@dataclass(frozen=True)
class Summary:
    total: int
    by_severity: Counter
    by_rule: Counter

    @classmethod
    def of(cls, findings: list[Finding]) -> Summary:
        return cls(len(findings), Counter(f.severity for f in findings),
                   Counter(f.rule for f in findings))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
