"""Every preparation and admin route, for every role: allowed means it works, anything else
is a 403 (or the sign-in page for anonymous visitors) and changes nothing at all.

Roles are checked in the services; this walks them over HTTP as a browser would.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from review_app.auth.permissions import ACTIONS
from review_app.extensions import db
from review_app.models import Organisation, Participant, ReviewDay, StakeholderGroup, User
from review_app.prep.agenda import add_agenda_item
from review_app.prep.days import ReviewDayDetails, create_review_day
from review_app.prep.invitations import invite_stakeholders
from review_app.prep.reference import seed_reference_data
from review_app.prep.stakeholders import StakeholderDetails, create_stakeholder
from review_app.prep.status import close_day, mark_ready, open_day

from ..factories import forget_loaded_user, hold_participant, next_tuesday, sign_in

ROLES = ("anonymous", "stakeholder", "facilitator", "programme_lead", "admin")
HASH = generate_password_hash("a-long-test-password", method="scrypt")
_numbers = itertools.count(1)


@dataclass
class World:
    """Fresh objects for one role to act on (several worlds can share a database)."""

    day: ReviewDay
    ready: ReviewDay
    live: ReviewDay
    closed: ReviewDay
    invitation_id: int
    stakeholder_id: int
    uninvited_id: int
    other_user_id: int
    organisation_id: int
    group_id: int
    subject: str
    n: int


def build_world(session, curriculum, facilitator: User) -> World:
    n = next(_numbers)
    start = next_tuesday() + timedelta(weeks=6 * n)
    days = []
    for offset in range(4):
        day = create_review_day(session, facilitator, ReviewDayDetails(
            title=f"Day {n}.{offset}", curriculum_id=curriculum.id,
            date=start + timedelta(weeks=offset), starts_at=time(10), ends_at=time(12),
            call_link="https://call.example.org/x",
            facilitator_id=facilitator.id))
        for competency in curriculum.competencies()[:2]:
            add_agenda_item(session, facilitator, day, competency.id, None, 20, "Right?")
        days.append(day)
    ready, live, closed, draft = days  # the draft last: its copy lands on a free date
    for day in (ready, live, closed):
        mark_ready(session, facilitator, day)
    open_day(session, facilitator, live)
    open_day(session, facilitator, closed)
    close_day(session, facilitator, closed)
    org = session.scalars(sa.select(Organisation).where(Organisation.name == "CMI")).one()
    group = session.scalars(sa.select(StakeholderGroup)).first()
    people = [create_stakeholder(session, facilitator, StakeholderDetails(
        name=f"Person {n}.{i}", email=f"p{n}.{i}@example.org", organisation_id=org.id,
        group_id=group.id)) for i in range(2)]
    [invitation] = invite_stakeholders(session, facilitator, draft, [people[0].id])
    other = User(email=f"other{n}@example.org", name=f"Other {n}", role="facilitator",
                 password_hash=HASH)
    session.add(other)
    session.commit()
    return World(draft, ready, live, closed, invitation.id, people[0].id, people[1].id,
                 other.id, org.id, group.id, f"c{curriculum.competencies()[7].id}", n)


def day_form(w: World) -> dict[str, str]:
    return {"title": f"New {w.n}", "curriculum_id": str(w.day.curriculum_id),
            "date-day": "1", "date-month": "2", "date-year": str(2040 + w.n),
            "starts_at": "10:00", "ends_at": "11:00", "call_link": ""}


@dataclass
class Route:
    name: str
    method: str
    path: Any
    action: str
    data: Any = None
    json: bool = False


DAY = "/review-days/{w.day.id}"
ROUTES = [
    Route("dashboard", "GET", "/review-days/", "view_weeks"),
    Route("review day page", "GET", DAY, "view_weeks"),
    Route("new review day form", "GET", "/review-days/new", "prepare"),
    Route("create review day", "POST", "/review-days/new", "prepare", day_form),
    Route("edit review day form", "GET", DAY + "/edit", "prepare"),
    Route("edit review day", "POST", DAY + "/edit", "prepare", day_form),
    Route("mark ready", "POST", DAY + "/status", "prepare", {"action": "ready"}),
    Route("return to draft", "POST", "/review-days/{w.ready.id}/status", "prepare",
          {"action": "draft"}),
    Route("open", "POST", "/review-days/{w.ready.id}/status", "run_review_day",
          {"action": "open"}),
    Route("extend", "POST", "/review-days/{w.live.id}/status", "run_review_day",
          {"action": "extend"}),
    Route("close", "POST", "/review-days/{w.live.id}/status", "run_review_day",
          {"action": "close"}),
    Route("reopen", "POST", "/review-days/{w.closed.id}/status", "run_review_day",
          {"action": "reopen"}),
    Route("enter the room", "POST", "/review-days/{w.live.id}/enter", "view_weeks", {}),
    Route("copy to next week", "POST", DAY + "/copy", "prepare", {}),
    Route("add to agenda", "POST", DAY + "/agenda", "prepare",
          lambda w: {"subject": w.subject, "timebox_minutes": "10", "prompts": "Why?"}),
    Route("change agenda item", "POST", DAY + "/agenda/{w.day.agenda[0].id}", "prepare",
          lambda w: {f"timebox_minutes-{w.day.agenda[0].id}": "12",
                     f"prompts-{w.day.agenda[0].id}": "New?"}),
    Route("move agenda item", "POST", DAY + "/agenda/{w.day.agenda[1].id}/move", "prepare",
          {"direction": "up"}),
    Route("reorder agenda", "POST", DAY + "/agenda/order", "prepare",
          lambda w: {"order": [a.id for a in reversed(w.day.agenda)]}, json=True),
    Route("remove agenda item", "POST", DAY + "/agenda/{w.day.agenda[1].id}/remove", "prepare",
          {}),
    Route("invite", "POST", DAY + "/invitations", "prepare",
          lambda w: {"stakeholder_ids": str(w.uninvited_id)}),
    Route("invitation page", "GET", DAY + "/invitations/{w.invitation_id}", "prepare"),
    Route("invitation .ics", "GET", DAY + "/invitations/{w.invitation_id}/invitation.ics",
          "prepare"),
    Route("revoke invitation", "POST", DAY + "/invitations/{w.invitation_id}/revoke",
          "prepare", {}),
    Route("re-issue invitation", "POST", DAY + "/invitations/{w.invitation_id}/reissue",
          "prepare", {}),
    Route("reset open join link", "POST", DAY + "/join-link/reset", "prepare", {}),
    Route("stakeholders", "GET", "/stakeholders/", "manage_stakeholders"),
    Route("new stakeholder form", "GET", "/stakeholders/new", "manage_stakeholders"),
    Route("add stakeholder", "POST", "/stakeholders/new", "manage_stakeholders",
          lambda w: {"name": "New Person", "email": f"new{w.n}@example.org",
                     "organisation_id": str(w.organisation_id), "group_id": ""}),
    Route("edit stakeholder form", "GET", "/stakeholders/{w.stakeholder_id}/edit",
          "manage_stakeholders"),
    Route("edit stakeholder", "POST", "/stakeholders/{w.stakeholder_id}/edit",
          "manage_stakeholders",
          lambda w: {"name": "Renamed", "email": "", "organisation_id": str(w.organisation_id),
                     "group_id": str(w.group_id)}),
    Route("organisations", "GET", "/organisations/", "manage_organisations"),
    Route("add organisation", "POST", "/organisations/organisation", "manage_organisations",
          lambda w: {"organisation-name": f"New organisation {w.n}"}),
    Route("add group", "POST", "/organisations/group", "manage_organisations",
          lambda w: {"group-name": f"New group {w.n}"}),
    Route("rename organisation", "POST", "/organisations/organisation/{w.organisation_id}",
          "manage_organisations",
          lambda w: {f"name-organisation-{w.organisation_id}": f"CMI {w.n}"}),
    Route("users", "GET", "/users/", "manage_users"),
    Route("new user form", "GET", "/users/new", "manage_users"),
    Route("add user", "POST", "/users/new", "manage_users",
          lambda w: {"name": "New User", "email": f"newuser{w.n}@example.org",
                     "role": "programme_lead", "password": "a-long-test-password"}),
    Route("edit user form", "GET", "/users/{w.other_user_id}/edit", "manage_users"),
    Route("edit user", "POST", "/users/{w.other_user_id}/edit", "manage_users",
          lambda w: {"name": "Other", "email": f"other{w.n}@example.org",
                     "role": "programme_lead", "active": "yes"}),
]


def snapshot(session) -> dict[str, list]:
    """Every row of every table: what "changes nothing" is checked against."""
    session.expire_all()
    return {table.name: [tuple(row) for row in session.execute(
                sa.select(table).order_by(*table.primary_key.columns))]
            for table in db.metadata.sorted_tables}


def request(client, route: Route, world: World):
    path = route.path.format(w=world)
    if route.method == "GET":
        return client.get(path)
    data = route.data(world) if callable(route.data) else route.data
    return client.post(path, json=data) if route.json else client.post(path, data=data)


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_role_by_route(app, session, sample_curriculum, route):
    seed_reference_data(session)
    staff = {role: User(email=f"{role}@example.org", name=role.title(), role=role,
                        password_hash=HASH) for role in ("facilitator", "programme_lead",
                                                          "admin")}
    session.add_all(staff.values())
    session.commit()
    allowed = ACTIONS[route.action]
    assert allowed, route.action

    world = build_world(session, sample_curriculum, staff["facilitator"])
    participant = Participant(review_day_id=world.day.id, name="Guest", via="open-link",
                              organisation_id=world.organisation_id)
    session.add(participant)
    session.commit()
    for role in (r for r in ROLES if r not in allowed):
        client = app.test_client()
        forget_loaded_user()
        if role == "stakeholder":
            hold_participant(client, participant)
        elif role != "anonymous":
            sign_in(client, staff[role])
        before = snapshot(session)
        response = request(client, route, world)
        if role == "anonymous":
            assert response.status_code == 302, (role, response.status_code)
            assert response.headers["Location"].startswith("/sign-in?next="), role
        else:
            assert response.status_code == 403, (role, response.status_code)
            assert "You do not have permission" in response.get_data(as_text=True)
        assert snapshot(session) == before, f"{role} changed something"

    for role in sorted(allowed):
        world = build_world(session, sample_curriculum, staff["facilitator"])
        client = app.test_client()
        sign_in(client, staff[role])
        response = request(client, route, world)
        if route.method == "GET":
            assert response.status_code == 200, (role, response.status_code)
        elif route.json:
            assert response.status_code == 200 and response.json["ok"], role
        else:
            assert response.status_code == 302, (role, response.status_code)
            target = response.headers["Location"]
            assert not target.startswith("/sign-in"), role
            page = client.get(target)
            assert page.status_code == 200, (role, target)
            text = page.get_data(as_text=True)
            assert "app-message--error" not in text and "There is a problem" not in text, (
                role, route.name)
