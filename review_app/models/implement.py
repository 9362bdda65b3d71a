"""Wednesday to Friday: each accepted proposal becomes a change to implement."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .curriculum import CurriculumItem, utcnow
from .live import Proposal
from .people import User

CHANGE_STATES = ("to_do", "in_progress", "done")
# How a stale-base conflict was settled when the change was applied.
RESOLUTIONS = ("proposed", "current", "merged")


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
    # One of RESOLUTIONS when applying met a conflict, else None; resolution_note says why.
    conflict_resolution: Mapped[str | None] = mapped_column(sa.Text)
    resolution_note: Mapped[str | None] = mapped_column(sa.Text)
    # The item written (for "add", the item created), and for delete/move the index it held
    # among the live items of its kind before the change: what undoing the change needs.
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("curriculum_item.id"))
    previous_position: Mapped[int | None]
    implemented_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    proposal: Mapped[Proposal] = relationship()
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    implemented_by: Mapped[User | None] = relationship(foreign_keys=[implemented_by_id])
    item: Mapped[CurriculumItem | None] = relationship()
