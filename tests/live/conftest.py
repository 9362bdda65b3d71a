"""A live Review Day on the sample curriculum, and socket clients that share the cookie."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta

import pytest

from review_app.auth.sessions import cookie_fields
from review_app.extensions import socketio
from review_app.models import (
    AgendaItem,
    Invitation,
    Organisation,
    Participant,
    ReviewDay,
    ReviewWeek,
    Stakeholder,
    User,
)

from ..factories import participant_cookie

_ops = itertools.count(1)


def op_id() -> str:
    return f"op-{next(_ops):08d}"


@pytest.fixture
def live_day(session, sample_curriculum):
    """A live Review Day with the first two competencies on its agenda."""
    today = date.today()
    week = ReviewWeek(starts_on=today - timedelta(days=today.weekday()))
    first, second = sample_curriculum.competencies()[:2]
    day = ReviewDay(week=week, curriculum=sample_curriculum, title="Review Day 1", date=today,
                    starts_at=time(10), ends_at=time(12), status="live")
    day.agenda = [AgendaItem(position=0, competency=first, timebox_minutes=30, prompts="Pitch?"),
                  AgendaItem(position=1, competency=second, timebox_minutes=30, prompts="")]
    session.add(day)
    session.commit()
    return day


@pytest.fixture
def facilitator(session):
    user = User(email="fac@example.org", name="Fran Facilitator", role="facilitator",
                password_hash="unused")
    session.add(user)
    session.commit()
    return user


@pytest.fixture
def make_stakeholder(session, live_day):
    """Make a stakeholder who joined the live day from an invitation; returns the participant."""
    def make(name="Sam Stakeholder", organisation="FMLM") -> Participant:
        org = session.query(Organisation).filter_by(name=organisation).first() or Organisation(
            name=organisation)
        stakeholder = Stakeholder(name=name, organisation=org)
        session.add(Invitation(review_day=live_day, stakeholder=stakeholder,
                               expires_at=live_day.date + timedelta(days=7)))
        participant = Participant(review_day_id=live_day.id, stakeholder=stakeholder, name=name,
                                  organisation=org, via="invitation")
        session.add(participant)
        session.commit()
        return participant
    return make


@pytest.fixture
def connect(app):
    """A socket client whose cookie session holds the given participant (and staff login)."""
    clients = []

    def make(participant: Participant | None, user: User | None = None, join=True):
        http = app.test_client()
        with http.session_transaction() as cookie:
            if participant is not None:
                participant_cookie(cookie, participant)
            if user is not None:
                cookie.update(cookie_fields(user))
        client = socketio.test_client(app, flask_test_client=http)
        clients.append(client)
        if join and participant is not None:
            ack = client.emit("join", {"review_day_id": participant.review_day_id},
                              callback=True)
            assert ack["ok"], ack
            client.get_received()
        return client

    yield make
    for client in clients:
        if client.is_connected():
            client.disconnect()


@pytest.fixture
def staff_participant(session, live_day, facilitator):
    participant = Participant(review_day_id=live_day.id, user_id=facilitator.id,
                              name=facilitator.name, via="account")
    session.add(participant)
    session.commit()
    return participant


def changes(client) -> list[dict]:
    return [m["args"][0] for m in client.get_received() if m["name"] == "change"]


def item_of(day, kind="outcome", index=0):
    competency = day.agenda[0].competency
    return competency.live_items(kind)[index]
