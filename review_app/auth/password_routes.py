"""Self-service: a signed-in member of staff changes their own password."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..errors import InvalidInput
from ..extensions import db
from . import bp, sessions
from .decorators import staff_page
from .routes import too_many_attempts
from .throttle import throttle
from .users import change_own_password


@bp.route("/account/password", methods=["GET", "POST"])
@staff_page
def change_password():
    """Show the form to change your password, and change it (current password needed).

    Wrong current passwords count against the account like wrong sign-ins, so a browser
    left signed in cannot be used to guess it. Every other session of the account ends."""
    errors: dict[str, str] = {}
    status, headers = 200, {}
    if request.method == "POST":
        user, address = current_user._get_current_object(), request.remote_addr or ""
        limiter = throttle(db.session)
        wait = limiter.wait(user.email, address)
        try:
            if wait:
                status, headers["Retry-After"] = 429, str(wait * 60)
                raise InvalidInput({"current_password": too_many_attempts(wait)})
            change_own_password(db.session, user, request.form.get("current_password", ""),
                                request.form.get("new_password", ""),
                                request.form.get("confirm_password", ""))
            db.session.commit()
            sessions.begin(user)  # this browser stays signed in, with the new version
            flash("Your password has been changed. Anywhere else you were signed in, you "
                  "have been signed out.")
            return redirect(url_for("prep.dashboard"))
        except InvalidInput as error:
            db.session.rollback()
            errors = error.errors
            if not wait and "current_password" in errors and request.form.get(
                    "current_password"):
                limiter.failed(user.email, address)
                db.session.commit()
            status = status if wait else 400
    return render_template("auth/change_password.html", errors=errors), status, headers
