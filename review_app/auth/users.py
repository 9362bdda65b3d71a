"""Staff accounts: creating them, checking passwords, and the admin's changes to them.

Passwords are hashed with scrypt off the event loop and new ones must be hard to guess
(passwords.py). `add_user` is for trusted callers that act on the database directly (the
`create-user` command, the demo); pages call `create_user`, which checks that the acting
user may manage users. A new password or a deactivation ends the account's sessions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from ..errors import InvalidInput, found
from ..forms import EMAIL
from ..models import User
from ..models.people import ROLES
from ..text_rules import UnstorableText, storable
from .passwords import MIN_PASSWORD, check_new_password, hash_password, password_matches
from .permissions import require
from .sessions import end_sessions

__all__ = ["MIN_PASSWORD", "check_new_password", "hash_password"]

log = logging.getLogger(__name__)
ROLE_LABELS = {"facilitator": "Facilitator", "programme_lead": "Programme lead",
               "admin": "Admin"}
# Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


@dataclass
class UserDetails:
    email: str
    name: str
    role: str


def _check(session: Session, details: UserDetails, keep_id: int | None) -> None:
    errors = {}
    if not details.name or len(details.name) > 200:
        errors["name"] = "Enter a name of 200 characters or fewer"
    if not EMAIL.match(details.email):
        errors["email"] = "Enter an email address in the correct format, like name@example.org"
    for name, label in (("name", "Name"), ("email", "Email address")):
        try:  # the forms check this too; the command line comes straight here
            storable(getattr(details, name), multiline=False)
        except UnstorableText as error:
            errors[name] = f"{label} {error.problem}"
    if details.role not in ROLES:
        errors["role"] = "Select a role"
    # A faulty email is not looked up (PostgreSQL refuses a NUL even in a query).
    clash = None if "email" in errors else session.scalars(sa.select(User).where(
        sa.func.lower(User.email) == details.email.lower())).first()
    if clash is not None and clash.id != keep_id:
        errors["email"] = "There is already an account with this email address"
    if errors:
        raise InvalidInput(errors)


def add_user(session: Session, details: UserDetails, password: str) -> User:
    """Create an account (no permission check: for the command line and the demo)."""
    _check(session, details, None)
    check_new_password(password, known=(details.email, details.name))
    user = User(email=details.email.lower(), name=details.name, role=details.role,
                password_hash=hash_password(password), active=True)
    session.add(user)
    session.flush()
    log.info("Account %s created with role %s", user.email, user.role)
    return user


def create_user(session: Session, actor, details: UserDetails, password: str) -> User:
    require(actor, "manage_users")
    return add_user(session, details, password)


def list_users(session: Session, actor) -> list[User]:
    require(actor, "manage_users")
    return list(session.scalars(sa.select(User).order_by(User.active.desc(), User.name)))


def get_user(session: Session, actor, user_id: int) -> User:
    require(actor, "manage_users")
    return found(session.get(User, user_id))


def update_user(session: Session, actor, user: User, details: UserDetails, active: bool,
                new_password: str = "") -> None:
    """Change name, email, role or status, and set a new password when one is given."""
    require(actor, "manage_users")
    _check(session, details, user.id)
    if user.id == actor.id and (details.role != "admin" or not active):
        raise InvalidInput({"role": "You cannot remove your own admin role or deactivate "
                                    "yourself: ask another admin"})
    if new_password:
        check_new_password(new_password, "new_password", known=(details.email, details.name))
        user.password_hash = hash_password(new_password)
    if new_password or (user.active and not active):
        end_sessions(session, user)
    user.email, user.name, user.role, user.active = (details.email.lower(), details.name,
                                                     details.role, active)
    session.flush()
    log.info("%s changed account %s (role %s, active %s)", actor.email, user.id, user.role,
             active)


def set_password(session: Session, user: User, password: str,
                 field: str = "password") -> None:
    """A new password for `user`; every session they hold ends (the caller signs the
    browser that asked back in, if it should stay signed in)."""
    check_new_password(password, field, known=(user.email, user.name))
    user.password_hash = hash_password(password)
    end_sessions(session, user)


def change_own_password(session: Session, user: User, current: str, new: str,
                        confirm: str) -> None:
    """Self-service: the current password first, then a new one typed twice. Raises
    InvalidInput with every field at fault; `current_password` among them when the current
    password is wrong (the route counts that as a failed sign-in)."""
    errors = {}
    if not current:
        errors["current_password"] = "Enter your current password"
    elif not password_matches(user.password_hash, current):
        errors["current_password"] = "Your current password is not correct"
    try:
        check_new_password(new, "new_password", known=(user.email, user.name))
    except InvalidInput as error:
        errors.update(error.errors)
    if "new_password" not in errors and new != confirm:
        errors["confirm_password"] = "The passwords do not match"
    if errors:
        raise InvalidInput(errors)
    set_password(session, user, new, "new_password")
    log.info("%s changed their password", user.email)


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active account with this email and password, else None (same time either way)."""
    user = session.scalars(sa.select(User).where(
        sa.func.lower(User.email) == email.strip().lower())).first()
    if user is None:
        password_matches(_DUMMY_HASH, password)
        return None
    if not password_matches(user.password_hash, password) or not user.active:
        return None
    return user
