"""`review-app report`: the Review Day report written to a file by the same builder the
download uses."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..extensions import db
from .builder import build_report

DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("report")
@click.option("--from", "date_from", type=DATE, required=True, help="First day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, required=True, help="Last day (YYYY-MM-DD).")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="The .docx file to write.")
def report(date_from: datetime, date_to: datetime, out: Path) -> None:
    """Write the Review Day report for the Review Days from one date to another."""
    if out.suffix.lower() != ".docx":
        raise click.ClickException("the report is a Word document: give --out FILE.docx")
    if date_to < date_from:
        raise click.ClickException("--to is before --from")
    document = build_report(db.session, date_from.date(), date_to.date())
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    click.echo(f"Wrote {out}")
