"""Sign-in and sign-out for staff, and the admin's page of accounts."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..errors import InvalidInput
from ..extensions import db
from ..forms import FormReader
from ..models.people import ROLES
from . import bp, sessions
from .decorators import staff_page
from .permissions import require
from .redirects import safe_next
from .throttle import throttle
from .users import (
    ROLE_LABELS,
    UserDetails,
    authenticate,
    check_new_password,
    create_user,
    get_user,
    list_users,
    update_user,
)


def landing_page(user) -> str:
    """Where signing in leads without a `next`: programme leads watch coverage and export
    the report, so Reports; everyone else prepares and runs days."""
    return url_for("reports.index" if user.role == "programme_lead" else "prep.dashboard")


def too_many_attempts(minutes: int) -> str:
    return (f"Too many attempts to sign in. Try again in {minutes} "
            f"{'minute' if minutes == 1 else 'minutes'}.")


@bp.route("/sign-in", methods=["GET", "POST"])
def login():
    """Show the staff sign-in form; sign in with email and password (throttled)."""
    target = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(target or landing_page(current_user))
    errors: dict[str, str] = {}
    status, headers = 200, {}
    if request.method == "POST":
        email, password = request.form.get("email", ""), request.form.get("password", "")
        limiter, address = throttle(db.session), request.remote_addr or ""
        wait = limiter.wait(email, address)
        if wait:  # refused before the password is hashed: guessing costs us nothing
            errors, status = {"email": too_many_attempts(wait)}, 429
            headers["Retry-After"] = str(wait * 60)
        else:
            user = authenticate(db.session, email, password)
            if user is not None:
                limiter.succeeded(email)
                db.session.commit()
                sessions.begin(user)
                flash(f"You are signed in as {user.name}.")
                return redirect(target or landing_page(user))
            limiter.failed(email, address)
            db.session.commit()
            errors, status = {"email": "Enter the email address and password of an active "
                                       "account"}, 400
    return render_template("auth/login.html", errors=errors, next=target,
                           email=request.form.get("email", "")), status, headers


@bp.post("/sign-out")
def logout():
    """Sign out here and everywhere: every copy of this account's session stops working."""
    if current_user.is_authenticated:
        sessions.end_sessions(db.session, current_user)
        db.session.commit()
    sessions.sign_out()
    flash("You have signed out.")
    return redirect(url_for("auth.login"))


def _details(reader: FormReader) -> UserDetails:
    details = UserDetails(name=reader.text("name", "a name"),
                          email=reader.email("email") or "", role=reader.raw("role"))
    if details.role not in ROLES:
        reader.error("role", "Select a role")
    return details


@bp.get("/users/")
@staff_page
def users():
    """List every staff account with its role and status (admins only)."""
    return render_template("auth/users.html", users=list_users(db.session, current_user),
                           role_labels=ROLE_LABELS)


@bp.route("/users/new", methods=["GET", "POST"])
@staff_page
def new_user():
    """Show the form for a new staff account, and create it (admins only)."""
    require(current_user, "manage_users")  # before any form is shown; the service checks too
    errors: dict[str, str] = {}
    if request.method == "POST":
        reader = FormReader(request.form)
        details = _details(reader)
        try:
            try:
                check_new_password(request.form.get("password", ""),
                                   known=(details.email, details.name))
            except InvalidInput as error:  # reported with the other fields' errors
                reader.errors.update(error.errors)
            reader.check()
            user = create_user(db.session, current_user, details,
                               request.form.get("password", ""))
            db.session.commit()
            flash(f"Account created for {user.name}.")
            return redirect(url_for("auth.users"))
        except InvalidInput as error:
            db.session.rollback()
            errors = error.errors
    return render_template("auth/user_form.html", user=None, errors=errors,
                           values=request.form, role_labels=ROLE_LABELS), 400 if errors else 200


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@staff_page
def edit_user(user_id: int):
    """Show and save an account's name, email, role, status and password (admins only)."""
    user = get_user(db.session, current_user, user_id)
    errors: dict[str, str] = {}
    values = request.form if request.method == "POST" else {
        "name": user.name, "email": user.email, "role": user.role,
        "active": "yes" if user.active else ""}
    if request.method == "POST":
        reader = FormReader(request.form)
        details = _details(reader)
        try:
            reader.check()
            update_user(db.session, current_user, user, details,
                        active=request.form.get("active") == "yes",
                        new_password=request.form.get("new_password", ""))
            db.session.commit()
            flash(f"Saved the account of {user.name}.")
            return redirect(url_for("auth.users"))
        except InvalidInput as error:
            db.session.rollback()
            errors = error.errors
    return render_template("auth/user_form.html", user=user, errors=errors, values=values,
                           role_labels=ROLE_LABELS), 400 if errors else 200
