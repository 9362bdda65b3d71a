"""CLI commands for curricula; thin callers of the same services as the pages."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from ..extensions import db
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
              help="Word with every change since this date (YYYY-MM-DD) as a tracked change, "
                   "and FILE-clean.docx beside it.")
def export_curriculum(stage: str, out: Path | None, tracked_since) -> None:
    """Export a curriculum in the seed's Word table layout (or the text format)."""
    try:
        key = stage_key(stage, "--stage")
    except CurriculumError as error:
        raise click.ClickException(str(error)) from error
    curriculum = load_curriculum(db.session, key)
    if curriculum is None:
        raise click.ClickException(f"no curriculum for {key} has been imported")
    out = out or Path(current_app.config["EXPORTS_DIR"]) / f"{key}.docx"
    if tracked_since is not None:
        _export_tracked(key, tracked_since.date(), out)
        return
    try:
        write_curriculum_file(curriculum, out)
    except CurriculumError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Wrote {out}")


def _export_tracked(key: str, since, out: Path) -> None:
    from ..reports.tracked import write_tracked_curriculum

    if out.suffix.lower() != ".docx":
        raise click.ClickException("tracked changes need a Word file: give --out FILE.docx")
    tracked, clean, count = write_tracked_curriculum(db.session, key, since, out)
    click.echo(f"Wrote {tracked} ({count} tracked changes since {since.isoformat()}) "
               f"and the clean copy {clean}")
