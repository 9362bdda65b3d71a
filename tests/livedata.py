"""Setting up a live Review Day in a server process's database, and signed cookies for it."""

from __future__ import annotations

from datetime import date, time, timedelta

import sqlalchemy as sa

from review_app import create_app
from review_app.auth.sessions import cookie_fields
from review_app.curriculum.store import load_curriculum
from review_app.extensions import db
from review_app.models import (
    AgendaItem,
    Organisation,
    Participant,
    ReviewDay,
    ReviewWeek,
    Stakeholder,
    User,
)

SECRET = "e2e-secret"


def seed_live_day(database_url: str, stakeholders: list[tuple[str, str]]) -> dict:
    """A live Review Day on the loaded Stage 1 curriculum, a facilitator and participants.

    Returns ids and a signed session cookie per participant (as a browser would hold after
    joining), so that protocol tests can connect raw Socket.IO clients."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET})
    with app.app_context():
        curriculum = load_curriculum(db.session, "stage-1")
        today = date.today()
        week = ReviewWeek(starts_on=today - timedelta(days=today.weekday()))
        day = ReviewDay(week=week, curriculum=curriculum, title="Live test", date=today,
                        starts_at=time(9), ends_at=time(17), status="live")
        day.agenda = [AgendaItem(position=i, competency=c, timebox_minutes=20,
                                 prompts="Is the pitch right?")
                      for i, c in enumerate(curriculum.competencies()[:3])]
        user = User(email="fac@example.org", name="Fran Facilitator", role="facilitator",
                    password_hash="unused")
        staff = Participant(review_day=day, user=user, name=user.name, via="account")
        db.session.add_all([day, staff])
        people = []
        for name, org_name in stakeholders:
            org = db.session.scalars(sa.select(Organisation).where(
                Organisation.name == org_name)).first() or Organisation(name=org_name)
            person = Participant(review_day=day, stakeholder=Stakeholder(name=name,
                                                                         organisation=org),
                                 name=name, organisation=org, via="open-link")
            db.session.add(person)
            people.append(person)
        db.session.commit()
        serializer = app.session_interface.get_signing_serializer(app)

        def cookie(participant, user_id=None) -> str:
            data = {"participants": {str(day.id): participant.id}}
            if user_id:
                data.update(cookie_fields(db.session.get(User, user_id)))
            return f"session={serializer.dumps(data)}"

        outcome_ids = [i.id for c in curriculum.competencies()[:3]
                       for i in c.live_items("outcome")]
        result = {"review_day_id": day.id, "agenda": [a.id for a in day.agenda],
                  "competencies": [a.competency_id for a in day.agenda],
                  "outcomes": outcome_ids,
                  "facilitator": {"participant": staff.id, "cookie": cookie(staff, user.id)},
                  "stakeholders": [{"participant": p.id, "name": p.name, "cookie": cookie(p)}
                                   for p in people]}
        db.session.remove()
        db.engine.dispose()
    return result
