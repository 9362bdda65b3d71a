"""`code-values`: a competency linked to no value of the Management and Leadership Code,
and a stage whose competencies leave some of the six values uncovered."""

from __future__ import annotations

from ..models.curriculum import CODE_VALUES
from .findings import Finding, StageData, finding


def code_values(stage: StageData) -> list[Finding]:
    findings = []
    covered: set[str] = set()
    for comp in stage.competencies:
        covered.update(comp.code_values)
        if not comp.code_values:
            findings.append(finding(
                "code-values", "error", stage, comp, None,
                "This competency is linked to no value of the Code.",
                "Link it to the one or two values it most develops: "
                + ", ".join(CODE_VALUES) + ".", text=comp.title))
    missing = [v for v in CODE_VALUES if v not in covered]
    if missing and stage.competencies:
        findings.append(finding(
            "code-values", "warning", stage, None, None,
            f"No competency in this stage is linked to {', '.join(missing)}.",
            "Link the competencies that develop these values, or add one that does.",
            text=stage.title))
    return findings
