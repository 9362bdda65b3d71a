"""CLI commands for curricula; thin callers of the same services as the pages."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from ..extensions import db
from ..models import ReviewDay
from .document import CurriculumError
from .sources import TEXT_SUFFIXES, import_curriculum_file, write_curriculum_file
from .stages import stage_key
from .store import load_curriculum


def _import_each(paths: list[Path], stage: str | None) -> int:
    """Import files one by one, each all-or-nothing; return how many failed."""
    failures = 0
    for path in paths:
        try:
            result = import_curriculum_file(db.session, path, stage)
            db.session.commit()
        except CurriculumError as error:
            db.session.rollback()
            click.echo(f"Error: {error}", err=True)
            failures += 1
            continue
        curriculum = result.curriculum
        state = "created" if result.created else "updated" if result.changed else "unchanged"
        click.echo(f"{path}: {curriculum.title}, version {curriculum.version} ({state}), "
                   f"{len(curriculum.competencies())} competencies")
    return failures


@click.command("import-curriculum")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--stage", help="Stage key or title when the document does not name it.")
def import_curriculum(paths: tuple[Path, ...], stage: str | None) -> None:
    """Import curricula from Word (.docx) or text (.yaml, .json) files."""
    if _import_each(list(paths), stage):
        raise SystemExit(1)


@click.command("load-samples")
def load_samples() -> None:
    """Load every text curriculum in curricula/ (re-loading an unchanged one changes nothing)."""
    folder = Path(current_app.config["CURRICULA_DIR"])
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in TEXT_SUFFIXES)
    if _import_each(paths, None):
        raise SystemExit(1)


@click.command("export-curriculum")
@click.option("--stage", required=True, help="Stage key (stage-1) or title.")
@click.option("--out", type=click.Path(path_type=Path),
              help="File to write (.docx, .yaml or .json); default exports/<stage>.docx.")
@click.option("--tracked-since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Word with every change implemented since this date (YYYY-MM-DD) as a "
                   "tracked change, and FILE-clean.docx beside it.")
@click.option("--tracked-since-review-day", "since_day", type=click.IntRange(1, 2**31 - 1),
              help="The same, against the baseline frozen for this Review Day (its id).")
@click.option("--exported-by", default="Review Day", show_default=True,
              help="The name the Word file's properties give as its author.")
def export_curriculum(stage: str, out: Path | None, tracked_since, since_day: int | None,
                      exported_by: str) -> None:
    """Export a curriculum in the seed's Word table layout (or the text format)."""
    try:
        key = stage_key(stage, "--stage")
    except CurriculumError as error:
        raise click.ClickException(str(error)) from error
    curriculum = load_curriculum(db.session, key)
    if curriculum is None:
        raise click.ClickException(f"no curriculum for {key} has been imported")
    out = out or Path(current_app.config["EXPORTS_DIR"]) / f"{key}.docx"
    if tracked_since is not None or since_day is not None:
        _export_tracked(key, tracked_since, since_day, out, exported_by)
        return
    try:
        write_curriculum_file(curriculum, out)
    except CurriculumError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Wrote {out}")


def _export_tracked(key: str, since, day_id: int | None, out: Path, author: str) -> None:
    from ..reports.baseline import baseline_of_date, baseline_of_day
    from ..reports.tracked import clean_path, write_tracked_curriculum

    if out.suffix.lower() != ".docx":
        raise click.ClickException("tracked changes need a Word file: give --out FILE.docx")
    if since is not None and day_id is not None:
        raise click.ClickException("give --tracked-since or --tracked-since-review-day, not both")
    if day_id is not None:
        day = db.session.get(ReviewDay, day_id)
        if day is None or day.curriculum.stage != key:
            raise click.ClickException(f"no Review Day {day_id} on the {key} curriculum")
        baseline = baseline_of_day(day)
    else:
        baseline = baseline_of_date(since.date())
    result = write_tracked_curriculum(db.session, key, baseline, out, author)
    click.echo(f"Wrote {out} with {result.summary} as {result.revisions} tracked "
               f"changes, and the clean copy {clean_path(out)}")
