"""Typed SQLAlchemy 2.0 models, one module per concept; import from here."""

from .curriculum import (
    CODE_VALUES,
    ITEM_KINDS,
    STAGES,
    Competency,
    CompetencyGroup,
    Curriculum,
    CurriculumItem,
    FocusArea,
    ItemRevision,
)
from .implement import Change
from .live import Comment, Decision, Feedback, LiveEvent, Proposal, Vote
from .people import Organisation, SignInFailure, Stakeholder, StakeholderGroup, User
from .prep import AgendaItem, BaselineEntry, Invitation, Participant, ReviewDay, ReviewWeek

__all__ = [
    "CODE_VALUES", "ITEM_KINDS", "STAGES", "AgendaItem", "BaselineEntry", "Change", "Comment",
    "Competency", "CompetencyGroup", "Curriculum", "CurriculumItem", "Decision", "Feedback",
    "FocusArea", "Invitation", "ItemRevision", "LiveEvent", "Organisation", "Participant",
    "Proposal", "ReviewDay", "ReviewWeek", "SignInFailure", "Stakeholder", "StakeholderGroup",
    "User", "Vote",
]
