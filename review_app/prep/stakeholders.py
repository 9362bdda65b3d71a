"""Stakeholders: the people invited to Review Days, by organisation and group."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ..auth.permissions import require
from ..errors import InvalidInput, found
from ..models import Organisation, Stakeholder, StakeholderGroup

log = logging.getLogger(__name__)


@dataclass
class StakeholderDetails:
    name: str
    email: str | None
    organisation_id: int
    group_id: int | None


def list_stakeholders(session: Session, user) -> list[Stakeholder]:
    require(user, "manage_stakeholders")
    return list(session.scalars(
        sa.select(Stakeholder).order_by(sa.func.lower(Stakeholder.name))
        .options(selectinload(Stakeholder.organisation), selectinload(Stakeholder.group))))


def get_stakeholder(session: Session, user, stakeholder_id: int) -> Stakeholder:
    require(user, "manage_stakeholders")
    return found(session.get(Stakeholder, stakeholder_id))


def _check(session: Session, details: StakeholderDetails, keep_id: int | None) -> None:
    errors: dict[str, str] = {}
    if session.get(Organisation, details.organisation_id) is None:
        errors["organisation_id"] = "Select an organisation"
    if details.group_id is not None and session.get(StakeholderGroup, details.group_id) is None:
        errors["group_id"] = "Select a stakeholder group from the list"
    if details.email:
        clash = session.scalars(sa.select(Stakeholder).where(
            sa.func.lower(Stakeholder.email) == details.email.lower())).first()
        if clash is not None and clash.id != keep_id:
            errors["email"] = f"{clash.name} already has this email address"
    if errors:
        raise InvalidInput(errors)


def create_stakeholder(session: Session, user, details: StakeholderDetails) -> Stakeholder:
    require(user, "manage_stakeholders")
    _check(session, details, None)
    stakeholder = Stakeholder(name=details.name, email=details.email,
                              organisation_id=details.organisation_id, group_id=details.group_id)
    session.add(stakeholder)
    session.flush()
    log.info("%s added stakeholder %s", user.email, stakeholder.id)
    return stakeholder


def update_stakeholder(session: Session, user, stakeholder: Stakeholder,
                       details: StakeholderDetails) -> None:
    require(user, "manage_stakeholders")
    _check(session, details, stakeholder.id)
    stakeholder.name, stakeholder.email = details.name, details.email
    stakeholder.organisation_id, stakeholder.group_id = details.organisation_id, details.group_id
    session.flush()
    log.info("%s changed stakeholder %s", user.email, stakeholder.id)
