"""Who is in the room: the participant a browser session holds for each Review Day.

Joining (from an invitation, the open link, or a staff account) records a Participant and
keeps its id in the signed session cookie, keyed by Review Day; a participant who joined
from an invitation also keeps the nonce of the link they used, so that replacing the link
shuts out whoever holds the old one. Pages and socket events alike resolve the caller with
`live.identity.resolve_actor`, which reads these with `participant_id_for` and
`link_nonce_for` and checks them in the query that loads the day, every time (a cookie
forked at connect must not be trusted later).
"""

from __future__ import annotations

from flask import session

from ..models import Participant

SESSION_KEY = "participants"
LINKS_KEY = "participant_links"


def remember_participant(participant: Participant, link_nonce: int | None = None) -> None:
    """Keep the participant for their day; `link_nonce` is the invitation link's (None for
    staff and the open link)."""
    day = str(participant.review_day_id)
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), day: participant.id}
    links = {k: v for k, v in session.get(LINKS_KEY, {}).items() if k != day}
    session[LINKS_KEY] = links if link_nonce is None else {**links, day: link_nonce}


def participant_id_for(review_day_id: int) -> int | None:
    value = session.get(SESSION_KEY, {}).get(str(review_day_id))
    return value if isinstance(value, int) else None


def link_nonce_for(review_day_id: int) -> int | None:
    value = session.get(LINKS_KEY, {}).get(str(review_day_id))
    return value if isinstance(value, int) else None


def signed_in_user_id() -> int | None:
    """The staff account the session is signed in as (Flask-Login's key), if any."""
    value = session.get("_user_id")
    return int(value) if isinstance(value, str) and value.isdigit() else None
