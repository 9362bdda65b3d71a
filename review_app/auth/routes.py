"""Sign-in and sign-out for staff, and the admin's page of accounts."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..errors import InvalidInput
from ..extensions import db
from ..forms import FormReader
from ..models.people import ROLES
from . import bp
from .decorators import staff_page
from .permissions import require
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


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the sign-in page cannot send anyone elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("prep.dashboard")


@bp.route("/sign-in", methods=["GET", "POST"])
def login():
    """Show the staff sign-in form; sign in with email and password."""
    target = request.values.get("next")
    if current_user.is_authenticated:
        return redirect(_safe_next(target))
    errors: dict[str, str] = {}
    if request.method == "POST":
        user = authenticate(db.session, request.form.get("email", ""),
                            request.form.get("password", ""))
        if user is not None:
            login_user(user)
            flash(f"You are signed in as {user.name}.")
            return redirect(_safe_next(target))
        errors = {"email": "Enter the email address and password of an active account"}
    return render_template("auth/login.html", errors=errors, next=target,
                           email=request.form.get("email", "")), 400 if errors else 200


@bp.post("/sign-out")
def logout():
    """Sign out and forget everything the browser session held."""
    logout_user()
    session.clear()
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
                check_new_password(request.form.get("password", ""))
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
