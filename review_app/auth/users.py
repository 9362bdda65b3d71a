"""Staff accounts: creating them, checking passwords, and the admin's changes to them.

Passwords are hashed with scrypt (werkzeug). `add_user` is for trusted callers that act
on the database directly (the `create-user` command, the demo); pages call `create_user`,
which checks that the acting user may manage users.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import InvalidInput, found
from ..forms import EMAIL
from ..models import User
from ..models.people import ROLES
from ..offload import run_cpu_bound
from .permissions import require

log = logging.getLogger(__name__)
ROLE_LABELS = {"facilitator": "Facilitator", "programme_lead": "Programme lead",
               "admin": "Admin"}
MIN_PASSWORD = 12
# Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def check_new_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput({field: f"Password must be at least {MIN_PASSWORD} characters"})
    if len(password) > 200:
        raise InvalidInput({field: "Password must be 200 characters or fewer"})


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
    if details.role not in ROLES:
        errors["role"] = "Select a role"
    clash = session.scalars(sa.select(User).where(
        sa.func.lower(User.email) == details.email.lower())).first()
    if clash is not None and clash.id != keep_id:
        errors["email"] = "There is already an account with this email address"
    if errors:
        raise InvalidInput(errors)


def add_user(session: Session, details: UserDetails, password: str) -> User:
    """Create an account (no permission check: for the command line and the demo)."""
    _check(session, details, None)
    check_new_password(password)
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
        check_new_password(new_password, "new_password")
        user.password_hash = hash_password(new_password)
    user.email, user.name, user.role, user.active = (details.email.lower(), details.name,
                                                     details.role, active)
    session.flush()
    log.info("%s changed account %s (role %s, active %s)", actor.email, user.id, user.role,
             active)


def set_password(session: Session, user: User, password: str) -> None:
    check_new_password(password)
    user.password_hash = hash_password(password)
    session.flush()


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active account with this email and password, else None (same time either way)."""
    user = session.scalars(sa.select(User).where(
        sa.func.lower(User.email) == email.strip().lower())).first()
    # scrypt costs about 0.1 s of CPU: off the event loop under gevent (review_app/offload.py).
    if user is None:
        run_cpu_bound(check_password_hash, _DUMMY_HASH, password)
        return None
    if not run_cpu_bound(check_password_hash, user.password_hash, password) or not user.active:
        return None
    return user
