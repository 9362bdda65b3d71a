"""A Review Day to try at once: live now, with a facilitator, stakeholders and an agenda.

Built with the same services as the pages, acting as the demo facilitator. Running it again
reuses what is there: the same people and day, a fresh password and a slot around now.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.users import UserDetails, add_user, set_password
from ..curriculum.sources import import_curriculum_file
from ..models import Organisation, ReviewDay, Stakeholder, StakeholderGroup, User
from .agenda import add_agenda_item
from .days import ReviewDayDetails, create_review_day, update_review_day
from .invitations import invitation_url, invite_stakeholders, open_link_url
from .reference import seed_reference_data
from .stakeholders import StakeholderDetails, create_stakeholder
from .status import mark_ready, open_day, reopen_day

FACILITATOR_EMAIL = "facilitator@example.org"
TITLE = "Demo Review Day"
STAKEHOLDERS = [
    ("Aisha Khan", "NHS England", "Clinical"),
    ("Ben Turner", "CMI", "Non-clinical"),
    ("Chloe Evans", "FMLM", "Clinical"),
    ("David Okafor", "Skills for Care", "Social care"),
    ("Emma Walsh", "FNF", "Nursing and midwifery"),
    ("Farhan Ali", "KPMG", "Non-clinical"),
    ("Grace Lewis", "Professional Standards Authority", "AHP"),
    ("Harriet Price", "NHS England", "AHP"),
]
PROMPTS = [
    (20, "Is the statement pitched right for someone in their first management role?\n"
         "Are the prioritisation tools in the learning outcomes the examples you would use?"),
    (20, "Do the outcomes work in social care and community settings as well as hospitals?\n"
         "Is any wording too clinical for non-clinical managers?"),
    (15, "Which learning methods are realistic for first-line managers with little "
         "protected time?"),
    (20, "Are the example activities specific enough to run without further guidance?"),
]


@dataclass
class DemoResult:
    base_url: str
    email: str
    password: str
    review_day: ReviewDay
    join_url: str
    stakeholders: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"base_url": self.base_url,
                "facilitator": {"email": self.email, "password": self.password},
                "review_day_id": self.review_day.id, "join_url": self.join_url,
                "stakeholders": self.stakeholders}


def _facilitator(session: Session, password: str) -> User:
    user = session.scalars(sa.select(User).where(User.email == FACILITATOR_EMAIL)).first()
    if user is None:
        return add_user(session, UserDetails(email=FACILITATOR_EMAIL, name="Demo Facilitator",
                                             role="facilitator"), password)
    set_password(session, user, password)
    user.active, user.role = True, "facilitator"
    return user


def _stakeholders(session: Session, user: User) -> list[Stakeholder]:
    people = []
    for name, organisation, group in STAKEHOLDERS:
        email = name.lower().replace(" ", ".") + "@example.org"
        found = session.scalars(sa.select(Stakeholder).where(Stakeholder.email == email)).first()
        if found is None:
            org = session.scalars(sa.select(Organisation).where(Organisation.name == organisation))
            grp = session.scalars(sa.select(StakeholderGroup)
                                  .where(StakeholderGroup.name == group))
            found = create_stakeholder(session, user, StakeholderDetails(
                name=name, email=email, organisation_id=org.one().id, group_id=grp.one().id))
        people.append(found)
    return people


def _slot_around(now: datetime) -> tuple[time, time]:
    """From half an hour ago (on a five-minute mark) for two hours, within the day."""
    start = max(now.hour * 60 + now.minute - 30, 0) // 5 * 5
    end = min(start + 120, 23 * 60 + 59)
    return time(start // 60, start % 60), time(end // 60, end % 60)


def build_demo(session: Session, curricula_dir: Path, now: datetime,
               base_url: str) -> DemoResult:
    """Create or refresh the demo; `now` is London time. Needs a request context for URLs."""
    seed_reference_data(session)
    curriculum = import_curriculum_file(session, curricula_dir / "stage-1.yaml").curriculum
    password = secrets.token_urlsafe(12)
    user = _facilitator(session, password)
    people = _stakeholders(session, user)
    starts_at, ends_at = _slot_around(now)
    details = ReviewDayDetails(title=TITLE, curriculum_id=curriculum.id, date=now.date(),
                               starts_at=starts_at, ends_at=ends_at,
                               call_link="https://call.example.org/review-day-demo",
                               facilitator_id=user.id)
    day = session.scalars(sa.select(ReviewDay).where(
        ReviewDay.title == TITLE, ReviewDay.date == now.date())).first()
    if day is None:
        day = create_review_day(session, user, details)
    else:
        update_review_day(session, user, day, details)
    if day.status == "closed":
        reopen_day(session, user, day)
    if day.status == "draft" and not day.agenda:
        for competency, (minutes, prompts) in zip(curriculum.competencies(), PROMPTS,
                                                  strict=False):
            add_agenda_item(session, user, day, competency.id, None, minutes, prompts)
    invite_stakeholders(session, user, day, [p.id for p in people])  # re-issues dead links
    if day.status == "draft":
        mark_ready(session, user, day)
    if day.status == "ready":
        open_day(session, user, day)
    invitations = sorted(day.invitations, key=lambda i: i.stakeholder.name)
    return DemoResult(
        base_url=base_url, email=user.email, password=password, review_day=day,
        join_url=open_link_url(day),
        stakeholders=[{"name": i.stakeholder.name,
                       "organisation": i.stakeholder.organisation.name,
                       "invite_url": invitation_url(i)} for i in invitations])
