"""Wednesday to Friday: each accepted proposal becomes a change to implement."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .curriculum import utcnow
from .live import Proposal
from .people import User

CHANGE_STATES = ("to_do", "in_progress", "done")


class Change(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposal.id"), unique=True)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    due_on: Mapped[date | None]
    state: Mapped[str] = mapped_column(sa.String(12), default="to_do")
    accepted_text: Mapped[str | None] = mapped_column(sa.Text)
    implemented_text: Mapped[str | None] = mapped_column(sa.Text)
    implemented_at: Mapped[datetime | None]
    implemented_version: Mapped[int | None]
    conflict_resolution: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    proposal: Mapped[Proposal] = relationship()
    owner: Mapped[User | None] = relationship()
