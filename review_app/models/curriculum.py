"""The framework's shape: a curriculum per stage, focus areas, groups, competencies, items."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

# Stage keys in framework order, with the titles the documents use.
STAGES: dict[str, str] = {
    "fundamental": "Fundamental Stage",
    "stage-1": "Stage 1: New and First-Line Managers and Leaders",
    "stage-2": "Stage 2: Mid-Level Managers and Leaders",
    "stage-3": "Stage 3: Senior Managers and Leaders",
    "stage-4": "Stage 4: Executive Managers and Leaders",
}
CODE_VALUES = ("Accountability", "Collaboration", "Compassion", "Curiosity", "Inclusion",
               "Integrity")
# The editable texts of a competency. Activities have a title and a description (text).
ITEM_KINDS = ("statement", "outcome", "instructor_activity", "individual_activity")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Curriculum(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[str] = mapped_column(sa.String(20), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    focus_areas: Mapped[list[FocusArea]] = relationship(
        back_populates="curriculum", order_by="FocusArea.position", cascade="all, delete-orphan")

    @property
    def stage_order(self) -> int:
        return list(STAGES).index(self.stage)

    def competencies(self) -> list[Competency]:
        """The current competencies in framework order."""
        return [c for fa in self.focus_areas for g in fa.groups for c in g.competencies
                if not c.retired]


class FocusArea(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = mapped_column(sa.ForeignKey("curriculum.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    curriculum: Mapped[Curriculum] = relationship(back_populates="focus_areas")
    groups: Mapped[list[CompetencyGroup]] = relationship(
        back_populates="focus_area", order_by="CompetencyGroup.position",
        cascade="all, delete-orphan")


class CompetencyGroup(db.Model):
    """A "skills group" in the seed's table."""

    id: Mapped[int] = mapped_column(primary_key=True)
    focus_area_id: Mapped[int] = mapped_column(sa.ForeignKey("focus_area.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    focus_area: Mapped[FocusArea] = relationship(back_populates="groups")
    competencies: Mapped[list[Competency]] = relationship(
        back_populates="group", order_by="Competency.position", cascade="all, delete-orphan")


class Competency(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("competency_group.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(200))
    code_values: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # Kept, not deleted, when a re-import drops it: proposals and history still point here.
    retired: Mapped[bool] = mapped_column(default=False)
    group: Mapped[CompetencyGroup] = relationship(back_populates="competencies")
    items: Mapped[list[CurriculumItem]] = relationship(
        back_populates="competency", order_by="CurriculumItem.position",
        cascade="all, delete-orphan")

    def live_items(self, kind: str) -> list[CurriculumItem]:
        """The current (not retired) items of one kind, in order."""
        return [i for i in self.items if i.kind == kind and not i.retired]

    @property
    def statement(self) -> CurriculumItem | None:
        found = self.live_items("statement")
        return found[0] if found else None


class CurriculumItem(db.Model):
    """One editable text: a competency statement, a learning outcome or an activity.

    Its id is stable for life; `version` grows with each change of title or text and the
    previous texts stay in `revisions`. Retired items (deleted by re-import or an accepted
    proposal) are kept so that history and proposals still resolve.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    competency_id: Mapped[int] = mapped_column(sa.ForeignKey("competency.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(24))
    position: Mapped[int]
    title: Mapped[str | None] = mapped_column(sa.String(300))
    text: Mapped[str] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)
    retired: Mapped[bool] = mapped_column(default=False)
    competency: Mapped[Competency] = relationship(back_populates="items")
    revisions: Mapped[list[ItemRevision]] = relationship(
        back_populates="item", order_by="ItemRevision.version", cascade="all, delete-orphan")

    @property
    def is_activity(self) -> bool:
        return self.kind.endswith("_activity")


class ItemRevision(db.Model):
    """A text an item held at one version (version 1 is the first import)."""

    __table_args__ = (sa.UniqueConstraint("item_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("curriculum_item.id"), index=True)
    version: Mapped[int]
    title: Mapped[str | None] = mapped_column(sa.String(300))
    text: Mapped[str] = mapped_column(sa.Text)
    retired: Mapped[bool] = mapped_column(default=False)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    source: Mapped[str] = mapped_column(sa.String(200), default="import")
    author: Mapped[str | None] = mapped_column(sa.String(200))
    item: Mapped[CurriculumItem] = relationship(back_populates="revisions")
