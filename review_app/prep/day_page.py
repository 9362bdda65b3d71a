"""Everything the Review Day page shows, gathered in one place for the views that render it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import render_template
from flask_login import current_user

from ..auth.permissions import can
from ..extensions import db
from ..models import ReviewDay
from ..models.curriculum import utcnow
from ..quality.prompts import suggested_prompts
from .agenda import agenda_scope, agenda_title
from .baseline import baseline_entries, changed_since_baseline
from .clock import london_today
from .invitations import active_links, invitation_state, open_link_url, uninvited_stakeholders
from .joining import attendance, attendance_by_organisation
from .mailing import mail_configured
from .readiness import check_readiness
from .reference import groups
from .status import STATUS_LABELS
from .tasks import day_tasks
from .weeks import PHASES, week_phase


def render_day_page(day: ReviewDay, http_status: int = 200, **form_state: Any):
    """The Review Day page; `form_state` carries a failed form's errors and values back."""
    session = db.session
    preparing = can(current_user, "prepare")
    participants = attendance(session, current_user, day)
    invitations = sorted(day.invitations, key=lambda i: i.stakeholder.name.casefold())
    now = utcnow()
    readiness = check_readiness(day)
    context = {
        "day": day,
        "next_week": day.date + timedelta(days=7),
        "status_labels": STATUS_LABELS,
        "phase": PHASES[week_phase(day.week, london_today())],
        "readiness": readiness,
        "tasks": day_tasks(day, readiness, mail_configured()) if preparing else [],
        "suggested_prompts": suggested_prompts(day) if preparing else [],
        "agenda_title": agenda_title,
        "agenda_scope": agenda_scope,
        "baseline_count": len(baseline_entries(session, day)),
        "changed": changed_since_baseline(session, day),
        "invitations": invitations,
        "states": {i.id: invitation_state(i, now) for i in invitations},
        "uninvited": uninvited_stakeholders(session, day) if preparing else [],
        "open_link": open_link_url(day) if preparing else None,
        "mail_configured": mail_configured(),
        "links": active_links(day) if preparing else [],
        "groups": groups(session) if preparing else [],
        "participants": participants,
        "by_organisation": attendance_by_organisation(participants),
        "agenda_errors": {}, "agenda_values": {}, "invite_errors": {},
        "moved": None, "moved_button": None, "editing": None,
    }
    context.update(form_state)
    return render_template("prep/day.html", **context), http_status
