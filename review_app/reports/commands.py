"""`review-app report`: the Review Day report written to a file by the same builder the
download uses; with --pdf, laid out by LibreOffice so that the contents carry page numbers,
and the PDF written beside it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..extensions import db
from .builder import lay_out
from .loading import load_report_data
from .office import OfficeError
from .pagination import write_paginated

DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("report")
@click.option("--from", "date_from", type=DATE, required=True, help="First day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, required=True, help="Last day (YYYY-MM-DD).")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="The .docx file to write.")
@click.option("--pdf", is_flag=True,
              help="Also write FILE.pdf, and page numbers into the Word contents "
                   "(needs LibreOffice; minutes at national scale).")
@click.option("--exported-by", default="Review Day", show_default=True,
              help="The name the document's properties give as its author.")
def report(date_from: datetime, date_to: datetime, out: Path, pdf: bool,
           exported_by: str) -> None:
    """Write the Review Day report for the Review Days from one date to another."""
    if out.suffix.lower() != ".docx":
        raise click.ClickException("the report is a Word document: give --out FILE.docx")
    if date_to < date_from:
        raise click.ClickException("--to is before --from")
    data = load_report_data(db.session, date_from.date(), date_to.date(),
                            exported_by=exported_by)
    writer = lay_out(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not pdf:
        writer.document.save(str(out))
        click.echo(f"Wrote {out}")
        return
    try:
        pages = write_paginated(writer, out)
    except OfficeError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Wrote {out} and {out.with_suffix('.pdf')} ({pages:,} pages, the "
               "contents with page numbers)")
