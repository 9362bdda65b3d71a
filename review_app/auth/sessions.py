"""Staff sessions that end: on sign-out, password change and deactivation everywhere, and
after STAFF_IDLE_MINUTES without a page load or STAFF_SESSION_HOURS after signing in.

The session is Flask's signed cookie, so the server cannot delete a copy of it. Instead
the cookie carries the user's `session_version` as it was at sign-in, and every load of the
user compares it with the database: bumping the version (`end_sessions`) makes every cookie
issued before it worthless, the one in the browser that signed out and any copy of it.
The idle and absolute clocks are in the cookie too ("since" and "seen"), signed with it.

Live sockets hold a copy of the cookie made at connect: they check the version on every
event (`holds_staff_session`, from live/identity.py) but not the idle clock, which only page
loads move, so a facilitator running a long day in the live room is not cut off.
"""

from __future__ import annotations

import time
from typing import Any

from flask import current_app, flash, session
from flask_login import login_user, logout_user
from sqlalchemy.orm import Session

from ..ids import bounded_int
from ..models import User

STATE = "staff"
USER_ID = "_user_id"  # Flask-Login's own key
# The "seen" time is written back at most this often, not on every request.
SEEN_EVERY_SECONDS = 60


def staff_state(user: User, now: float | None = None) -> dict[str, Any]:
    now = time.time() if now is None else now
    return {"v": user.session_version, "since": now, "seen": now}


def cookie_fields(user: User, now: float | None = None) -> dict[str, Any]:
    """What a signed-in staff cookie holds (for tests and benchmarks that build one)."""
    return {USER_ID: str(user.id), "_fresh": True, STATE: staff_state(user, now)}


def begin(user: User) -> None:
    """Sign `user` in on this browser, with the clocks started and the current version."""
    login_user(user)
    session[STATE] = staff_state(user)


def end_sessions(db_session: Session, user: User) -> None:
    """Make every session `user` holds anywhere stop working (the caller commits)."""
    user.session_version = (user.session_version or 0) + 1
    db_session.flush()


def sign_out() -> None:
    logout_user()
    session.clear()


def _refuse(message: str | None = None) -> None:
    session.clear()
    if message:
        flash(message)


def load_user(db_session: Session, user_id: str) -> User | None:
    """Flask-Login's user loader: the account this cookie names, while the cookie's
    session is still current (same version, account active, within both time limits)."""
    number = bounded_int(user_id)
    user = db_session.get(User, number) if number else None
    state = session.get(STATE)
    if user is None or not isinstance(state, dict) or state.get("v") != user.session_version \
            or not user.active:
        _refuse()
        return None
    now, config = time.time(), current_app.config
    since, seen = state.get("since"), state.get("seen")
    if not isinstance(since, int | float) or not isinstance(seen, int | float):
        _refuse()
        return None
    if now - since > config["STAFF_SESSION_HOURS"] * 3600:
        _refuse(f"You have been signed out because you signed in more than "
                f"{config['STAFF_SESSION_HOURS']} hours ago. Sign in again to continue.")
        return None
    if now - seen > config["STAFF_IDLE_MINUTES"] * 60:
        _refuse(f"You have been signed out because you were inactive for "
                f"{config['STAFF_IDLE_MINUTES']} minutes. Sign in again to continue.")
        return None
    if now - seen >= SEEN_EVERY_SECONDS:
        session[STATE] = {**state, "seen": now}
    return user


def holds_staff_session(user_id: int, version: int) -> bool:
    """Whether this (socket's copy of the) cookie is signed in as `user_id` at `version`."""
    state = session.get(STATE)
    return (session.get(USER_ID) == str(user_id) and isinstance(state, dict)
            and state.get("v") == version)


def staff_in_session(db_session: Session) -> User | None:
    """The active staff account this cookie is signed in as, version checked (sockets)."""
    number = bounded_int(session.get(USER_ID) or "")
    user = db_session.get(User, number) if number else None
    if user is None or not user.active or not holds_staff_session(user.id,
                                                                    user.session_version):
        return None
    return user
