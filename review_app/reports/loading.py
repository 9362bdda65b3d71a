"""Loading everything the report shows for a date range in a fixed number of queries
(selectinload / joinedload, never one query per row), into plain data."""

from __future__ import annotations

import gc
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from ..implement.edits import ordered
from ..implement.labels import item_label
from ..models import (
    AgendaItem,
    Change,
    Comment,
    Competency,
    CompetencyGroup,
    Curriculum,
    Decision,
    FocusArea,
    Organisation,
    Participant,
    Proposal,
    ReviewDay,
    Vote,
)
from ..models import Feedback as FeedbackModel
from ..models.live import tally_of
from ..quality.spelling import release_speller
from .data import (
    AgendaRow,
    Attendee,
    ChangeRow,
    Coverage,
    DayData,
    FeedbackRow,
    ProposalRow,
    ReportData,
)
from .quality import load_quality

FACILITATION = "Facilitation team"


def stage_label(curriculum_title: str) -> str:
    """"Stage 1" from "Stage 1: New and First-Line Managers and Leaders"."""
    return curriculum_title.split(":")[0]
NO_GROUP = "Not given"


def held() -> sa.ColumnElement[bool]:
    """A Review Day was held when it was opened live (a draft or ready day never was)."""
    return sa.or_(ReviewDay.opened_at.is_not(None), ReviewDay.status.in_(("live", "closed")))


def load_report_data(session: Session, date_from: date, date_to: date,
                     today: date | None = None, exported_by: str = "Review Day") -> ReportData:
    """Every Review Day held from `date_from` to `date_to` (inclusive) and all of theirs."""
    in_range = ReviewDay.date.between(date_from, date_to)
    day_ids = sa.select(ReviewDay.id).where(in_range, held())
    not_held = session.execute(sa.select(ReviewDay.date, ReviewDay.title)
                               .where(in_range, ~held()).order_by(ReviewDay.date)).all()
    days = session.scalars(
        sa.select(ReviewDay).where(ReviewDay.id.in_(day_ids)).order_by(ReviewDay.date,
                                                                       ReviewDay.id)
        .options(joinedload(ReviewDay.curriculum), joinedload(ReviewDay.facilitator),
                 selectinload(ReviewDay.agenda).options(
                     joinedload(AgendaItem.competency).selectinload(Competency.items),
                     joinedload(AgendaItem.item)))).all()
    # The quality figures first, the dictionary and item histories they load freed before
    # the proposals are: at national scale that keeps the peak 80 MiB lower (452 MiB).
    quality = load_quality(session, days)
    if release_speller():
        gc.collect()
    people = session.scalars(
        sa.select(Participant).where(Participant.review_day_id.in_(day_ids))
        .options(joinedload(Participant.organisation), joinedload(Participant.group))
        .order_by(Participant.name, Participant.id)).all()
    by_day: dict[int, dict[str, Attendee]] = defaultdict(dict)
    team: dict[int, list[str]] = defaultdict(list)
    for person in people:
        if person.user_id is not None:  # staff: the facilitation team, not an organisation
            if person.name not in team[person.review_day_id]:
                team[person.review_day_id].append(person.name)
            continue
        attendee = _attendee(person)
        by_day[person.review_day_id].setdefault(attendee.key, attendee)
    proposals = _proposals(session, day_ids)
    feedback = session.scalars(
        sa.select(FeedbackModel).where(FeedbackModel.review_day_id.in_(day_ids))
        .options(joinedload(FeedbackModel.author).joinedload(Participant.organisation),
                 joinedload(FeedbackModel.competency))
        .order_by(FeedbackModel.theme, FeedbackModel.id)).all()
    dates = {d.id: d.date for d in days}
    return ReportData(
        date_from=date_from, date_to=date_to, generated_on=today or date.today(),
        days=[_day(d, list(by_day[d.id].values()), team[d.id]) for d in days],
        proposals=proposals, not_held=[tuple(row) for row in not_held],
        exported_by=exported_by,
        feedback=[FeedbackRow(f.theme.strip() or "General", f.text,
                              f.author.organisation_name if f.author else FACILITATION,
                              f.competency.title if f.competency else None,
                              dates[f.review_day_id]) for f in feedback],
        coverage=_coverage(session, days), quality=quality)


def _attendee(person: Participant) -> Attendee:
    """A stakeholder as one person: by invitation, or by name and organisation when they
    came by the open link (joining twice, from two browsers, is still one person)."""
    key = (f"s{person.stakeholder_id}" if person.stakeholder_id else
           f"n{' '.join(person.name.casefold().split())}|{person.organisation_id}")
    group = person.group.name if person.group else NO_GROUP
    return Attendee(key, person.name, person.organisation_name, group)


def _day(day: ReviewDay, attendees: list[Attendee], team: list[str]) -> DayData:
    agenda = [AgendaRow(a.position + 1, agenda_label(a),
                        a.timebox_minutes + (a.extra_minutes or 0),
                        round(a.used_seconds / 60, 1))
              for a in sorted(day.agenda, key=lambda a: a.position)]
    return DayData(day.id, day.date, day.title, day.curriculum.title,
                   day.facilitator.name if day.facilitator else None,
                   day.starts_at.strftime("%H:%M"), day.ends_at.strftime("%H:%M"),
                   agenda, attendees, team)


def agenda_label(item: AgendaItem) -> str:
    """"Prioritise for Productivity" or "Prioritise for Productivity: learning outcome 2"."""
    if item.item is None:
        return item.competency.title
    position = None if item.item.retired else _position(item.competency, item.item)
    return f"{item.competency.title}: {item_label(item.item.kind, position).lower()}"


def _position(competency: Competency, item) -> int | None:
    found = ordered(competency, item.kind)
    return found.index(item) if item in found else None


def _proposals(session: Session, day_ids) -> list[ProposalRow]:
    # A proposal the facilitator hid (moderation: spam, abuse) is not part of the record.
    found = session.scalars(
        sa.select(Proposal).where(Proposal.review_day_id.in_(day_ids),
                                  Proposal.hidden_at.is_(None))
        .order_by(Proposal.id)
        .options(joinedload(Proposal.review_day).joinedload(ReviewDay.curriculum),
                 joinedload(Proposal.author).joinedload(Participant.organisation),
                 joinedload(Proposal.decision).joinedload(Decision.decided_by),
                 joinedload(Proposal.competency).options(
                     selectinload(Competency.items),
                     joinedload(Competency.group).joinedload(CompetencyGroup.focus_area)),
                 joinedload(Proposal.item))).unique().all()
    ids = sa.select(Proposal.id).where(Proposal.review_day_id.in_(day_ids),
                                       Proposal.hidden_at.is_(None))
    # Votes as counts and comments as (organisation, text) rows: 30,000 ORM objects at
    # national scale were most of the report's loading time and memory.
    tallies: dict[int, dict[str, int]] = defaultdict(lambda: tally_of(()))
    for proposal_id, choice, count in session.execute(
            sa.select(Vote.proposal_id, Vote.choice, sa.func.count())
            .where(Vote.proposal_id.in_(ids)).group_by(Vote.proposal_id, Vote.choice)):
        tallies[proposal_id][choice] = count
    comments: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for proposal_id, organisation, text in session.execute(
            sa.select(Comment.proposal_id,
                      sa.func.coalesce(Organisation.name, FACILITATION), Comment.text)
            .outerjoin(Participant, Participant.id == Comment.author_id)
            .outerjoin(Organisation, Organisation.id == Participant.organisation_id)
            .where(Comment.proposal_id.in_(ids)).order_by(Comment.id)):
        comments[proposal_id].append((organisation, text))
    changes = {c.proposal_id: c for c in session.scalars(
        sa.select(Change).where(Change.proposal_id.in_(
            sa.select(Proposal.id).where(Proposal.review_day_id.in_(day_ids))))
        .options(joinedload(Change.owner), joinedload(Change.implemented_by)))}
    carried = dict(session.execute(
        sa.select(ReviewDay.id, ReviewDay.date).where(ReviewDay.id.in_(
            sa.select(Proposal.carried_to_review_day_id).where(
                Proposal.review_day_id.in_(day_ids))))).all())
    return [_proposal(p, changes.get(p.id), carried, tallies[p.id], comments[p.id])
            for p in found]


def _index(proposal: Proposal) -> int | None:
    item = proposal.item
    if item is None or item.retired:
        return None
    return _position(proposal.competency, item)


def _proposal(p: Proposal, change: Change | None, carried: dict, votes: dict[str, int],
              comments: list[tuple[str, str]]) -> ProposalRow:
    competency, group = p.competency, p.competency.group
    area = group.focus_area
    title = p.field == "title"
    row = ProposalRow(
        id=p.id, day_date=p.review_day.date, curriculum=p.review_day.curriculum.title,
        stage=stage_label(p.review_day.curriculum.title), focus_area=area.title,
        group=group.title, competency=competency.title, competency_id=competency.id,
        order=(p.review_day.curriculum_id, area.position, group.position, competency.position),
        kind=p.kind, field=p.field,
        item_label=("New " + item_label(p.item_kind).lower() if p.kind == "add"
                    else item_label(p.item_kind, _index(p), p.field)),
        category=p.category, status=p.status,
        before=p.base_title if title else p.base_text,
        after=p.new_title if title else p.new_text, new_title=p.new_title,
        new_position=p.new_position, rationale=p.rationale or "",
        proposer_organisation=p.author.organisation_name if p.author else FACILITATION,
        votes=votes, comments=comments,
        carried_to=carried.get(p.carried_to_review_day_id))
    if p.decision is not None:
        row.outcome, row.reason = p.decision.outcome, p.decision.reason
        row.decided_at = p.decision.decided_at
        row.amended_text = p.decision.amended_text
    if change is not None:
        row.change = ChangeRow(
            change.id, change.state, change.owner.name if change.owner else None,
            change.due_on, change.accepted_text, change.implemented_text,
            change.implemented_at,
            change.implemented_by.name if change.implemented_by else None,
            change.implemented_version, change.conflict_resolution, change.resolution_note)
    return row


def _coverage(session: Session, days: list[ReviewDay]) -> list[Coverage]:
    """For each curriculum reviewed: how many of its competencies were on an agenda."""
    reviewed: dict[int, set[int]] = defaultdict(set)
    for day in days:
        reviewed[day.curriculum_id].update(a.competency_id for a in day.agenda)
    if not reviewed:
        return []
    curricula = session.scalars(
        sa.select(Curriculum).where(Curriculum.id.in_(list(reviewed)))
        .options(selectinload(Curriculum.focus_areas).selectinload(FocusArea.groups)
                 .selectinload(CompetencyGroup.competencies))).all()
    found = []
    for curriculum in sorted(curricula, key=lambda c: c.stage_order):
        seen, areas, missing = reviewed[curriculum.id], [], []
        for area in curriculum.focus_areas:
            live = [c for g in area.groups for c in g.competencies if not c.retired]
            areas.append((area.title, sum(c.id in seen for c in live), len(live)))
            missing += [c.title for c in live if c.id not in seen]
        found.append(Coverage(curriculum.title, areas, missing))
    return found
