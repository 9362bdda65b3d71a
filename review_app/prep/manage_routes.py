"""Managing in full: archive a held day, delete a stakeholder, delete or merge an
organisation. Each asks first on a confirmation page that says what will happen."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.decorators import staff_page
from ..auth.permissions import require
from ..errors import ActionRefused, InvalidInput, found
from ..extensions import db
from ..ids import bounded_int
from ..models import Organisation
from . import bp
from .anonymise import anonymous_label, delete_stakeholder, deletion_counts
from .clock import long_date
from .confirming import confirm_page
from .days import get_review_day
from .deleting import archive_day
from .reference import delete_organisation, merge_organisations, organisation_usage, organisations
from .routes import day_url
from .stakeholders import get_stakeholder


@bp.post("/review-days/<int:review_day_id>/archive")
@staff_page
def archive(review_day_id: int):
    """Archive a held day (off the Review Days list, still in reports), or restore it."""
    day = get_review_day(db.session, current_user, review_day_id)
    restore = request.form.get("restore") == "1"
    try:
        archive_day(db.session, current_user, day, archived=not restore)
        db.session.commit()
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(day_url(day.id, "actions"))
    if restore:
        flash(f"{day.title} is back on the Review Days list.")
        return redirect(day_url(day.id))
    flash(f"Archived {day.title} ({long_date(day.date)}). It is still in every report.")
    return redirect(url_for("prep.dashboard"))


@bp.route("/stakeholders/<int:stakeholder_id>/delete", methods=["GET", "POST"])
@staff_page
def delete_stakeholder_page(stakeholder_id: int):
    """Ask to confirm deleting a stakeholder, saying what happens; then delete them."""
    stakeholder = get_stakeholder(db.session, current_user, stakeholder_id)
    if request.method == "POST":
        name = stakeholder.name
        done = delete_stakeholder(db.session, current_user, stakeholder)
        db.session.commit()
        flash(f"Deleted {name}. What they contributed stays, shown as “{done.label}”.")
        return redirect(url_for("prep.stakeholders"))
    days, invitations = deletion_counts(db.session, current_user, stakeholder)
    label = anonymous_label(stakeholder)
    email = f" ({stakeholder.email})" if stakeholder.email else ""
    return confirm_page(
        f"Delete {stakeholder.name}?",
        [f"Their record, name and email address{email} are deleted. This cannot be undone.",
         f"Their {invitations} invitation{'' if invitations == 1 else 's'} go: every link "
         "of theirs stops working.",
         f"They took part in {days} Review Day{'' if days == 1 else 's'}: their proposals, "
         f"comments, votes and feedback stay, shown as “{label}”, and still count in "
         "the reports."],
        "Delete this stakeholder", url_for("prep.edit_stakeholder",
                                           stakeholder_id=stakeholder.id))


def _organisation(organisation_id: int) -> Organisation:
    require(current_user, "manage_organisations")
    return found(db.session.get(Organisation, organisation_id))


@bp.route("/organisations/organisation/<int:organisation_id>/delete",
          methods=["GET", "POST"])
@staff_page
def delete_organisation_page(organisation_id: int):
    """Ask to confirm deleting an unused organisation; then delete it."""
    organisation = _organisation(organisation_id)
    back = url_for("prep.organisations_page", _anchor="organisations")
    try:
        if request.method == "POST":
            delete_organisation(db.session, current_user, organisation)
            db.session.commit()
            flash(f"Deleted {organisation.name}.")
            return redirect(back)
        if any(organisation_usage(db.session, organisation)):
            raise ActionRefused(f"{organisation.name} has stakeholders or took part in a "
                                "Review Day: merge it into another organisation instead.")
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(url_for("prep.merge_organisation", organisation_id=organisation.id))
    return confirm_page(f"Delete {organisation.name}?",
                        [f"{organisation.name} leaves the list stakeholders choose from.",
                         "Nobody belongs to it and nothing was contributed for it."],
                        "Delete this organisation", back)


@bp.route("/organisations/organisation/<int:organisation_id>/merge", methods=["GET", "POST"])
@staff_page
def merge_organisation(organisation_id: int):
    """Choose the organisation to merge into; confirm, saying what moves; then merge."""
    merged = _organisation(organisation_id)
    others = [(o.id, o.name) for o in organisations(db.session) if o.id != merged.id]
    into = db.session.get(Organisation, bounded_int(request.form.get("into")) or 0)
    stakeholders, participants = organisation_usage(db.session, merged)
    errors = {}
    if request.method == "POST" and into is not None and into.id != merged.id:
        if request.form.get("confirm"):
            try:
                merge_organisations(db.session, current_user, merged, into)
                db.session.commit()
            except InvalidInput as error:
                db.session.rollback()
                errors = error.errors
            else:
                flash(f"Merged {merged.name} into {into.name}.")
                return redirect(url_for("prep.organisations_page", _anchor="organisations"))
        else:
            return confirm_page(
                f"Merge {merged.name} into {into.name}?",
                [f"{stakeholders} stakeholder{'' if stakeholders == 1 else 's'} of "
                 f"{merged.name} move to {into.name}.",
                 f"{participants} attendance record{'' if participants == 1 else 's'} on "
                 f"past Review Days count for {into.name} in the reports from now on.",
                 f"{merged.name} is deleted. This cannot be undone."],
                "Merge the organisations", request.path,
                hidden={"into": str(into.id), "confirm": "1"})
    elif request.method == "POST":
        errors = {"into": "Choose the organisation to merge into"}
    return render_template("prep/merge_organisation.html", merged=merged, others=others,
                           stakeholders=stakeholders, participants=participants,
                           errors=errors), 400 if errors else 200
