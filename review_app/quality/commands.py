"""`review-app check-curriculum`: the quality findings of one stage, as lines or JSON."""

from __future__ import annotations

import json

import click
from flask import current_app

from ..curriculum.document import CurriculumError
from ..curriculum.stages import stage_key
from ..extensions import db
from .service import Summary, check_curriculum, has_errors, load_stages
from .settings import QualitySettings


@click.command("check-curriculum")
@click.option("--stage", required=True, help="Stage key (stage-1) or title.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
def check_curriculum_command(stage: str, as_json: bool) -> None:
    """Check a curriculum's wording: exit status 1 when any finding is an error."""
    try:
        key = stage_key(stage, "--stage")
    except CurriculumError as error:
        raise click.UsageError(str(error)) from error
    if key not in {s.stage for s in load_stages(db.session)}:
        raise click.UsageError(f"--stage: no curriculum is imported for {key}")
    findings = check_curriculum(db.session, key, QualitySettings.from_config(current_app.config))
    if as_json:
        click.echo(json.dumps([f.as_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        for f in findings:
            click.echo(f.line())
        summary = Summary.of(findings)
        counts = [(summary.by_severity[s], s) for s in ("error", "warning")]
        click.echo(f"{summary.total} findings: " + ", ".join(
            f"{n} {s}{'' if n == 1 else 's'}" for n, s in counts)
            + f", {summary.by_severity['info']} for information", err=True)
    if has_errors(findings):
        raise SystemExit(1)

