"""Socket.IO events of the live Review Day (docs/live-protocol.md). Handlers stay thin:
parse the payload, find who sent it, call a service, commit, acknowledge, broadcast."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from typing import Any

from flask import current_app, request
from flask_socketio import emit, join_room
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..auth.access import participant_id_for
from ..auth.permissions import require
from ..extensions import db, socketio
from ..models import Participant
from ..prep.joining import REMOVED
from . import contributions, editing, facilitation, moderation, schemas
from .background import attempt
from .changes import (
    ack_for,
    change_lock,
    change_message,
    changes_after,
    earlier_result,
    end_reading,
    load_review_day,
    record_change,
)
from .errors import LiveError
from .identity import LiveDay, enter_as_staff, has_joined, mark_joined, resolve_actor, staff_user
from .limits import limits
from .protocol import discard_transaction, live_event
from .room import room_state
from .serialise import person

log = logging.getLogger(__name__)
REPLAY_LIMIT = 1000  # past this many missed changes a client gets the (bounded) state instead
Service = Callable[..., tuple[str, dict[str, Any]]]


def presence():
    return current_app.extensions["review_presence"]


def room(review_day_id: int) -> str:
    return f"review-day-{review_day_id}"


def own_room(participant_id: int) -> str:
    """Every socket of one participant, in whichever process (to send them away at once)."""
    return f"participant-{participant_id}"


def check_rate(kind: str, review_day_id: int) -> None:
    """Take a token of `kind` for the participant the cookie names (before any database
    work: whoever it names is checked after), or LiveError rate_limited."""
    participant_id = participant_id_for(review_day_id)
    wait = limits().retry_after(kind, participant_id or request.sid)
    if wait is not None:
        raise LiveError("rate_limited", f"You are doing that faster than the Review Day "
                        f"allows: try again in {wait} s.", retry_after=wait)


def broadcast(review_day_id: int, event: str, payload: dict[str, Any], **kwargs) -> None:
    """The one place that decides what goes to a Review Day's room."""
    socketio.emit(event, payload, to=room(review_day_id), **kwargs)


# Every join and leave sends the whole list to everyone in the room: N joins cost N² messages
# of N names each, and 500 people arriving at 10:00 kept one process busy for minutes. Past
# PRESENCE_BATCH_FROM sockets, the joins and leaves of PRESENCE_EVERY seconds share one event.
PRESENCE_BATCH_FROM = 50
PRESENCE_EVERY = 0.5
_presence_due: set[int] = set()
_presence_lock = threading.Lock()


def announce_presence(review_day_id: int) -> None:
    """Tell the room who is present now (small rooms) or within PRESENCE_EVERY (large)."""
    if presence().local_sockets(review_day_id) <= PRESENCE_BATCH_FROM:
        _send_presence(review_day_id)
        return
    with _presence_lock:
        if review_day_id in _presence_due:
            return  # the one already scheduled will carry this change too
        _presence_due.add(review_day_id)
    socketio.start_background_task(_presence_later, current_app._get_current_object(),
                                   review_day_id)


def _presence_later(app, review_day_id: int) -> None:
    socketio.sleep(PRESENCE_EVERY)
    with _presence_lock:
        _presence_due.discard(review_day_id)
    with app.app_context():
        # Redis down: logged; the next join or leave announces the list again.
        attempt("presence announcement", lambda: _send_presence(review_day_id))


def _send_presence(review_day_id: int) -> None:
    broadcast(review_day_id, "presence", {"review_day_id": review_day_id,
                                          "present": presence().present(review_day_id)})


def _perform(schema: type[schemas.Change], payload: Any, service: Service,
             limited: bool = True) -> dict[str, Any]:
    """Store one change exactly once, then acknowledge and broadcast it. A participant's
    contributions (`limited`) take a token of their bucket first."""
    actor = None
    try:
        cmd = schemas.parse(schema, payload)
        if not has_joined(cmd.review_day_id):
            raise LiveError("not_joined")
        if limited:
            check_rate("change", cmd.review_day_id)
        with change_lock(db.session):
            day, actor = resolve_actor(db.session, cmd.review_day_id)
            type_, data = service(db.session, day, actor, cmd)
            ack = ack_for(record_change(db.session, day.id, type_, data, cmd.op_id, actor))
            db.session.commit()
    except LiveError as error:
        db.session.rollback()
        # A retry of a change that was stored may be refused now (the proposal was decided
        # since, say): the sender still gets the first result.
        return (actor and _first_result(cmd)) or error.ack()
    except IntegrityError:  # this op_id was stored before (or by another process meanwhile)
        db.session.rollback()
        return _first_result(cmd) or LiveError("internal_error").ack()
    except SQLAlchemyError:
        log.exception("live change failed")
        discard_transaction()
        return _result_after_failure(cmd)
    # Stored and committed: the ack stands even if the broadcast cannot go out (Redis
    # down); the others find the change by its seq when they next join or resync.
    attempt("broadcast", lambda: broadcast(cmd.review_day_id, "change", ack["change"]))
    return ack


def _result_after_failure(cmd: schemas.Change) -> dict[str, Any]:
    """What to answer after a database failure. A COMMIT may have succeeded as the
    connection dropped: then the sender gets the stored result, not "nothing was changed".
    If even the look-up fails, nobody knows, and the sender is told to send it again with
    the same op_id (which stores it at most once)."""
    try:
        return _first_result(cmd) or LiveError("internal_error").ack()
    except SQLAlchemyError:
        log.exception("looking up op_id %s after a failure failed", cmd.op_id)
        discard_transaction()
        return LiveError("internal_error", UNKNOWN_OUTCOME).ack()


UNKNOWN_OUTCOME = ("The server could not tell whether your change was saved: it is sent "
                   "again with the same op_id, which stores it at most once.")


def _first_result(cmd: schemas.Change) -> dict[str, Any] | None:
    earlier = earlier_result(db.session, cmd.review_day_id, cmd.op_id)
    ack = ack_for(earlier) if earlier else None
    end_reading(db.session)
    return ack


def set_live_status(review_day_id: int, user: Any, status: str) -> None:
    """The HTTP boundary's way to open, reopen or close a day: the same service and log as
    the socket event, so connected clients hear of it. Raises LiveError on refusal."""
    require(user, "run_review_day")  # over HTTP a refusal by role is a 403
    cmd = schemas.DayStatus(op_id=f"http-{uuid.uuid4().hex}", review_day_id=review_day_id,
                            status=status)
    with change_lock(db.session):
        day = load_review_day(db.session, review_day_id)
        try:
            type_, data = facilitation.set_status(db.session, day, user, cmd)
        except LiveError:
            db.session.rollback()
            raise
        ack = ack_for(record_change(db.session, day.id, type_, data, cmd.op_id, None))
        db.session.commit()
    broadcast(review_day_id, "change", ack["change"])


def _facilitation(service: Service) -> Service:
    """The facilitator's services change the day itself and act as the staff user: they
    get both from the session (resolve_actor gives what a contribution reads)."""
    return lambda session, day, actor, cmd: service(
        session, load_review_day(session, day.id), staff_user(session, actor), cmd)


def _facilitator(schema: type[schemas.Change], payload: Any, service: Service):
    return _perform(schema, payload, _facilitation(service), limited=False)


@live_event("join")
def on_join(payload: Any) -> dict[str, Any]:
    """Sent by clients when they open the live page or reconnect, with the last seq seen."""
    try:
        cmd = schemas.parse(schemas.Join, payload)
        check_rate("join", cmd.review_day_id)
        enter_as_staff(db.session, cmd.review_day_id)
        day, actor = resolve_actor(db.session, cmd.review_day_id)
        try:
            held = presence().enter(day.id, request.sid, person(actor))
        except Exception:
            attempt("presence leave", lambda: presence().leave(request.sid))
            raise
        if held > limits()["max_sockets"]:
            presence().leave(request.sid)
            raise LiveError("limit_reached", f"You have this Review Day open in {held - 1} "
                            "places already: close one of them and try again.",
                            limit=limits()["max_sockets"])
    except LiveError as error:
        end_reading(db.session)
        return error.ack()
    try:
        ack = _catch_up(day, actor, cmd.last_seq)
        mark_joined(day.id)
        join_room(room(day.id))
        join_room(own_room(actor.id))
    except BaseException:
        # The edge answers internal_error; this socket must not stay counted as present.
        attempt("presence leave", lambda: presence().leave(request.sid))
        raise
    # Redis down: the join still stands; the next join, leave or renewal mends the list.
    attempt("presence announcement", lambda: announce_presence(cmd.review_day_id))
    return ack


def _catch_up(day: LiveDay, actor: Participant, last_seq: int) -> dict[str, Any]:
    """What a joining client missed since `last_seq`, or the (bounded) whole state."""
    if 0 < last_seq <= day.last_seq and day.last_seq - last_seq <= REPLAY_LIMIT:
        changes = [change_message(e) for e in changes_after(db.session, day.id, last_seq)]
        ack = {"ok": True, "seq": max([day.last_seq] + [c["seq"] for c in changes]),
               "changes": changes}
    else:
        newest = limits()["snapshot_newest"]
        snapshot = room_state(db.session, day.id, actor, proposals=newest, feedback=newest)
        ack = {"ok": True, "seq": snapshot["seq"], "snapshot": snapshot}
    end_reading(db.session)
    return ack


@live_event("propose")
def on_propose(payload: Any) -> dict[str, Any]:
    """Sent by clients when a participant proposes an edit (replace, add, delete, move)."""
    return _perform(schemas.Propose, payload, contributions.propose)


@live_event("withdraw")
def on_withdraw(payload: Any) -> dict[str, Any]:
    """Sent by clients when an author withdraws their own open proposal."""
    return _perform(schemas.Withdraw, payload, contributions.withdraw)


@live_event("edit_proposal")
def on_edit_proposal(payload: Any) -> dict[str, Any]:
    """Sent by clients when an author edits their own open proposal."""
    return _perform(schemas.EditProposal, payload, editing.edit_proposal)


@live_event("comment")
def on_comment(payload: Any) -> dict[str, Any]:
    """Sent by clients when a participant comments on a proposal or replies to a comment."""
    return _perform(schemas.CommentOn, payload, contributions.comment)


@live_event("vote")
def on_vote(payload: Any) -> dict[str, Any]:
    """Sent by clients when a participant votes on a proposal or changes their vote."""
    return _perform(schemas.VoteOn, payload, contributions.vote)


@live_event("feedback")
def on_feedback(payload: Any) -> dict[str, Any]:
    """Sent by clients when a participant gives general feedback on pitch and timbre."""
    return _perform(schemas.GiveFeedback, payload, contributions.feedback)


@live_event("decide")
def on_decide(payload: Any) -> dict[str, Any]:
    """Sent by the facilitator's client to accept, amend, reject or defer a proposal."""
    return _facilitator(schemas.Decide, payload, facilitation.decide)


@live_event("focus")
def on_focus(payload: Any) -> dict[str, Any]:
    """Sent by the facilitator's client to bring everyone to one agenda item."""
    return _facilitator(schemas.Focus, payload, facilitation.focus)


@live_event("timer")
def on_timer(payload: Any) -> dict[str, Any]:
    """Sent by the facilitator's client to start, pause or extend an item's timer."""
    return _facilitator(schemas.Timer, payload, facilitation.timer)


@live_event("status")
def on_status(payload: Any) -> dict[str, Any]:
    """Sent by the facilitator's client to open, reopen or close the Review Day."""
    return _facilitator(schemas.DayStatus, payload, facilitation.set_status)


@live_event("moderate")
def on_moderate(payload: Any) -> dict[str, Any]:
    """Sent by the facilitator's client to remove a participant from the day, or to reject
    or hide all their proposals, with a reason."""
    ack = _facilitator(schemas.Moderate, payload, moderation.moderate)
    if ack["ok"] and ack["change"]["type"] == "participant.removed":
        send_away(ack["change"]["data"]["participant_id"])
    return ack


def send_away(participant_id: int) -> None:
    """Tell every socket of a removed participant why, then close them, in every process
    (both travel through the message queue, in this order)."""
    socketio.emit("removed", {"title": REMOVED[1], "message": REMOVED[2]},
                  to=own_room(participant_id))
    for sid in presence().sockets_of(participant_id):
        socketio.server.disconnect(sid, namespace="/")


@live_event("typing")
def on_typing(payload: Any) -> dict[str, Any]:
    """Sent by clients while someone types a proposal or comment on an item (not stored;
    past its bucket, answered rate_limited and not passed on)."""
    try:
        cmd = schemas.parse(schemas.Typing, payload)
        if not has_joined(cmd.review_day_id):
            raise LiveError("not_joined")
        check_rate("typing", cmd.review_day_id)
        _day, actor = resolve_actor(db.session, cmd.review_day_id)
        who = person(actor)
    except LiveError as error:
        end_reading(db.session)
        return error.ack()
    # Not in a `finally`: after a database error the session must be rolled back (the edge
    # does it), and a COMMIT there raised PendingRollbackError instead of the answer.
    end_reading(db.session)
    emit("typing", {"review_day_id": cmd.review_day_id, "who": who,
                    "item_id": cmd.item_id, "competency_id": cmd.competency_id},
         to=room(cmd.review_day_id), include_self=False)
    return {"ok": True}


@socketio.on("disconnect")
def on_disconnect(*_args: Any) -> None:
    """Sent by Socket.IO when a client goes away: update who is present. Never raises: an
    exception here made Socket.IO skip its own clean-up of the socket's rooms. The socket
    leaves this process's list first; with Redis down its shared entry goes stale instead
    (STALE_AFTER), as it would if the process died."""
    sid = request.sid
    days: list[int] = []
    attempt("presence leave", lambda: days.extend(presence().leave(sid)))
    for day_id in days:
        attempt("presence announcement", lambda day_id=day_id: announce_presence(day_id))
