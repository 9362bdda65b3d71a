"""Factory fixtures that return callables (Indico style), built on the real services.

Import the fixtures you need into a package's conftest.py.
"""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa
from flask import g

from review_app.auth.access import LINKS_KEY, SESSION_KEY
from review_app.auth.sessions import cookie_fields
from review_app.auth.users import UserDetails, add_user
from review_app.models import Organisation, Participant, ReviewDay, StakeholderGroup, User
from review_app.prep.agenda import add_agenda_item
from review_app.prep.days import ReviewDayDetails, create_review_day
from review_app.prep.reference import seed_reference_data
from review_app.prep.stakeholders import StakeholderDetails, create_stakeholder

PASSWORD = "a-long-test-password"
ROLES = ("facilitator", "programme_lead", "admin")
_numbers = itertools.count(1)


def sign_in(client, user: User | None) -> None:
    """Sign a test client in as `user` (Flask-Login's session keys); None signs out."""
    with client.session_transaction() as cookie:
        cookie.clear()
        if user is not None:
            cookie.update(cookie_fields(user))
    forget_loaded_user()


def forget_loaded_user() -> None:
    """Requests in a test share the test's app context, so `g` outlives each request and
    Flask-Login would keep the user it loaded first; drop it when the session changes."""
    g.pop("_login_user", None)


def hold_participant(client, participant: Participant) -> None:
    """Give a test client the session a stakeholder gets by joining a Review Day."""
    with client.session_transaction() as cookie:
        participant_cookie(cookie, participant)
    forget_loaded_user()


def participant_cookie(cookie, participant: Participant) -> None:
    """What joining puts in the session: the participant, and for an invitation the nonce
    of the link it was joined from (the invitation's current one)."""
    day = str(participant.review_day_id)
    cookie[SESSION_KEY] = {day: participant.id}
    invitation = next((i for i in participant.review_day.invitations
                       if i.stakeholder_id == participant.stakeholder_id), None)
    if participant.via == "invitation" and invitation is not None:
        cookie[LINKS_KEY] = {day: invitation.nonce}


def next_tuesday() -> date:
    today = date.today()
    return today + timedelta(days=(1 - today.weekday()) % 7 or 7)


@pytest.fixture
def make_user(session):
    def make(role: str = "facilitator", name: str | None = None,
             email: str | None = None) -> User:
        number = next(_numbers)
        user = add_user(session, UserDetails(email=email or f"{role}{number}@example.org",
                                             name=name or f"{role.title()} {number}",
                                             role=role), PASSWORD)
        session.commit()
        return user
    return make


@pytest.fixture
def reference_data(session):
    seed_reference_data(session)
    session.commit()


@pytest.fixture
def make_stakeholder(session, reference_data, make_user):
    actor = {}

    def make(name: str | None = None, organisation: str = "NHS England",
             group: str | None = "Clinical", email: str | None = None):
        if "user" not in actor:
            actor["user"] = make_user("admin")
        number = next(_numbers)
        org = session.scalars(sa.select(Organisation).where(Organisation.name == organisation))
        grp = (session.scalars(sa.select(StakeholderGroup)
                               .where(StakeholderGroup.name == group)).one() if group else None)
        stakeholder = create_stakeholder(session, actor["user"], StakeholderDetails(
            name=name or f"Stakeholder {number}", email=email or f"person{number}@example.org",
            organisation_id=org.one().id, group_id=grp.id if grp else None))
        session.commit()
        return stakeholder
    return make


@pytest.fixture
def make_day(session, sample_curriculum, make_user):
    """make_day(agenda=2, ...) → a draft ReviewDay with that many competencies on its agenda."""
    def make(*, facilitator: User | None = None, on: date | None = None, agenda: int = 2,
             starts_at: time = time(10), ends_at: time = time(12), prompts: str = "Is it right?",
             timebox: int = 20, call_link: str = "https://call.example.org/review",
             title: str = "Stage 1 Review Day") -> ReviewDay:
        facilitator = facilitator or make_user("facilitator")
        day = create_review_day(session, facilitator, ReviewDayDetails(
            title=title, curriculum_id=sample_curriculum.id, date=on or next_tuesday(),
            starts_at=starts_at, ends_at=ends_at, call_link=call_link,
            facilitator_id=facilitator.id))
        for competency in sample_curriculum.competencies()[:agenda]:
            add_agenda_item(session, facilitator, day, competency.id, None, timebox, prompts)
        session.commit()
        return day
    return make


def participants(session, review_day_id: int | None = None) -> list[Participant]:
    query = sa.select(Participant)
    if review_day_id is not None:
        query = query.where(Participant.review_day_id == review_day_id)
    return list(session.scalars(query))
