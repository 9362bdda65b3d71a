"""Monday's objects: review weeks, Review Days, agendas, baselines, invitations, attendance."""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .curriculum import Competency, Curriculum, CurriculumItem, utcnow
from .people import Organisation, Stakeholder, StakeholderGroup, User

DAY_STATUSES = ("draft", "ready", "live", "closed")


class ReviewWeek(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date] = mapped_column(unique=True)  # always a Monday
    review_days: Mapped[list[ReviewDay]] = relationship(
        back_populates="week", order_by="ReviewDay.date")


class ReviewDay(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    week_id: Mapped[int] = mapped_column(sa.ForeignKey("review_week.id"), index=True)
    curriculum_id: Mapped[int] = mapped_column(sa.ForeignKey("curriculum.id"))
    facilitator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    title: Mapped[str] = mapped_column(sa.String(200))
    date: Mapped[date]
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    call_link: Mapped[str] = mapped_column(sa.String(500), default="")
    status: Mapped[str] = mapped_column(sa.String(10), default="draft")
    baseline_frozen_at: Mapped[datetime | None]
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # A held day put away: off the dashboard, still in every report.
    archived_at: Mapped[datetime | None]
    # Bumping this revokes the open join link.
    join_link_nonce: Mapped[int] = mapped_column(default=1)
    # The agenda item the facilitator has focused everyone on (not a foreign key: the two
    # tables would point at each other).
    focus_agenda_item_id: Mapped[int | None]
    # The last live `seq` handed out; taken FOR UPDATE so that processes never collide.
    last_seq: Mapped[int] = mapped_column(default=0)
    week: Mapped[ReviewWeek] = relationship(back_populates="review_days")
    curriculum: Mapped[Curriculum] = relationship()
    facilitator: Mapped[User | None] = relationship()
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="review_day", order_by="AgendaItem.position", cascade="all, delete-orphan")
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="review_day", cascade="all, delete-orphan")


class AgendaItem(db.Model):
    """A competency, or one learning outcome or activity of it, with a timebox and prompts."""

    id: Mapped[int] = mapped_column(primary_key=True)
    review_day_id: Mapped[int] = mapped_column(sa.ForeignKey("review_day.id"), index=True)
    position: Mapped[int]
    competency_id: Mapped[int] = mapped_column(sa.ForeignKey("competency.id"))
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("curriculum_item.id"))
    timebox_minutes: Mapped[int] = mapped_column(default=10)
    prompts: Mapped[str] = mapped_column(sa.Text, default="")
    # Live timer: seconds used before the current run, and when the current run began.
    used_seconds: Mapped[int] = mapped_column(default=0)
    extra_minutes: Mapped[int] = mapped_column(default=0)
    timer_started_at: Mapped[datetime | None]
    review_day: Mapped[ReviewDay] = relationship(back_populates="agenda")
    competency: Mapped[Competency] = relationship()
    item: Mapped[CurriculumItem | None] = relationship()

    def stop_timer(self, now: datetime) -> None:
        """Add the running stretch (if any) to the time used, and stop the clock."""
        if self.timer_started_at is not None:
            self.used_seconds += max(0, int((now - self.timer_started_at).total_seconds()))
            self.timer_started_at = None


class BaselineEntry(db.Model):
    """The version and text of an item when its Review Day was marked ready."""

    __table_args__ = (sa.UniqueConstraint("review_day_id", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_day_id: Mapped[int] = mapped_column(sa.ForeignKey("review_day.id"), index=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("curriculum_item.id"))
    version: Mapped[int]
    title: Mapped[str | None] = mapped_column(sa.String(300))
    text: Mapped[str] = mapped_column(sa.Text)
    item: Mapped[CurriculumItem] = relationship()


class Invitation(db.Model):
    """A personal invitation link for one stakeholder to one Review Day."""

    __table_args__ = (sa.UniqueConstraint("review_day_id", "stakeholder_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_day_id: Mapped[int] = mapped_column(sa.ForeignKey("review_day.id"), index=True)
    stakeholder_id: Mapped[int] = mapped_column(sa.ForeignKey("stakeholder.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    nonce: Mapped[int] = mapped_column(default=1)
    # The last invitation email: when it went and who sent it; or when and why it failed.
    email_sent_at: Mapped[datetime | None]
    email_sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    email_failed_at: Mapped[datetime | None]
    email_failure: Mapped[str | None] = mapped_column(sa.String(500))
    # The Message-ID of the last email, which a bounce report names; and the bounce.
    email_message_id: Mapped[str | None] = mapped_column(sa.String(250), index=True)
    email_bounced_at: Mapped[datetime | None]
    email_bounce: Mapped[str | None] = mapped_column(sa.String(500))
    review_day: Mapped[ReviewDay] = relationship(back_populates="invitations")
    stakeholder: Mapped[Stakeholder] = relationship()
    email_sent_by: Mapped[User | None] = relationship()


class Participant(db.Model):
    """Someone who joined a Review Day: attendance, and the author of live contributions."""

    id: Mapped[int] = mapped_column(primary_key=True)
    review_day_id: Mapped[int] = mapped_column(sa.ForeignKey("review_day.id"), index=True)
    stakeholder_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stakeholder.id"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    name: Mapped[str] = mapped_column(sa.String(200))
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisation.id"))
    group_id: Mapped[int | None] = mapped_column(sa.ForeignKey("stakeholder_group.id"))
    via: Mapped[str] = mapped_column(sa.String(12))  # invitation, open-link, account
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the facilitator removes them from the day: every later visit and event is
    # refused (live/identity.py), and their open link or invitation cannot bring them back.
    removed_at: Mapped[datetime | None]
    review_day: Mapped[ReviewDay] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    group: Mapped[StakeholderGroup | None] = relationship()
    stakeholder: Mapped[Stakeholder | None] = relationship()
    user: Mapped[User | None] = relationship()

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation else "Facilitation team"
