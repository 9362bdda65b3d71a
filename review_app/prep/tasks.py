"""The Review Day page as a task list: Plan, Agenda, Invitations, Readiness, Mark ready.

Each task's status comes from the day itself, so the list is never out of step with what
the sections below it show.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ReviewDay
from .readiness import Readiness, active_invitations

STATUS_LABELS = {"completed": "Completed", "incomplete": "Incomplete",
                 "not_started": "Not started", "cannot_start": "Cannot start yet"}


@dataclass
class Task:
    key: str
    name: str
    anchor: str
    hint: str
    status: str  # a key of STATUS_LABELS

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def email_pending(invitation) -> bool:
    """An active invitation whose email has not (or not successfully) reached them."""
    return (invitation.email_sent_at is None or invitation.email_failure is not None
            or invitation.email_bounced_at is not None)


def _plan(day: ReviewDay) -> Task:
    missing = [what for what, there in (("a call link", day.call_link),
                                        ("a facilitator", day.facilitator_id)) if not there]
    hint = ("Still needs " + " and ".join(missing) + "." if missing
            else "Date, time, call link and facilitator are set.")
    return Task("plan", "Plan the day", "details", hint,
                "incomplete" if missing else "completed")


def _agenda(day: ReviewDay, readiness: Readiness) -> Task:
    count = len(day.agenda)
    hint = (f"{count} item{'' if count == 1 else 's'}, {readiness.agenda_minutes} of "
            f"{readiness.slot_minutes} minutes." if count else "Nothing on the agenda yet.")
    if not count:
        status = "not_started"
    elif readiness.codes & {"overrun", "no_prompt"} and day.status == "draft":
        status = "incomplete"
    else:
        status = "completed"
    return Task("agenda", "Build the agenda", "agenda", hint, status)


def _invitations(day: ReviewDay, mail_configured: bool) -> Task:
    active = active_invitations(day)
    pending = [i for i in active if email_pending(i)] if mail_configured else []
    if not active:
        return Task("invitations", "Invite stakeholders", "invitations",
                    "Nobody invited yet.", "not_started")
    hint = f"{len(active)} invited"
    if mail_configured:
        hint += f", {len(active) - len(pending)} emailed"
    return Task("invitations", "Invite stakeholders", "invitations", hint + ".",
                "incomplete" if pending else "completed")


def _readiness(readiness: Readiness) -> Task:
    count = len(readiness.warnings)
    hint = (f"{count} thing{'' if count == 1 else 's'} to check." if count
            else "Nothing left to check.")
    return Task("readiness", "Check readiness", "readiness", hint,
                "incomplete" if count else "completed")


def _mark_ready(day: ReviewDay) -> Task:
    if day.status != "draft":
        return Task("ready", "Mark the day ready", "actions",
                    "The agenda and its baseline are frozen.", "completed")
    if not day.agenda:
        return Task("ready", "Mark the day ready", "actions",
                    "Add something to the agenda first.", "cannot_start")
    return Task("ready", "Mark the day ready", "actions",
                "Freezes the agenda and records the baseline.", "not_started")


def day_tasks(day: ReviewDay, readiness: Readiness, mail_configured: bool) -> list[Task]:
    """The five preparation tasks of a day, in the order a facilitator does them."""
    return [_plan(day), _agenda(day, readiness), _invitations(day, mail_configured),
            _readiness(readiness), _mark_ready(day)]
