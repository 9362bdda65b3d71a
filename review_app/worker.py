"""A worker process that builds Word documents for a gevent server (review_app/workers.py).

    python -m review_app.worker     (started by the server, never by hand)

It reads the server's configuration, then jobs, from standard input and writes each result
to standard output: a 4-byte length, then a pickle. Each job names a module-level function
and its arguments, and runs inside an app context with a database session of its own,
removed after. The process has a GIL of its own (a thread in the server would take the GIL
from the event loop on every switch) and runs at a lower priority than the server, so a
long document never takes the CPU from the live room: at nice 10 while it starts, then
(WORKER_SCHEDULING "idle", the default) under SCHED_IDLE, which the kernel preempts as soon
as any normal task wakes. A nice-10 process is only preempted at the end of its time slice,
so each of the dozen wake-ups of a live change (the socket, every database round trip)
could wait a millisecond or more behind a build. The price: while the server's own work
fills every core, documents wait (WORKER_TIMEOUT_SECONDS bounds that).
"""

from __future__ import annotations

import importlib
import os
import pickle
import struct
import sys
from typing import IO, Any

HEADER = struct.Struct("!I")
NICE = 10


def send_message(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def read_message(stream: IO[bytes]) -> Any:
    """The next message, or raise EOFError when the other side has gone."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        raise EOFError("the other side closed the pipe")
    size = HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other side closed the pipe mid-message")
    return pickle.loads(data)


def outcome(function_path: str, args: tuple) -> tuple[str, Any]:
    """("ok", result) or ("error", exception) of one job, for the server to raise again."""
    from .extensions import db

    module_name, _, name = function_path.rpartition(".")
    try:
        function = getattr(importlib.import_module(module_name), name)
        try:
            return "ok", function(*args)
        finally:
            db.session.remove()
    except Exception as error:  # noqa: BLE001  (the server raises it again)
        try:
            pickle.dumps(error)
        except Exception:  # noqa: BLE001  (an exception that cannot cross the pipe)
            error = RuntimeError(f"{type(error).__name__}: {error}")
        return "error", error


def idle_scheduling() -> None:
    """This process's threads from here on run only on CPU no one else wants (Linux)."""
    if hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


def main() -> None:
    # The protocol owns the real stdout; anything printed goes to stderr instead.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    os.nice(NICE)
    from . import create_app
    from .quality.spelling import keep_speller

    app = create_app(read_message(requests))
    keep_speller()  # loaded by the first report or quality page, kept for the next ones
    if app.config.get("WORKER_SCHEDULING") == "idle":
        idle_scheduling()
    send_message(replies, ("ready", os.getpid()))
    with app.app_context():
        while True:
            try:
                function_path, args = read_message(requests)
            except EOFError:
                return
            send_message(replies, outcome(function_path, args))


if __name__ == "__main__":
    main()
