"""Realistic Review Day data built in code: weeks, Review Days on a curriculum, participants
from several organisations and groups, proposals of every kind, category and outcome, votes,
comments, general feedback, decisions with reasons, and changes in every state.

Everything goes through the same objects the live part stores and the implementation
services (`change_for_decision`, `apply_change`), so conflicts arise as they would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from review_app.implement.edits import ordered
from review_app.implement.services import (
    Conflict,
    Resolution,
    apply_change,
    assign_change,
    change_for_decision,
    set_change_state,
)
from review_app.models import (
    AgendaItem,
    Change,
    Comment,
    Curriculum,
    Decision,
    Feedback,
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
from review_app.models.live import CATEGORIES

ORGANISATIONS = ("CMI", "FMLM", "FNF", "KPMG", "NHS England", "Professional Standards Authority",
                 "Skills for Care", "AHP Leadership Network", "Social Care Leaders Forum")
GROUPS = ("Clinical", "AHP", "Nursing and midwifery", "Social care", "Non-clinical")
FIRST = ("Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hamza", "Isla", "Jon",
         "Kiran", "Leah", "Marcus", "Nia", "Owen", "Priya", "Rhys", "Sana", "Tom", "Uma")
LAST = ("Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fraser", "Gill", "Hughes", "Iqbal",
        "Jones", "Khan", "Lewis", "Morgan", "Nolan", "Okafor", "Patel")
SWAPS = (("regularly", "consistently"), ("Apply", "Use"), ("such as", "for example"),
         ("effective", "proven"), ("team", "multidisciplinary team"), ("ensure", "make sure"),
         ("staff", "colleagues"), ("Reflect on", "Review"), ("improve", "strengthen"),
         ("patients", "people who use services"))
ADDITIONS = (" Include examples from social care settings.",
             " Draw on the experience of allied health professionals.",
             " Consider how this applies in a non-clinical team.")
TIDIES = (("e.g.,", "for example,"), ("e.g.", "for example"), ("programs", "programmes"),
          (" and ", " and, where it helps, "))
RATIONALES = ("Plainer English for first-line managers.", "Matches NHS England terminology.",
              "The example is dated; this one is current.", "Social care readers were missing.",
              "Too long for a single learning outcome.", "Reads better in this order.")
REASONS = {"accept": ("Clear improvement; the room agreed.", "Aligns with the Code's values."),
           "accept_amended": ("Accepted with a tighter wording agreed on the call.",),
           "reject": ("Changes the level of the outcome beyond Stage 1.",
                      "Outside the scope of this curriculum."),
           "defer": ("Needs input from the Skills for Care working group.",
                     "Wait for the terminology review next week.")}
COMMENTS = ("Agree, this reads better.", "Could we keep the original example as well?",
            "This matters for social care managers.", "Worried this is too prescriptive.",
            "Good catch: the old term is no longer used.")
THEMES = {"Pitch for first-line managers": ("The level feels right for new managers.",
                                            "Some outcomes read as Stage 2."),
          "Tone and voice": ("Warm and direct; keep the second person.",
                             "A few statements sound like policy, not practice."),
          "Inclusion of social care": ("More social care examples would help.",),
          "Length and density": ("Activities are long to read on a call.",
                                 "Learning outcomes pack two ideas into one.")}


@dataclass
class Period:
    """What build_review_period made, for tests to check against."""

    curriculum: Curriculum
    facilitator: User
    lead: User
    weeks: list[ReviewWeek] = field(default_factory=list)
    days: list[ReviewDay] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    conflicts: int = 0


def make_user(session, role: str, name: str | None = None) -> User:
    name = name or f"{role.replace('_', ' ').title()} {uuid_suffix(session)}"
    email = f"{name.lower().replace(' ', '.')}@example.nhs.uk"
    found = session.scalars(sa.select(User).where(User.email == email)).first()
    if found is not None:
        return found
    user = User(email=email, name=name, role=role, password_hash="x")
    session.add(user)
    session.flush()
    return user


def uuid_suffix(session) -> int:
    return (session.scalar(sa.select(sa.func.count(User.id))) or 0) + 1


def _named(session, model, name: str):
    found = session.scalars(sa.select(model).where(model.name == name)).first()
    if found is None:
        found = model(name=name)
        session.add(found)
    return found


def make_stakeholders(session, count: int, rng: random.Random) -> list[Stakeholder]:
    people = []
    for n in range(count):
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
        people.append(Stakeholder(name=name, organisation=_named(
            session, Organisation, ORGANISATIONS[n % len(ORGANISATIONS)]),
            group=_named(session, StakeholderGroup, GROUPS[rng.randrange(len(GROUPS))])))
    session.add_all(people)
    session.flush()
    return people


def make_review_day(session, curriculum: Curriculum, monday: date, facilitator: User,
                    competencies, rng: random.Random) -> ReviewDay:
    week = session.scalars(sa.select(ReviewWeek).where(ReviewWeek.starts_on == monday)).first()
    if week is None:
        week = ReviewWeek(starts_on=monday)
        session.add(week)
    day = ReviewDay(week=week, curriculum=curriculum, facilitator=facilitator,
                    title=f"Review Day: {curriculum.title.split(':')[0]}",
                    date=monday + timedelta(days=1), starts_at=time(10), ends_at=time(12),
                    status="closed")
    for position, competency in enumerate(competencies):
        timebox = rng.choice((10, 15, 20))
        day.agenda.append(AgendaItem(position=position, competency=competency,
                                     timebox_minutes=timebox, prompts="Is the pitch right?",
                                     used_seconds=timebox * 60 + rng.randint(-240, 420)))
    session.add(day)
    session.flush()
    return day


def attend(session, day: ReviewDay, people: list[Stakeholder], facilitator: User) -> list:
    joined = [Participant(review_day_id=day.id, stakeholder=p, name=p.name,
                          organisation=p.organisation, group=p.group, via="invitation")
              for p in people]
    joined.append(Participant(review_day_id=day.id, user=facilitator, name=facilitator.name,
                              via="account"))
    session.add_all(joined)
    session.flush()
    return joined


def _edited(text: str, rng: random.Random) -> str:
    for old, new in rng.sample(SWAPS, len(SWAPS)):
        if old in text:
            return text.replace(old, new, 1)
    return text.rstrip() + rng.choice(ADDITIONS)


def make_proposal(session, day: ReviewDay, author: Participant, competency, kind: str,
                  category: str, rng: random.Random, item_kind: str = "outcome",
                  item=None) -> Proposal:
    """A proposal against the item's current text, as the live part records it."""
    items = ordered(competency, item_kind)
    if item is None and kind != "add" and items:
        item = rng.choice(items)
    proposal = Proposal(review_day=day, competency=competency, item=item, kind=kind,
                        item_kind=item_kind, field="text", category=category,
                        rationale=rng.choice(RATIONALES), author=author, status="open")
    if item is not None:
        proposal.base_version, proposal.base_text = item.version, item.text
        proposal.base_title = item.title
    if kind == "replace":
        proposal.new_text = _edited(item.text, rng)
    elif kind == "add":
        proposal.new_text = ("Explain how you would adapt this in a social care or "
                             "non-clinical setting, using an example from your own team.")
        if item_kind.endswith("_activity"):
            proposal.new_title = "Community Setting Walkthrough"
        proposal.new_position = rng.randrange(len(items) + 1)
    elif kind == "move":
        proposal.new_position = rng.randrange(len(items))
    session.add(proposal)
    return proposal


def decide(session, proposal: Proposal, outcome: str, by: User, rng: random.Random,
           at: datetime) -> Change | None:
    amended = None
    if outcome == "accept_amended" and proposal.kind in ("replace", "add"):
        amended = _edited(proposal.new_text, rng)
    decision = Decision(proposal=proposal, outcome=outcome, reason=rng.choice(REASONS[outcome]),
                        amended_text=amended, decided_by=by, decided_at=at)
    session.add(decision)
    proposal.status = {"accept": "accepted", "accept_amended": "accepted_amended",
                       "reject": "rejected", "defer": "deferred"}[outcome]
    session.flush()
    return change_for_decision(session, decision)


def _kind(rng: random.Random, competency) -> tuple[str, str]:
    kind = rng.choices(("replace", "add", "delete", "move"), (6, 2, 1, 1))[0]
    item_kind = rng.choices(("outcome", "statement", "instructor_activity",
                             "individual_activity"), (5, 2, 2, 2))[0]
    if item_kind == "statement":
        kind = "replace"
    if kind in ("delete", "move") and len(ordered(competency, item_kind)) < 3:
        kind = "replace"
    return kind, item_kind


def build_review_period(session, curriculum: Curriculum, weeks: int = 4,
                        proposals_per_day: int = 30, start: date = date(2025, 7, 7),
                        seed: int = 7, competencies_per_day: int = 5) -> Period:
    """A review period of `weeks` weekly Review Days with everything a report shows."""
    rng = random.Random(seed)
    # The curriculum was imported before the period began.
    session.execute(sa.update(ItemRevision).where(ItemRevision.changed_at >= datetime.combine(
        start, time.min)).values(changed_at=datetime.combine(start - timedelta(days=7), time(9))))
    period = Period(curriculum, make_user(session, "facilitator", "Fiona Facilitator"),
                    make_user(session, "programme_lead", "Peter Lead"))
    implementer = make_user(session, "facilitator", "Ian Implementer")
    pool = make_stakeholders(session, 28, rng)
    competencies = curriculum.competencies()
    outcomes = ("accept", "accept_amended", "reject", "defer", None, "withdrawn")
    for w in range(weeks):
        monday = start + timedelta(weeks=w)
        chosen = competencies[(w * competencies_per_day) % len(competencies):][
            :competencies_per_day] or competencies[:competencies_per_day]
        day = make_review_day(session, curriculum, monday, period.facilitator, chosen, rng)
        joined = attend(session, day, rng.sample(pool, rng.randint(12, 18)),
                        period.facilitator)
        period.weeks.append(day.week)
        period.days.append(day)
        stakeholders = joined[:-1]
        day_changes = []
        for n in range(proposals_per_day):
            competency = chosen[n % len(chosen)]
            kind, item_kind = _kind(rng, competency)
            same = None
            if n in (6, 7):  # a second edit of an item already edited: a conflict later
                first = period.proposals[-6]
                kind, item_kind, competency, same = ("replace", first.item_kind,
                                                     first.competency, first.item)
            proposal = make_proposal(session, day, rng.choice(stakeholders), competency, kind,
                                     CATEGORIES[n % len(CATEGORIES)], rng, item_kind, same)
            for voter in rng.sample(stakeholders, rng.randint(2, 8)):
                proposal.votes.append(Vote(voter=voter, choice=rng.choices(
                    ("agree", "disagree", "abstain"), (6, 2, 1))[0]))
            for _ in range(rng.randint(0, 3)):
                proposal.comments.append(Comment(author=rng.choice(stakeholders),
                                                 text=rng.choice(COMMENTS)))
            period.proposals.append(proposal)
            outcome = outcomes[n] if n < len(outcomes) else "accept" if n < 8 else rng.choices(
                outcomes, (35, 15, 15, 12, 10, 8))[0]
            if outcome == "withdrawn":
                proposal.status = "withdrawn"
            elif outcome is not None:
                at = datetime.combine(day.date, time(11))
                change = decide(session, proposal, outcome, period.facilitator, rng, at)
                if change is not None:
                    day_changes.append(change)
        for theme, texts in THEMES.items():
            for text in texts:
                session.add(Feedback(review_day_id=day.id, theme=theme, text=text,
                                     author=rng.choice(stakeholders),
                                     competency=rng.choice((None, *chosen))))
        session.flush()
        _implement(session, day_changes, period, implementer, rng)
        period.changes += day_changes
    session.flush()
    return period


def _implement(session, changes: list[Change], period: Period, implementer: User,
               rng: random.Random) -> None:
    """Most changes done (a few with tidied wording or a resolved conflict), some in
    progress, the rest still to do."""
    for n, change in enumerate(changes):
        owner = (implementer, period.facilitator, period.lead)[n % 3]
        days = [change.proposal.review_day.date + timedelta(days=d) for d in (1, 2, 3)]
        assign_change(session, change, period.lead, owner, days[n % 3])
        if n % 5 == 3:
            set_change_state(session, change, owner, "in_progress")
            continue
        if n % 5 == 4:
            continue
        tidy = None
        if n % 4 == 1 and change.accepted_text:
            old, new = next(((o, t) for o, t in TIDIES if o in change.accepted_text),
                            ("", ""))
            tidy = change.accepted_text.replace(old, new, 1) if old else None
        try:
            apply_change(session, change, owner, implemented_text=tidy)
        except Conflict as conflict:
            period.conflicts += 1
            choice = ("proposed", "current", "merged")[period.conflicts % 3]
            if conflict.removed or (choice == "merged" and conflict.current is None):
                choice = "current"
            elif choice == "merged" and change.proposal.kind in ("delete", "move"):
                choice = "proposed"
            merged = f"{conflict.current} (merged)" if choice == "merged" else None
            apply_change(session, change, owner, implemented_text=tidy,
                         resolution=Resolution(choice, merged, "Both edits were agreed."))
        # Implemented in the order applied, from the Wednesday morning on.
        at = datetime.combine(days[0], time(9)) + timedelta(minutes=5 * n)
        change.implemented_at = at
        mine = f"P{change.proposal_id}"
        if change.item is not None and change.item.revisions[-1].source.endswith(mine):
            change.item.revisions[-1].changed_at = at
