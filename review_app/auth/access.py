"""Who is in the room: the participant a browser session holds for each Review Day.

Joining (from an invitation, the open link, or a staff account) records a Participant and
keeps its id in the signed session cookie, keyed by Review Day. Pages resolve the caller
through `participant_for`; socket events through `live.identity.resolve_actor`, which reads
the same id with `participant_id_for` and checks it in the query that loads the day. Both
re-read the database each time (a cookie forked at connect must not be trusted later).
"""

from __future__ import annotations

from flask import session
from sqlalchemy.orm import Session

from ..models import Participant

SESSION_KEY = "participants"


def remember_participant(participant: Participant) -> None:
    joined = dict(session.get(SESSION_KEY, {}))
    joined[str(participant.review_day_id)] = participant.id
    session[SESSION_KEY] = joined


def participant_id_for(review_day_id: int) -> int | None:
    value = session.get(SESSION_KEY, {}).get(str(review_day_id))
    return value if isinstance(value, int) else None


def participant_for(db_session: Session, review_day_id: int) -> Participant | None:
    """The participant this browser joined the Review Day as, checked against the database."""
    participant_id = participant_id_for(review_day_id)
    if participant_id is None:
        return None
    participant = db_session.get(Participant, participant_id)
    if participant is None or participant.review_day_id != review_day_id:
        return None
    return participant
