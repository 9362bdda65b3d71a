"""A whole review period at national scale, for the Word report's benchmark to reuse.

`build_national_dataset(database_url)` fills an empty database (or one with only the schema)
with: five stages (the Stage 1 sample, copied under the other four stage keys), nine closed
Review Days over nine weeks (each with nine competencies on its agenda, a baseline, about 60
participants from seven organisations), 5,000 proposals, 20,000 votes, 10,000 comments,
decisions on most proposals (accept, accept with amendment, reject, defer; a few flagged
conflicts), general feedback by theme, and the implementation changes of accepted proposals.
Everything after the curricula is bulk-inserted with Core `INSERT`s; the build times itself.

    python -m benchmarks --only dataset
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

import sqlalchemy as sa

from review_app.cli import upgrade_database
from review_app.curriculum.sources import read_curriculum_file
from review_app.curriculum.store import load_curriculum, save_curriculum
from review_app.extensions import db
from review_app.models import (
    STAGES,
    AgendaItem,
    BaselineEntry,
    Change,
    Comment,
    CurriculumItem,
    Decision,
    Feedback,
    Invitation,
    ItemRevision,
    Organisation,
    Participant,
    Proposal,
    ReviewDay,
    ReviewWeek,
    Stakeholder,
    StakeholderGroup,
    User,
    Vote,
)
from review_app.models.people import DEFAULT_GROUPS, DEFAULT_ORGANISATIONS

from .common import ROOT, scratch_database
from .seed import bench_app

REVIEW_DAYS = 9
PROPOSALS = 5000
VOTES = 20000
COMMENTS = 10000
FEEDBACK_PER_DAY = 100
STAKEHOLDERS = 300
PARTICIPANTS_PER_DAY = 60
THEMES = ("Pitch and level", "Tone and voice", "Clarity and plain English", "Inclusivity",
          "Relevance to practice", "Structure and length", "Other")
FEEDBACK = ("The level feels right for new managers.",
            "Some outcomes read as senior leadership.",
            "Use plain English: fewer abstract nouns.",
            "More examples from social care and AHPs, please.")
CATEGORIES = ("language", "terminology", "example", "content", "structure")
# Outcome of each decided proposal, by weight; about one in eight stays open or is withdrawn.
OUTCOMES = (("accept", 40), ("accept_amended", 12), ("reject", 22), ("defer", 14),
            (None, 10), ("withdrawn", 2))
STATUS_FOR = {"accept": "accepted", "accept_amended": "accepted_amended",
              "reject": "rejected", "defer": "deferred", None: "open", "withdrawn": "withdrawn"}


def _insert(table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert (executemany, batched by SQLAlchemy) returning the new ids in order."""
    if not rows:
        return []
    insert = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.execute(insert, rows).scalars())


def _curricula(timings: dict[str, float]) -> dict[str, Any]:
    """The five stages: the Stage 1 sample, and copies of it under the other stage keys."""
    started = time.perf_counter()
    sample = ROOT / "curricula" / "stage-1.yaml"
    for stage in STAGES:
        if load_curriculum(db.session, stage) is None:
            doc = read_curriculum_file(sample)
            doc.stage = stage
            save_curriculum(db.session, doc, source=f"benchmark copy of {sample.name}")
    db.session.commit()
    timings["curricula_s"] = time.perf_counter() - started
    return {stage: load_curriculum(db.session, stage) for stage in STAGES}


def _people(rng: random.Random) -> dict[str, Any]:
    orgs = {o.name: o.id for o in db.session.scalars(sa.select(Organisation))}
    missing = [{"name": n} for n in DEFAULT_ORGANISATIONS if n not in orgs]
    for row, new_id in zip(missing, _insert(Organisation.__table__, missing), strict=True):
        orgs[row["name"]] = new_id
    groups = {g.name: g.id for g in db.session.scalars(sa.select(StakeholderGroup))}
    missing = [{"name": n} for n in DEFAULT_GROUPS if n not in groups]
    for row, new_id in zip(missing, _insert(StakeholderGroup.__table__, missing), strict=True):
        groups[row["name"]] = new_id
    tag = uuid.uuid4().hex[:6]
    staff = _insert(User.__table__, [
        {"email": f"{who}-{tag}@example.org", "name": name, "role": role,
         "password_hash": "unused", "active": True, "created_at": datetime(2026, 1, 5)}
        for who, name, role in (("fac1", "Fran Facilitator", "facilitator"),
                                ("fac2", "Femi Facilitator", "facilitator"),
                                ("fac3", "Fay Facilitator", "facilitator"),
                                ("lead", "Pat Programme-Lead", "programme_lead"))])
    stakeholders = []
    org_ids, group_ids = list(orgs.values()), list(groups.values())
    for n in range(STAKEHOLDERS):
        stakeholders.append({"name": f"Stakeholder {n + 1}",
                             "email": f"stakeholder{n + 1}-{tag}@example.org",
                             "organisation_id": org_ids[n % len(org_ids)],
                             "group_id": rng.choice(group_ids)})
    ids = _insert(Stakeholder.__table__, stakeholders)
    for row, new_id in zip(stakeholders, ids, strict=True):
        row["id"] = new_id
    return {"facilitators": staff[:3], "lead": staff[3], "stakeholders": stakeholders}


def _review_days(curricula: dict[str, Any], people: dict[str, Any], rng: random.Random
                 ) -> list[dict[str, Any]]:
    """Nine Tuesdays, one Review Day each, cycling through the stages; closed, with agendas,
    baselines, invitations and participants."""
    first_monday = date(2026, 1, 5)
    stages = list(STAGES)
    days = []
    for n in range(REVIEW_DAYS):
        monday = first_monday + timedelta(weeks=n)
        week = db.session.scalars(sa.select(ReviewWeek)
                                  .where(ReviewWeek.starts_on == monday)).first()
        week_id = week.id if week else _insert(ReviewWeek.__table__, [{"starts_on": monday}])[0]
        curriculum = curricula[stages[n % len(stages)]]
        comps = curriculum.competencies()
        chosen = comps[(n // len(stages)) * 9 % len(comps):][:9]
        tuesday = monday + timedelta(days=1)
        opened = datetime.combine(tuesday, clock(10))
        day_id = _insert(ReviewDay.__table__, [{
            "week_id": week_id, "curriculum_id": curriculum.id,
            "facilitator_id": people["facilitators"][n % 3],
            "title": f"Review Day {n + 1}: {curriculum.title}", "date": tuesday,
            "starts_at": clock(10), "ends_at": clock(12, 30), "call_link": "",
            "status": "closed", "baseline_frozen_at": opened - timedelta(days=1),
            "opened_at": opened, "closed_at": opened + timedelta(hours=2, minutes=30),
            "join_link_nonce": 1, "last_seq": 0}])[0]
        agenda_ids = _insert(AgendaItem.__table__, [
            {"review_day_id": day_id, "position": i, "competency_id": c.id,
             "timebox_minutes": 15, "prompts": "Is the pitch right for this level?",
             "used_seconds": 15 * 60 + rng.randint(-300, 300), "extra_minutes": 0}
            for i, c in enumerate(chosen)])
        items = [i for c in chosen for i in c.items if not i.retired]
        db.session.execute(sa.insert(BaselineEntry.__table__), [
            {"review_day_id": day_id, "item_id": i.id, "version": i.version, "title": i.title,
             "text": i.text} for i in items])
        invited = rng.sample(people["stakeholders"], PARTICIPANTS_PER_DAY)
        db.session.execute(sa.insert(Invitation.__table__), [
            {"review_day_id": day_id, "stakeholder_id": s["id"], "nonce": 1,
             "created_at": opened - timedelta(days=1),
             "expires_at": opened + timedelta(days=14)} for s in invited])
        participant_ids = _insert(Participant.__table__, [
            {"review_day_id": day_id, "stakeholder_id": s["id"], "name": s["name"],
             "organisation_id": s["organisation_id"], "group_id": s["group_id"],
             "via": "invitation", "joined_at": opened, "last_seen_at": opened}
            for s in invited])
        days.append({"id": day_id, "opened": opened, "competencies": chosen, "items": items,
                     "agenda": agenda_ids, "participants": participant_ids,
                     "facilitator": people["facilitators"][n % 3]})
    return days


def _proposals(days: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for n in range(PROPOSALS):
        day = days[n % len(days)]
        at = day["opened"] + timedelta(seconds=rng.randint(0, 9000))
        item = rng.choice(day["items"])
        roll = rng.random()
        kind = ("replace" if roll < 0.7 else "add" if roll < 0.85 else "delete" if roll < 0.95
                else "move")
        if item.kind == "statement" and kind in ("delete", "move"):
            kind = "replace"
        outcome = rng.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
        row = {"review_day_id": day["id"], "competency_id": item.competency_id,
               "item_id": None if kind == "add" else item.id, "kind": kind,
               "item_kind": "outcome" if kind == "add" else item.kind, "field": "text",
               "base_version": None if kind == "add" else item.version,
               "base_text": None if kind == "add" else item.text,
               "base_title": None if kind == "add" else item.title,
               "new_text": None, "new_title": None, "new_position": None,
               "category": rng.choice(CATEGORIES),
               "rationale": rng.choice(("", "Plainer English for new managers.",
                                        "The example is out of date.",
                                        "This overlaps with the next outcome.")),
               "status": STATUS_FOR[outcome], "author_id": rng.choice(day["participants"]),
               "created_at": at}
        if kind == "replace":
            row["new_text"] = f"{item.text} (revised wording {n + 1})"
        elif kind == "add":
            row["new_text"] = f"Apply a new practical skill proposed in review ({n + 1})."
        elif kind == "move":
            row["new_position"] = rng.randint(0, 3)
        rows.append(row)
    for row, new_id in zip(rows, _insert(Proposal.__table__, rows), strict=True):
        row["id"] = new_id
        row["outcome"] = next(o for o, _ in OUTCOMES if STATUS_FOR[o] == row["status"])
    return rows


def _write_implemented(days: list[dict[str, Any]], proposals: dict[int, dict[str, Any]],
                       changes: list[dict[str, Any]]) -> None:
    """Done rewordings become new item versions, as applying them on the board does, so the
    tracked-changes export has revisions to write."""
    items = {i.id: i for day in days for i in day["items"]}
    revisions, latest = [], {}
    for change in sorted((c for c in changes if c["state"] == "done"),
                         key=lambda c: c["implemented_at"]):
        proposal = proposals[change["proposal_id"]]
        if proposal["kind"] != "replace":
            continue
        item = items[proposal["item_id"]]
        version = latest.get(item.id, item.version) + 1
        latest[item.id] = version
        revisions.append({"item_id": item.id, "version": version, "title": item.title,
                          "text": change["implemented_text"], "retired": False,
                          "changed_at": change["implemented_at"], "source": "Review Day change",
                          "author": "Facilitator"})
    db.session.execute(sa.insert(ItemRevision.__table__), revisions)
    final = {r["item_id"]: r for r in revisions}
    db.session.execute(sa.update(CurriculumItem.__table__).where(
        CurriculumItem.__table__.c.id == sa.bindparam("item_id")).values(
        text=sa.bindparam("new_text"), version=sa.bindparam("new_version")),
        [{"item_id": i, "new_text": r["text"], "new_version": r["version"]}
         for i, r in final.items()])


def _contributions(days: list[dict[str, Any]], proposals: list[dict[str, Any]],
                   rng: random.Random) -> dict[str, int]:
    by_day = {d["id"]: d for d in days}
    votes, seen = [], set()
    while len(votes) < VOTES:
        p = rng.choice(proposals)
        voter = rng.choice(by_day[p["review_day_id"]]["participants"])
        if (p["id"], voter) in seen:
            continue
        seen.add((p["id"], voter))
        votes.append({"proposal_id": p["id"], "voter_id": voter,
                      "choice": rng.choices(("agree", "disagree", "abstain"), (6, 3, 1))[0],
                      "updated_at": p["created_at"] + timedelta(minutes=rng.randint(1, 20))})
    db.session.execute(sa.insert(Vote.__table__), votes)
    comments = []
    for n in range(COMMENTS):
        p = rng.choice(proposals)
        comments.append({"proposal_id": p["id"],
                         "author_id": rng.choice(by_day[p["review_day_id"]]["participants"]),
                         "text": rng.choice((
                             "Agree: this reads better for a first-line manager.",
                             "The terminology should match the NHS People Promise.",
                             "Could we give a social care example as well?",
                             "This feels too senior for this stage.")) + f" ({n + 1})",
                         "created_at": p["created_at"] + timedelta(minutes=rng.randint(1, 30))})
    db.session.execute(sa.insert(Comment.__table__), comments)
    decisions, changes = [], []
    for p in proposals:
        if p["outcome"] in (None, "withdrawn"):
            continue
        day = by_day[p["review_day_id"]]
        decided = p["created_at"] + timedelta(minutes=rng.randint(5, 40))
        amended = f"{p['new_text']} (as amended)" if p["outcome"] == "accept_amended" else None
        decisions.append({"proposal_id": p["id"], "outcome": p["outcome"],
                          "reason": rng.choice(("Agreed by the room.", "Most votes against.",
                                                "Needs the programme lead's view.",
                                                "Better wording offered in comments.")),
                          "amended_text": amended, "conflict": rng.random() < 0.02,
                          "decided_by_id": day["facilitator"], "decided_at": decided})
        if p["outcome"].startswith("accept"):
            state = rng.choices(("to_do", "in_progress", "done"), (2, 3, 5))[0]
            changes.append({"proposal_id": p["id"], "owner_id": day["facilitator"],
                            "due_on": day["opened"].date() + timedelta(days=3), "state": state,
                            "accepted_text": amended or p["new_text"],
                            "implemented_text": (amended or p["new_text"])
                            if state == "done" else None,
                            "implemented_at": decided + timedelta(days=2)
                            if state == "done" else None,
                            "created_at": decided})
    db.session.execute(sa.insert(Decision.__table__), decisions)
    db.session.execute(sa.insert(Change.__table__), changes)
    _write_implemented(days, {p["id"]: p for p in proposals}, changes)
    feedback = []
    for day in days:
        for n in range(FEEDBACK_PER_DAY):
            comp = rng.choice(day["competencies"]) if rng.random() < 0.6 else None
            feedback.append({"review_day_id": day["id"],
                             "competency_id": comp.id if comp else None,
                             "theme": rng.choice(THEMES),
                             "text": rng.choice(FEEDBACK) + f" ({n + 1})",
                             "author_id": rng.choice(day["participants"]),
                             "created_at": day["opened"] + timedelta(seconds=rng.randint(0, 9000))})
    db.session.execute(sa.insert(Feedback.__table__), feedback)
    return {"votes": len(votes), "comments": len(comments), "decisions": len(decisions),
            "changes": len(changes), "feedback": len(feedback)}


def build_national_dataset(database_url: str, seed: int = 2026) -> dict[str, Any]:
    """Fill the database with a review period at national scale; return what it made
    (ids and counts) and how long each step took (seconds, under "timings")."""
    rng = random.Random(seed)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    app = bench_app(database_url)
    with app.app_context():
        step = time.perf_counter()
        upgrade_database()
        timings["schema_s"] = time.perf_counter() - step
        curricula = _curricula(timings)
        step = time.perf_counter()
        people = _people(rng)
        days = _review_days(curricula, people, rng)
        timings["review_days_s"] = time.perf_counter() - step
        step = time.perf_counter()
        proposals = _proposals(days, rng)
        timings["proposals_s"] = time.perf_counter() - step
        step = time.perf_counter()
        counts = _contributions(days, proposals, rng)
        db.session.commit()
        timings["votes_comments_decisions_feedback_s"] = time.perf_counter() - step
        result = {
            "curricula": {stage: c.id for stage, c in curricula.items()},
            "review_day_ids": [d["id"] for d in days],
            "counts": {"stages": len(curricula), "review_days": len(days),
                       "participants": sum(len(d["participants"]) for d in days),
                       "stakeholders": len(people["stakeholders"]),
                       "proposals": len(proposals), **counts},
            "programme_lead_id": people["lead"],
        }
        db.session.remove()
        db.engine.dispose()
    timings["total_s"] = time.perf_counter() - started
    result["timings"] = {k: round(v, 2) for k, v in timings.items()}
    return result


def run_dataset() -> dict[str, Any]:
    """Build the data set in a scratch PostgreSQL database and report its timings."""
    with scratch_database("national") as url:
        result = build_national_dataset(url)
    counts, timings = result["counts"], result["timings"]
    print(f"{counts['proposals']:,} proposals, {counts['votes']:,} votes, "
          f"{counts['comments']:,} comments, {counts['decisions']:,} decisions, "
          f"{counts['feedback']:,} feedback on {counts['review_days']} Review Days "
          f"over {counts['stages']} stages: built in {timings['total_s']} s ({timings})")
    return {"counts": counts, "timings": timings}
