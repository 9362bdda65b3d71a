"""`review-app demo` (a live Review Day to try, from the same services as the pages) and
`review-app record-bounces` (invitation emails that came back)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app

from ..cli import upgrade_database
from ..extensions import db
from ..links import external_url
from .bounces import ingest_bounces, read_messages
from .clock import hhmm, london_now, long_date
from .demo import build_demo


@click.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def demo(as_json: bool) -> None:
    """Load a Review Day that is live now, with a facilitator, stakeholders and their links."""
    if not sa.inspect(db.engine).has_table("review_day"):
        upgrade_database()  # a fresh laptop: create the database first
    base_url = current_app.config["BASE_URL"].rstrip("/")
    # Links are built as the site at BASE_URL would build them for a visitor.
    with current_app.test_request_context(base_url=base_url):
        result = build_demo(db.session, Path(current_app.config["CURRICULA_DIR"]),
                            london_now(), base_url)
        db.session.commit()
        sign_in = external_url("auth.login")
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=2))
        return
    day = result.review_day
    click.echo(f"{day.title} is live: {day.curriculum.title}, {long_date(day.date)}, "
               f"{hhmm(day.starts_at)} to {hhmm(day.ends_at)}.")
    click.echo(f"\nSign in as the facilitator at {sign_in}")
    click.echo(f"  Email:    {result.email}\n  Password: {result.password}")
    click.echo(f"\nOpen join link (paste into the call's chat):\n  {result.join_url}")
    click.echo("\nPersonal invitation links:")
    for person in result.stakeholders:
        click.echo(f"  {person['name']} ({person['organisation']}): {person['invite_url']}")


@click.command("record-bounces")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
def record_bounces(paths: tuple[Path, ...]) -> None:
    """Mark invitation emails as bounced from delivery reports (.eml files or mboxes)."""
    messages = [m for path in paths for m in read_messages(path)]
    matched, unmatched = ingest_bounces(db.session, messages)
    db.session.commit()
    for invitation in matched:
        click.echo(f"Bounced: {invitation.stakeholder.name} "
                   f"({invitation.review_day.title}): {invitation.email_bounce}")
    click.echo(f"{len(matched)} bounced invitation email(s) recorded; {unmatched} message(s) "
               "matched no invitation.")
