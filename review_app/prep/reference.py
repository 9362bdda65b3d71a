"""The managed lists stakeholders are described by: organisations and stakeholder groups."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import ActionRefused, InvalidInput, found
from ..models import Organisation, Participant, Stakeholder, StakeholderGroup
from ..models.people import DEFAULT_GROUPS, DEFAULT_ORGANISATIONS
from ..text_rules import UnstorableText, storable

log = logging.getLogger(__name__)
KINDS = {"organisation": Organisation, "group": StakeholderGroup}


def seed_reference_data(session: Session) -> int:
    """Add any default organisation or group that is missing; return how many were added."""
    added = 0
    for model, names in ((Organisation, DEFAULT_ORGANISATIONS),
                         (StakeholderGroup, DEFAULT_GROUPS)):
        existing = set(session.scalars(sa.select(model.name)))
        for name in names:
            if name not in existing:
                session.add(model(name=name))
                added += 1
    session.flush()
    return added


def organisations(session: Session) -> list[Organisation]:
    return list(session.scalars(sa.select(Organisation).order_by(Organisation.name)))


def groups(session: Session) -> list[StakeholderGroup]:
    return list(session.scalars(sa.select(StakeholderGroup).order_by(StakeholderGroup.name)))


def stakeholder_counts(session: Session) -> dict[str, dict[int, int]]:
    """How many stakeholders each organisation and group has, by kind and id."""
    counts: dict[str, dict[int, int]] = {}
    for kind, column in (("organisation", Stakeholder.organisation_id),
                         ("group", Stakeholder.group_id)):
        rows = session.execute(sa.select(column, sa.func.count()).group_by(column))
        counts[kind] = {key: number for key, number in rows if key is not None}
    return counts


def _check_name(session: Session, model, name: str, field: str, keep_id: int | None) -> None:
    label = "an organisation" if model is Organisation else "a group"
    if not name:
        raise InvalidInput({field: f"Enter the name of {label}"})
    if len(name) > 200:
        raise InvalidInput({field: "Name must be 200 characters or fewer"})
    try:
        storable(name, multiline=False)
    except UnstorableText as error:
        raise InvalidInput({field: f"Name {error.problem}"}) from None
    clash = session.scalars(sa.select(model).where(
        sa.func.lower(model.name) == name.lower())).first()
    if clash is not None and clash.id != keep_id:
        raise InvalidInput({field: f"There is already {label} called {clash.name}"})


def add_reference(session: Session, user, kind: str, name: str):
    """Add an organisation or a stakeholder group to the managed list."""
    require(user, "manage_organisations")
    model = KINDS[kind]
    _check_name(session, model, name, f"{kind}-name", None)
    entry = model(name=name)
    session.add(entry)
    session.flush()
    log.info("%s added %s %r", user.email, kind, name)
    return entry


def rename_reference(session: Session, user, kind: str, entry_id: int, name: str) -> None:
    require(user, "manage_organisations")
    model = KINDS[kind]
    entry = found(session.get(model, entry_id))
    _check_name(session, model, name, f"name-{kind}-{entry_id}", entry.id)
    log.info("%s renamed %s %r to %r", user.email, kind, entry.name, name)
    if kind == "organisation":
        _relabel(session, entry.name, name)
    entry.name = name
    session.flush()


def organisation_usage(session: Session, organisation: Organisation) -> tuple[int, int]:
    """(stakeholders, participant records) that name the organisation."""
    def count(column) -> int:
        return session.scalar(sa.select(sa.func.count()).where(column == organisation.id))
    return count(Stakeholder.organisation_id), count(Participant.organisation_id)


def delete_organisation(session: Session, user, organisation: Organisation) -> None:
    """Delete an organisation nobody belongs to or took part for (else merge it); flush."""
    require(user, "manage_organisations")
    if any(organisation_usage(session, organisation)):
        raise ActionRefused(f"{organisation.name} has stakeholders or took part in a Review "
                            "Day: merge it into another organisation instead.")
    session.delete(organisation)
    session.flush()
    log.info("%s deleted organisation %r", user.email, organisation.name)


def _relabel(session: Session, old: str, new: str) -> None:
    """Anonymised people are "A stakeholder from ORG": keep ORG right."""
    for model in (Stakeholder, Participant):
        session.execute(sa.update(model).where(model.name == f"A stakeholder from {old}")
                        .values(name=f"A stakeholder from {new}"))


def merge_organisations(session: Session, user, merged: Organisation,
                        into: Organisation) -> tuple[int, int]:
    """Move every stakeholder and participant of `merged` to `into`, then delete `merged`;
    return how many of each moved; flush."""
    require(user, "manage_organisations")
    if merged.id == into.id:
        raise InvalidInput({"into": "Choose a different organisation to merge into"})
    moved = organisation_usage(session, merged)
    for column, model in ((Stakeholder.organisation_id, Stakeholder),
                          (Participant.organisation_id, Participant)):
        session.execute(sa.update(model).where(column == merged.id)
                        .values(organisation_id=into.id))
    _relabel(session, merged.name, into.name)
    session.delete(merged)
    session.flush()
    log.info("%s merged organisation %r into %r", user.email, merged.name, into.name)
    return moved
