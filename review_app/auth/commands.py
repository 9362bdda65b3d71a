"""`review-app create-user`: a staff account from the command line (same service as pages)."""

from __future__ import annotations

import sys

import click

from ..errors import InvalidInput
from ..extensions import db
from ..models.people import ROLES
from .users import UserDetails, add_user


def _refuse_password_argument(_ctx, _param, value):
    if value is not None:
        raise click.UsageError(
            "A password is never taken as an argument (it would stay in the shell history "
            "and the process list). Type it when asked, or pipe it on standard input.")
    return value


def _read_password() -> str:
    """From a hidden prompt (typed twice) on a terminal, else one line of standard input."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@click.command("create-user")
@click.option("--email", required=True, help="Email address to sign in with.")
@click.option("--name", required=True, help="The person's name as shown to others.")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What they may do.")
@click.option("--password", hidden=True, expose_value=False, is_eager=True,
              callback=_refuse_password_argument)
def create_user_command(email: str, name: str, role: str) -> None:
    """Create a facilitator, programme lead or admin account (password asked for)."""
    try:
        user = add_user(db.session, UserDetails(email=email.strip(), name=name.strip(),
                                                role=role), _read_password())
    except InvalidInput as error:
        db.session.rollback()
        raise click.ClickException("; ".join(error.errors.values())) from error
    db.session.commit()
    click.echo(f"Created {user.role.replace('_', ' ')} account for {user.name} <{user.email}>.")
