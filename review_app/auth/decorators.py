"""The sign-in gate in front of staff pages (the services still check each role)."""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app, session
from flask_login import current_user

from .access import SESSION_KEY


def staff_page(view):
    """Anonymous visitors are sent to sign in; a stakeholder's browser is refused (403).

    Stakeholders come in from invitation links and have no account, so a browser holding
    a Review Day participant but no sign-in is a stakeholder's, and sign-in is not for it.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user.is_authenticated:
            return view(*args, **kwargs)
        if session.get(SESSION_KEY):
            abort(403)
        return current_app.login_manager.unauthorized()

    return wrapper
