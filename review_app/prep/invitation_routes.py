"""Inviting stakeholders to a Review Day: personal links, their email text and .ics file,
revoking and re-issuing them, and resetting the open join link."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.decorators import staff_page
from ..errors import ActionRefused, InvalidInput
from ..extensions import db
from ..ids import bounded_int
from ..models import Invitation, Stakeholder
from . import bp
from .bounces import record_bounce
from .confirming import confirm_page
from .day_page import render_day_page
from .days import get_review_day
from .invitations import (
    active_links,
    get_invitation,
    invitation_state,
    invitation_url,
    invite_stakeholders,
    reissue_invitation,
    reset_open_link,
    revoke_invitation,
)
from .mailing import mail_configured, send_invitation_emails
from .messages import invitation_calendar, invitation_text
from .routes import day_url


@bp.post("/review-days/<int:review_day_id>/invitations")
@staff_page
def invite(review_day_id: int):
    """Invite the stakeholders ticked on the Review Day page."""
    day = get_review_day(db.session, current_user, review_day_id)
    ids = [n for n in map(bounded_int, request.form.getlist("stakeholder_ids")) if n]
    try:
        invited = invite_stakeholders(db.session, current_user, day, ids)
        db.session.commit()
    except InvalidInput as error:
        db.session.rollback()
        return render_day_page(day, 400, invite_errors=error.errors)
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(day_url(day.id, "invitations"))
    names = ", ".join(i.stakeholder.name for i in invited) or "nobody new"
    flash(f"Invited {names}. " + ("Email them from the list below." if mail_configured()
                                  else "Send each their personal link."))
    return redirect(day_url(day.id, "invitations"))


def _invitation_page(invited: Invitation, errors=None, values=None):
    url = invitation_url(invited)
    return render_template("prep/invitation.html", day=invited.review_day,
                           invitation=invited, url=url, text=invitation_text(invited, url),
                           state=invitation_state(invited), errors=errors or {},
                           values=values or {}), 400 if errors else 200


@bp.get("/review-days/<int:review_day_id>/invitations/<int:invitation_id>")
@staff_page
def invitation(review_day_id: int, invitation_id: int):
    """Show one invitation: its personal link, email text to copy and calendar file."""
    return _invitation_page(get_invitation(db.session, current_user, review_day_id,
                                           invitation_id))


@bp.post("/review-days/<int:review_day_id>/invitations/<int:invitation_id>/bounce")
@staff_page
def record_invitation_bounce(review_day_id: int, invitation_id: int):
    """Record that the invitation email bounced, with what the bounce message said."""
    invited = get_invitation(db.session, current_user, review_day_id, invitation_id)
    try:
        record_bounce(db.session, current_user, invited, request.form.get("bounce_reason", ""))
        db.session.commit()
    except InvalidInput as error:
        db.session.rollback()
        return _invitation_page(invited, error.errors, request.form)
    flash(f"Recorded that the email to {invited.stakeholder.name} bounced. Check their "
          "address, then send it again.")
    return redirect(day_url(review_day_id, "invitations"))


@bp.get("/review-days/<int:review_day_id>/invitations/<int:invitation_id>/invitation.ics")
@staff_page
def invitation_ics(review_day_id: int, invitation_id: int):
    """Download the invitation as an iCalendar file to attach to the email."""
    invited = get_invitation(db.session, current_user, review_day_id, invitation_id)
    body = invitation_calendar(invited, invitation_url(invited))
    name = f"review-day-{invited.review_day.date.isoformat()}-invitation-{invited.id}.ics"
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/review-days/<int:review_day_id>/invitations/<int:invitation_id>/revoke",
          methods=["GET", "POST"])
@staff_page
def revoke(review_day_id: int, invitation_id: int):
    """Ask to confirm, then stop an invitation's link from working."""
    invited = get_invitation(db.session, current_user, review_day_id, invitation_id)
    if request.method == "GET":
        name = invited.stakeholder.name
        return confirm_page(
            f"Revoke the invitation of {name}?",
            [f"{name}'s personal link stops working at once, including any email already "
             "sent.", "If they have already joined, what they contributed stays.",
             "You can re-issue the invitation later: they get a new link."],
            "Revoke the invitation", day_url(review_day_id, "invitations"))
    revoke_invitation(db.session, current_user, invited)
    db.session.commit()
    flash(f"Revoked the invitation of {invited.stakeholder.name}: their link no longer "
          "works.")
    return redirect(day_url(review_day_id, "invitations"))


@bp.post("/review-days/<int:review_day_id>/invitations/<int:invitation_id>/reissue")
@staff_page
def reissue(review_day_id: int, invitation_id: int):
    """Give a stakeholder a fresh link (earlier links stop working)."""
    invited = get_invitation(db.session, current_user, review_day_id, invitation_id)
    reissue_invitation(db.session, current_user, invited)
    db.session.commit()
    flash(f"Re-issued the invitation of {invited.stakeholder.name}. Send them the new "
          "text.")
    if request.form.get("back") == "invitation":
        return redirect(url_for("prep.invitation", review_day_id=review_day_id,
                                invitation_id=invited.id))
    return redirect(day_url(review_day_id, "invitations"))


@bp.route("/review-days/<int:review_day_id>/join-link/reset", methods=["GET", "POST"])
@staff_page
def reset_join_link(review_day_id: int):
    """Ask to confirm, then replace the open join link; whoever had the old one can no
    longer join with it."""
    day = get_review_day(db.session, current_user, review_day_id)
    if request.method == "GET":
        return confirm_page(
            "Reset the open join link?",
            ["The link you have shared stops working at once: anyone who has not joined yet "
             "needs the new one.", "People already in the Review Day stay in.",
             "Personal invitation links are not affected."],
            "Reset the link", day_url(day.id, "join-link"))
    reset_open_link(db.session, current_user, day)
    db.session.commit()
    flash("The open join link has been reset: the old link no longer works.")
    return redirect(day_url(day.id, "join-link"))


def _chosen(day) -> list[Invitation]:
    """The invitations a send button names: its own row, a stakeholder group, or the rows
    ticked."""
    if request.form.get("only"):
        ids = [bounded_int(request.form["only"])]
    elif request.form.get("by_group"):
        group_id = bounded_int(request.form.get("group_id", ""))
        return [i for i in day.invitations if group_id and i.stakeholder.group_id == group_id]
    else:
        ids = list(map(bounded_int, request.form.getlist("invitation_ids")))
    return list(db.session.scalars(sa.select(Invitation).where(
        Invitation.id.in_([n for n in ids if n]), Invitation.review_day_id == day.id)))


@bp.post("/review-days/<int:review_day_id>/invitations/email")
@staff_page
def email_invitations(review_day_id: int):
    """Email the chosen invitations through the configured mail server."""
    day = get_review_day(db.session, current_user, review_day_id)
    try:
        result = send_invitation_emails(db.session, current_user, day, _chosen(day))
        db.session.commit()  # what was sent and what failed, either way
    except InvalidInput as error:
        db.session.rollback()
        flash(next(iter(error.errors.values())), "error")
        return redirect(day_url(day.id, "invitations"))
    except ActionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
        return redirect(day_url(day.id, "invitations"))
    if result.sent:
        flash(f"Emailed {', '.join(i.stakeholder.name for i in result.sent)}.")
    for invitation, reason in result.failed:
        flash(f"Not sent to {invitation.stakeholder.name}: {reason}", "error")
    return redirect(day_url(day.id, "invitations"))


@bp.get("/review-days/<int:review_day_id>/invitations/links.csv")
@staff_page
def invitation_links_csv(review_day_id: int):
    """Download every working personal link with its stakeholder, to send another way."""
    day = get_review_day(db.session, current_user, review_day_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "organisation", "link", "expires"])
    for invitation, url in active_links(day):
        person: Stakeholder = invitation.stakeholder
        writer.writerow([_cell(person.name), _cell(person.email or ""),
                         _cell(person.organisation.name), url,
                         invitation.expires_at.date().isoformat()])
    name = f"review-day-{day.date.isoformat()}-links.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _cell(text: str) -> str:
    """A spreadsheet runs a cell starting with = + - @ as a formula: keep it text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text

