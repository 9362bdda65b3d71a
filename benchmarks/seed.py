"""Databases for the benchmarks: the schema and the Stage 1 sample, and live Review Days with
N participants (each with the signed session cookie a browser holds after joining), built
with Core inserts so that 500 people or 1,000 proposals take a moment, not minutes.

The same idea as tests/livedata.py, at benchmark size."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask

from review_app import create_app
from review_app.auth.sessions import cookie_fields
from review_app.cli import upgrade_database
from review_app.curriculum.sources import import_curriculum_file
from review_app.curriculum.store import load_curriculum
from review_app.extensions import db
from review_app.models import (
    AgendaItem,
    Comment,
    Invitation,
    Organisation,
    Participant,
    Proposal,
    ReviewDay,
    ReviewWeek,
    Stakeholder,
    User,
    Vote,
)
from review_app.models.curriculum import utcnow
from review_app.models.people import DEFAULT_ORGANISATIONS

from .common import ROOT, SECRET

CHOICES = ("agree", "disagree", "abstain")


def bench_app(database_url: str, **config: Any) -> Flask:
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET,
                       **config})


def socket_client(app: Flask, cookie: str):
    """Flask-SocketIO's test client holding a seeded participant's session cookie: the app's
    handlers in this process, with no server or network between."""
    from review_app.extensions import socketio

    http = app.test_client()
    name, _, value = cookie.partition("=")
    http.set_cookie(name, value)
    return socketio.test_client(app, flask_test_client=http)


def change_payload(seeded: dict[str, Any], n: int) -> tuple[str, dict[str, Any]]:
    """The n-th of a repeating propose, comment, vote on a seeded day: each six on one
    proposal, the second vote changing the first (agree, then disagree)."""
    day_id, item = seeded["review_day_id"], seeded["items"][0]
    proposal_id = seeded["proposals"][n // 6 % len(seeded["proposals"])]
    if n % 3 == 0:
        return "propose", {"review_day_id": day_id, "competency_id": item["competency_id"],
                           "kind": "replace", "field": "text", "item_id": item["item_id"],
                           "base_version": item["version"], "new_text": f"Plainer ({n}).",
                           "category": "language", "rationale": "Clearer."}
    if n % 3 == 1:
        return "comment", {"review_day_id": day_id, "proposal_id": proposal_id,
                           "text": "Agreed, but shorter."}
    return "vote", {"review_day_id": day_id, "proposal_id": proposal_id,
                    "choice": ("agree", "disagree")[n // 3 % 2]}


def prepare_database(database_url: str) -> None:
    """The schema (Alembic) and the Stage 1 sample curriculum, as `init-db` and
    `load-samples` make them."""
    app = bench_app(database_url)
    with app.app_context():
        upgrade_database()
        import_curriculum_file(db.session, ROOT / "curricula" / "stage-1.yaml")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _insert(table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement per batch and return their ids, in order."""
    ids: list[int] = []
    for start in range(0, len(rows), 2000):
        batch = rows[start:start + 2000]
        insert = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        result = db.session.execute(insert, batch)
        ids.extend(result.scalars().all())
    return ids


def seed_live_day(database_url: str, participants: int, *, competencies: int | None = 3,
                  proposals: int = 20, votes_per_proposal: int = 0,
                  comments_per_proposal: int = 0, seed: int = 1) -> dict[str, Any]:
    """A live Review Day on Stage 1 with `participants` invited stakeholders (spread over the
    usual organisations), a facilitator, the first `competencies` (None: all 27) on its agenda,
    and `proposals` open proposals on its learning outcomes and activities, each with some
    votes and comments. Returns ids, the items one can propose on, and cookies."""
    rng = random.Random(seed)
    app = bench_app(database_url)
    with app.app_context():
        session = db.session
        curriculum = load_curriculum(session, "stage-1")
        chosen = curriculum.competencies()[:competencies]
        orgs = {o.name: o for o in session.scalars(sa.select(Organisation))}
        for name in DEFAULT_ORGANISATIONS:
            if name not in orgs:
                orgs[name] = Organisation(name=name)
                session.add(orgs[name])
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        week = session.scalars(sa.select(ReviewWeek).where(ReviewWeek.starts_on == monday)).first()
        week = week or ReviewWeek(starts_on=monday)
        day = ReviewDay(week=week, curriculum=curriculum, title=f"Benchmark ({participants})",
                        date=today, starts_at=time(9), ends_at=time(17), status="live",
                        opened_at=utcnow())
        day.agenda = [AgendaItem(position=i, competency=c, timebox_minutes=10,
                                 prompts="Is the pitch right for new managers?")
                      for i, c in enumerate(chosen)]
        user = User(email=f"fac-{uuid.uuid4().hex[:12]}@example.org", name="Fran Facilitator",
                    role="facilitator", password_hash="unused")
        staff = Participant(review_day=day, user=user, name=user.name, via="account")
        session.add_all([day, staff])
        session.flush()

        org_ids = [orgs[name].id for name in DEFAULT_ORGANISATIONS]
        people = [{"name": f"Stakeholder {i + 1}", "email": f"s{i + 1}@example.org",
                   "organisation_id": org_ids[i % len(org_ids)]} for i in range(participants)]
        stakeholder_ids = _insert(Stakeholder.__table__, people)
        expires = datetime.combine(today + timedelta(days=14), time(0))
        db.session.execute(sa.insert(Invitation.__table__), [
            {"review_day_id": day.id, "stakeholder_id": s, "expires_at": expires,
             "created_at": utcnow(), "nonce": 1} for s in stakeholder_ids])
        participant_ids = _insert(Participant.__table__, [
            {"review_day_id": day.id, "stakeholder_id": s, "name": p["name"],
             "organisation_id": p["organisation_id"], "via": "invitation",
             "joined_at": utcnow(), "last_seen_at": utcnow()}
            for s, p in zip(stakeholder_ids, people, strict=True)])

        items = [{"competency_id": c.id, "item_id": i.id, "version": i.version, "kind": i.kind,
                  "text": i.text, "title": i.title}
                 for c in chosen for kind in ("outcome", "instructor_activity",
                                              "individual_activity")
                 for i in c.live_items(kind)]
        proposal_rows = []
        for n in range(proposals):
            item = items[n % len(items)]
            proposal_rows.append({
                "review_day_id": day.id, "competency_id": item["competency_id"],
                "item_id": item["item_id"], "kind": "replace", "item_kind": item["kind"],
                "field": "text", "base_version": item["version"], "base_text": item["text"],
                "base_title": item["title"],
                "new_text": f"{item['text']} (suggested rewording {n + 1})",
                "category": ("language", "terminology", "example", "content")[n % 4],
                "rationale": "Clearer for new managers.", "status": "open",
                "author_id": participant_ids[n % len(participant_ids)],
                "created_at": utcnow()})
        proposal_ids = _insert(Proposal.__table__, proposal_rows)
        votes, comments = [], []
        for pid in proposal_ids:
            for voter in rng.sample(participant_ids, min(votes_per_proposal, participants)):
                votes.append({"proposal_id": pid, "voter_id": voter, "choice": rng.choice(CHOICES),
                              "updated_at": utcnow()})
            for k in range(comments_per_proposal):
                comments.append({"proposal_id": pid, "author_id": rng.choice(participant_ids),
                                 "text": f"Comment {k + 1}: the wording could be plainer.",
                                 "created_at": utcnow()})
        if votes:
            db.session.execute(sa.insert(Vote.__table__), votes)
        if comments:
            db.session.execute(sa.insert(Comment.__table__), comments)
        session.commit()

        serializer = app.session_interface.get_signing_serializer(app)

        def cookie(participant_id: int, user_id: int | None = None) -> str:
            data: dict[str, Any] = {"participants": {str(day.id): participant_id}}
            if user_id:
                data.update(cookie_fields(db.session.get(User, user_id)))
            else:  # joined from the invitation's link (nonce 1, as inserted above)
                data["participant_links"] = {str(day.id): 1}
            return f"session={serializer.dumps(data)}"

        result = {"review_day_id": day.id, "items": items, "proposals": proposal_ids,
                  "agenda": [a.id for a in day.agenda],
                  "facilitator": {"participant": staff.id, "cookie": cookie(staff.id, user.id)},
                  "stakeholders": [{"participant": p, "cookie": cookie(p)}
                                   for p in participant_ids]}
        db.session.remove()
        db.engine.dispose()
    return result
