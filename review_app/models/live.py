"""Tuesday's objects: the stored event log, proposals, comments, votes, feedback, decisions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .curriculum import Competency, CurriculumItem, utcnow
from .people import User
from .prep import Participant, ReviewDay

PROPOSAL_KINDS = ("replace", "add", "delete", "move")
CATEGORIES = ("language", "terminology", "example", "content", "structure")
PROPOSAL_STATUSES = ("open", "accepted", "accepted_amended", "rejected", "deferred", "withdrawn")
VOTE_CHOICES = ("agree", "disagree", "abstain")
OUTCOMES = ("accept", "accept_amended", "reject", "defer")


class LiveEvent(db.Model):
    """One stored change of a Review Day, in `seq` order; the replay log for reconnects.

    (review_day_id, op_id) is unique, which makes a retried operation store nothing new.
    """

    __table_args__ = (sa.UniqueConstraint("review_day_id", "seq"),
                      sa.UniqueConstraint("review_day_id", "op_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    review_day_id: Mapped[int] = mapped_column(sa.ForeignKey("review_day.id"), index=True)
    seq: Mapped[int]
    op_id: Mapped[str] = mapped_column(sa.String(64))
    type: Mapped[str] = mapped_column(sa.String(32))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("participant.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[Participant | None] = relationship()


class Proposal(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    review_day_id: Mapped[int] = mapped_column(sa.ForeignKey("review_day.id"), index=True)
    competency_id: Mapped[int] = mapped_column(sa.ForeignKey("competency.id"))
    # The item edited, deleted or moved; None for "add".
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("curriculum_item.id"))
    kind: Mapped[str] = mapped_column(sa.String(10))
    item_kind: Mapped[str] = mapped_column(sa.String(24))
    field: Mapped[str] = mapped_column(sa.String(10), default="text")  # text or title
    base_version: Mapped[int | None]
    base_title: Mapped[str | None] = mapped_column(sa.String(300))
    base_text: Mapped[str | None] = mapped_column(sa.Text)
    new_title: Mapped[str | None] = mapped_column(sa.String(300))
    new_text: Mapped[str | None] = mapped_column(sa.Text)
    new_position: Mapped[int | None]
    # The quality findings on the replaced wording that the new wording puts right, worked
    # out once when it is proposed: [{"rule", "message"}] (review_app/quality/fixes.py).
    fixes: Mapped[list[dict[str, str]] | None] = mapped_column(sa.JSON)
    category: Mapped[str] = mapped_column(sa.String(16))
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="open")
    # Indexed: proposing counts the author's open proposals (the cap per participant).
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("participant.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when its author last edited it while open (a proposal.edited change in the log).
    edited_at: Mapped[datetime | None]
    # Set when the facilitator hides it (moderation): it leaves every participant's view;
    # it was rejected with a reason first if it was open.
    hidden_at: Mapped[datetime | None]
    # Set when a deferred proposal is carried into a later week's preparation.
    carried_to_review_day_id: Mapped[int | None] = mapped_column(sa.ForeignKey("review_day.id"))
    review_day: Mapped[ReviewDay] = relationship(foreign_keys=[review_day_id])
    competency: Mapped[Competency] = relationship()
    item: Mapped[CurriculumItem | None] = relationship()
    author: Mapped[Participant] = relationship()
    comments: Mapped[list[Comment]] = relationship(
        back_populates="proposal", order_by="Comment.id", cascade="all, delete-orphan")
    votes: Mapped[list[Vote]] = relationship(back_populates="proposal",
                                             cascade="all, delete-orphan")
    decision: Mapped[Decision | None] = relationship(back_populates="proposal",
                                                     cascade="all, delete-orphan")

    def tally(self) -> dict[str, int]:
        return tally_of(vote.choice for vote in self.votes)


def tally_of(choices: Iterable[str]) -> dict[str, int]:
    """How many agree, disagree and abstain (every choice named, even at 0)."""
    counts = dict.fromkeys(VOTE_CHOICES, 0)
    for choice in choices:
        counts[choice] += 1
    return counts


class Comment(db.Model):
    """A comment on a proposal, or a reply to one (one level: a reply to a reply joins the
    thread of the comment it answers)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposal.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comment.id"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("participant.id"))
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    proposal: Mapped[Proposal] = relationship(back_populates="comments")
    author: Mapped[Participant] = relationship()


class Vote(db.Model):
    __table_args__ = (sa.UniqueConstraint("proposal_id", "voter_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposal.id"), index=True)
    voter_id: Mapped[int] = mapped_column(sa.ForeignKey("participant.id"))
    choice: Mapped[str] = mapped_column(sa.String(10))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    proposal: Mapped[Proposal] = relationship(back_populates="votes")
    voter: Mapped[Participant] = relationship()


class Feedback(db.Model):
    """General feedback on pitch and timbre, for the whole day or for one competency."""

    id: Mapped[int] = mapped_column(primary_key=True)
    review_day_id: Mapped[int] = mapped_column(sa.ForeignKey("review_day.id"), index=True)
    competency_id: Mapped[int | None] = mapped_column(sa.ForeignKey("competency.id"))
    theme: Mapped[str] = mapped_column(sa.String(100))
    text: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("participant.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    competency: Mapped[Competency | None] = relationship()
    author: Mapped[Participant] = relationship()


class Decision(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposal.id"), unique=True)
    outcome: Mapped[str] = mapped_column(sa.String(16))
    reason: Mapped[str] = mapped_column(sa.Text)
    amended_text: Mapped[str | None] = mapped_column(sa.Text)
    # True when the item had moved past the proposal's base version at decision time.
    conflict: Mapped[bool] = mapped_column(default=False)
    decided_by_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    proposal: Mapped[Proposal] = relationship(back_populates="decision")
    decided_by: Mapped[User] = relationship()
