"""Inviting stakeholders to a Review Day: personal links, their email text and .ics file,
revoking and re-issuing them, and resetting the open join link."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.decorators import staff_page
from ..errors import ActionRefused, InvalidInput
from ..extensions import db
from ..ids import bounded_int
from . import bp
from .day_page import render_day_page
from .days import get_review_day
from .invitations import (
    get_invitation,
    invitation_state,
    invitation_url,
    invite_stakeholders,
    reissue_invitation,
    reset_open_link,
    revoke_invitation,
)
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
    flash(f"Invited {names}. Copy each invitation's text into an email.")
    return redirect(day_url(day.id, "invitations"))


@bp.get("/review-days/<int:review_day_id>/invitations/<int:invitation_id>")
@staff_page
def invitation(review_day_id: int, invitation_id: int):
    """Show one invitation: its personal link, email text to copy and calendar file."""
    invited = get_invitation(db.session, current_user, review_day_id, invitation_id)
    url = invitation_url(invited)
    return render_template("prep/invitation.html", day=invited.review_day,
                           invitation=invited, url=url, text=invitation_text(invited, url),
                           state=invitation_state(invited))


@bp.get("/review-days/<int:review_day_id>/invitations/<int:invitation_id>/invitation.ics")
@staff_page
def invitation_ics(review_day_id: int, invitation_id: int):
    """Download the invitation as an iCalendar file to attach to the email."""
    invited = get_invitation(db.session, current_user, review_day_id, invitation_id)
    body = invitation_calendar(invited, invitation_url(invited))
    name = f"review-day-{invited.review_day.date.isoformat()}-invitation-{invited.id}.ics"
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.post("/review-days/<int:review_day_id>/invitations/<int:invitation_id>/revoke")
@staff_page
def revoke(review_day_id: int, invitation_id: int):
    """Stop an invitation's link from working."""
    invited = get_invitation(db.session, current_user, review_day_id, invitation_id)
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


@bp.post("/review-days/<int:review_day_id>/join-link/reset")
@staff_page
def reset_join_link(review_day_id: int):
    """Replace the open join link; whoever had the old one can no longer join with it."""
    day = get_review_day(db.session, current_user, review_day_id)
    reset_open_link(db.session, current_user, day)
    db.session.commit()
    flash("The open join link has been reset: the old link no longer works.")
    return redirect(day_url(day.id, "join-link"))
