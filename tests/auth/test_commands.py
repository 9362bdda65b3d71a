"""`review-app create-user`: the password comes from a prompt or standard input, never argv."""

import sqlalchemy as sa
from werkzeug.security import check_password_hash

from review_app.models import User


def users(session):
    return session.scalars(sa.select(User)).all()


def test_create_user_reads_the_password_from_input(runner, session):
    result = runner.invoke(args=["create-user", "--email", "Lead@Example.org", "--name",
                                 "Lee Lead", "--role", "programme_lead"],
                           input="a-good-long-password\n")
    assert result.exit_code == 0, result.output
    assert "Created programme lead account for Lee Lead <lead@example.org>" in result.output
    [user] = users(session)
    assert (user.email, user.role, user.active) == ("lead@example.org", "programme_lead", True)
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, "a-good-long-password")
    assert "a-good-long-password" not in result.output


def test_a_password_argument_is_refused(runner, session):
    result = runner.invoke(args=["create-user", "--email", "a@example.org", "--name", "A",
                                 "--role", "admin", "--password", "a-good-long-password"])
    assert result.exit_code != 0
    assert "never taken as an argument" in result.output
    assert users(session) == []


def test_short_passwords_bad_roles_and_duplicates_are_refused(runner, session):
    args = ["create-user", "--email", "a@example.org", "--name", "A", "--role"]
    short = runner.invoke(args=[*args, "admin"], input="short\n")
    assert short.exit_code == 1 and "at least 12 characters" in short.output
    role = runner.invoke(args=[*args, "stakeholder"], input="a-good-long-password\n")
    assert role.exit_code == 2
    assert users(session) == []
    assert runner.invoke(args=[*args, "admin"], input="a-good-long-password\n").exit_code == 0
    again = runner.invoke(args=[*args, "facilitator"], input="a-good-long-password\n")
    assert again.exit_code == 1 and "already an account" in again.output
    assert len(users(session)) == 1


def test_a_name_or_email_that_cannot_be_stored_is_refused(runner, session):
    """Issue 15, finding 1: the command line is a way in too (a name pasted into a shell
    can carry a control character; a NUL is refused by PostgreSQL with a traceback)."""
    for name, email in (("Lee\x01 Lead", "lead@example.org"), ("Lee Lead", "le\x00e@x.org")):
        result = runner.invoke(args=["create-user", "--email", email, "--name", name,
                                     "--role", "admin"], input="a-good-long-password\n")
        assert result.exit_code != 0 and "cannot be stored" in result.output, result.output
    assert users(session) == []
