"""Stakeholders, and the admin's managed lists of organisations and stakeholder groups."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import NotFound

from ..auth.decorators import staff_page
from ..auth.permissions import require
from ..errors import InvalidInput
from ..extensions import db
from . import bp
from .anonymise import anonymise_stakeholder, anonymous_label
from .bulk_people import MAX_ROWS, add_rows, plan_rows
from .forms import read_stakeholder, stakeholder_values
from .reference import (
    KINDS,
    add_reference,
    groups,
    organisations,
    rename_reference,
    stakeholder_counts,
)
from .stakeholders import (
    create_stakeholder,
    get_stakeholder,
    list_stakeholders,
    update_stakeholder,
)


@bp.get("/stakeholders/")
@staff_page
def stakeholders():
    """List every stakeholder with their organisation and group."""
    return render_template("prep/stakeholders.html",
                           stakeholders=list_stakeholders(db.session, current_user))


def _stakeholder_form(stakeholder, values, errors):
    return render_template("prep/stakeholder_form.html", stakeholder=stakeholder, values=values,
                           errors=errors,
                           organisations=[(o.id, o.name) for o in organisations(db.session)],
                           groups=[(g.id, g.name) for g in groups(db.session)],
                           ), 400 if errors else 200


@bp.route("/stakeholders/new", methods=["GET", "POST"])
@staff_page
def new_stakeholder():
    """Show the form for a new stakeholder, and add them."""
    require(current_user, "manage_stakeholders")  # before the form; the service checks too
    if request.method == "POST":
        try:
            stakeholder = create_stakeholder(db.session, current_user,
                                             read_stakeholder(request.form))
            db.session.commit()
        except InvalidInput as error:
            db.session.rollback()
            return _stakeholder_form(None, request.form, error.errors)
        flash(f"Added {stakeholder.name} ({stakeholder.organisation.name}).")
        return redirect(url_for("prep.stakeholders"))
    return _stakeholder_form(None, {}, {})


@bp.route("/stakeholders/<int:stakeholder_id>/edit", methods=["GET", "POST"])
@staff_page
def edit_stakeholder(stakeholder_id: int):
    """Show and save a stakeholder's name, email, organisation and group."""
    stakeholder = get_stakeholder(db.session, current_user, stakeholder_id)
    if request.method == "POST":
        try:
            update_stakeholder(db.session, current_user, stakeholder,
                               read_stakeholder(request.form))
            db.session.commit()
        except InvalidInput as error:
            db.session.rollback()
            return _stakeholder_form(stakeholder, request.form, error.errors)
        flash(f"Saved {stakeholder.name}.")
        return redirect(url_for("prep.stakeholders"))
    return _stakeholder_form(stakeholder, stakeholder_values(stakeholder), {})


def _lists_page(errors=None, values=None):
    require(current_user, "manage_organisations")
    errors = errors or {}
    return render_template("prep/organisations.html", organisations=organisations(db.session),
                           groups=groups(db.session), counts=stakeholder_counts(db.session),
                           errors=errors, values=values or {}), 400 if errors else 200


@bp.get("/organisations/")
@staff_page
def organisations_page():
    """List the organisations and stakeholder groups stakeholders choose from (admins only)."""
    return _lists_page()


@bp.post("/organisations/<kind>")
@staff_page
def add_to_list(kind: str):
    """Add an organisation or a stakeholder group."""
    if kind not in KINDS:
        raise NotFound()
    name = request.form.get(f"{kind}-name", "").strip()
    try:
        add_reference(db.session, current_user, kind, name)
        db.session.commit()
    except InvalidInput as error:
        db.session.rollback()
        return _lists_page(error.errors, request.form)
    flash(f"Added {name}.")
    return redirect(url_for("prep.organisations_page", _anchor=f"{kind}s"))


@bp.post("/organisations/<kind>/<int:entry_id>")
@staff_page
def rename_in_list(kind: str, entry_id: int):
    """Rename an organisation or a stakeholder group (everyone linked to it follows)."""
    if kind not in KINDS:
        raise NotFound()
    name = request.form.get(f"name-{kind}-{entry_id}", "").strip()
    try:
        rename_reference(db.session, current_user, kind, entry_id, name)
        db.session.commit()
    except InvalidInput as error:
        db.session.rollback()
        return _lists_page(error.errors, request.form)
    flash(f"Renamed to {name}.")
    return redirect(url_for("prep.organisations_page", _anchor=f"{kind}s"))


def _bulk_text() -> str:
    """The pasted rows, or the chosen CSV file's text when one was uploaded."""
    upload = request.files.get("csv_file")
    if upload and upload.filename:
        data = upload.read(MAX_ROWS * 1000 + 1)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    return request.form.get("rows", "")


@bp.route("/stakeholders/bulk", methods=["GET", "POST"])
@staff_page
def bulk_stakeholders():
    """Show the form for many stakeholders at once; preview the rows, then add them."""
    require(current_user, "manage_stakeholders")
    if request.method == "GET":
        return render_template("prep/bulk_people.html", plan=None, text="", errors={})
    text = _bulk_text()
    if request.form.get("confirm"):
        try:
            plan = add_rows(db.session, current_user, text)
            db.session.commit()
        except InvalidInput:
            db.session.rollback()  # changed since the preview: show it again with its errors
        else:
            flash(f"Added {plan.count('add')} and updated {plan.count('update')} "
                  "stakeholders.")
            return redirect(url_for("prep.stakeholders"))
    plan = plan_rows(db.session, current_user, text)
    return render_template("prep/bulk_people.html", plan=plan, text=text,
                           errors=plan.errors), 400 if plan.errors else 200


@bp.route("/stakeholders/<int:stakeholder_id>/anonymise", methods=["GET", "POST"])
@staff_page
def anonymise(stakeholder_id: int):
    """Ask to confirm anonymising a stakeholder, saying what happens; then do it."""
    stakeholder = get_stakeholder(db.session, current_user, stakeholder_id)
    if request.method == "POST":
        done = anonymise_stakeholder(db.session, current_user, stakeholder)
        db.session.commit()
        flash(f"Anonymised: they now appear as “{done.label}”. Their name and email are "
              "no longer kept.")
        return redirect(url_for("prep.stakeholders"))
    return render_template("prep/anonymise.html", stakeholder=stakeholder,
                           label=anonymous_label(stakeholder))
