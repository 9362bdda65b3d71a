"""People: accounts for staff, and stakeholders with their organisations and groups."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .curriculum import utcnow

ROLES = ("facilitator", "programme_lead", "admin")
DEFAULT_ORGANISATIONS = ("CMI", "FMLM", "FNF", "KPMG", "NHS England",
                         "Professional Standards Authority", "Skills for Care")
DEFAULT_GROUPS = ("Clinical", "AHP", "Nursing and midwifery", "Social care", "Non-clinical")


class User(UserMixin, db.Model):
    """A facilitator, programme lead or admin. Stakeholders have no account."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(20))
    password_hash: Mapped[str] = mapped_column(sa.String(300))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped on sign-out, password change and deactivation: a session cookie that holds an
    # older number is refused (auth/sessions.py), wherever that cookie has been copied to.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active


class SignInFailure(db.Model):
    """One wrong password, counted against an account and an address (auth/throttle.py)
    when there is no Redis. `key` is a digest, so what an attacker typed is never stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(80), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)


class StakeholderGroup(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)


class Stakeholder(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisation.id"))
    group_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stakeholder_group.id"))
    organisation: Mapped[Organisation] = relationship()
    group: Mapped[StakeholderGroup | None] = relationship()
