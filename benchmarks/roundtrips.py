"""Database round trips per live change, counted where they happen: every query, BEGIN,
COMMIT and pool ping psycopg sends to PostgreSQL.

    python -m benchmarks.roundtrips

Under gevent each round trip is a point where the handler yields, and at N = 500 the hub
then runs the writers of earlier broadcasts before the handler resumes: the count, not the
milliseconds of the query, is what a change's latency grows with (benchmarks/README.md).
Runs psycopg's pure-Python libpq binding (PSYCOPG_IMPL=python) so its sends can be counted.
"""

from __future__ import annotations

import os

os.environ["PSYCOPG_IMPL"] = "python"  # before psycopg is imported anywhere

import itertools  # noqa: E402
from collections import Counter  # noqa: E402
from typing import Any  # noqa: E402

from psycopg.pq import pq_ctypes  # noqa: E402

from .common import scratch_database  # noqa: E402
from .seed import (  # noqa: E402
    bench_app,
    change_payload,
    prepare_database,
    seed_live_day,
    socket_client,
)

SENDS = ("send_query", "send_query_params", "send_prepare", "send_query_prepared", "exec_",
         "exec_params", "exec_prepared")
_counts: Counter[str] = Counter()


def _count_sends() -> None:
    """Wrap libpq's send and exec calls: one call, one round trip (no pipeline mode here)."""
    for name in SENDS:
        original = getattr(pq_ctypes.PGconn, name)

        def counted(self, *args, _original=original, _name=name, **kwargs):
            command = args[0] if args and isinstance(args[0], bytes) else b""
            _counts[command.split(b" ", 1)[0].decode() or _name] += 1
            return _original(self, *args, **kwargs)
        setattr(pq_ctypes.PGconn, name, counted)


def measure(database_url: str) -> dict[str, dict[str, Any]]:
    seeded = seed_live_day(database_url, 3)
    day_id = seeded["review_day_id"]
    app = bench_app(database_url)
    ops = itertools.count(1)
    author, voter = (socket_client(app, s["cookie"]) for s in seeded["stakeholders"][:2])
    # propose, comment and vote "agree", then the same vote "disagree" (change_payload)
    events = {"join": ("join", {"review_day_id": day_id}),
              **{label: change_payload(seeded, n) for n, label in
                 ((0, "propose"), (1, "comment"), (2, "vote"), (5, "vote again"))}}
    voter.emit("join", {"review_day_id": day_id}, callback=True)
    results = {}
    for label, (event, payload) in events.items():
        sender = author if label in ("join", "propose") else voter
        body = dict(payload) if event == "join" else {**payload, "op_id": f"roundtrip-{next(ops)}"}
        _counts.clear()
        ack = sender.emit(event, body, callback=True)
        if not ack.get("ok"):
            raise RuntimeError(f"{label}: {ack}")
        results[label] = {"round_trips": sum(_counts.values()), "by_command": dict(_counts)}
    _counts.clear()
    voter.emit("comment", {**events["comment"][1], "op_id": "roundtrip-2"}, callback=True)  # again
    results["retried op_id"] = {"round_trips": sum(_counts.values()),
                                "by_command": dict(_counts)}
    for c in (author, voter):
        c.disconnect()
    return results


def main() -> None:
    _count_sends()
    with scratch_database("roundtrips") as url:
        prepare_database(url)
        results = measure(url)
    print("event           round trips   (by command)")
    for label, row in results.items():
        detail = ", ".join(f"{k} {v}" for k, v in sorted(row["by_command"].items()))
        print(f"{label:<15} {row['round_trips']:>11}   ({detail})")


if __name__ == "__main__":
    main()
