"""What one live change costs the server on its own: wall and CPU time per change, and by
step of `_perform`, for 300 proposals, comments and votes sent by one test client on
PostgreSQL (no network, no other load).

    python -m benchmarks.change_cost

At N = 500 this CPU is spent on the same core as every socket write of the broadcasts, so
it adds to the fan-out latency nearly one for one (benchmarks/README.md).
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from review_app.live import contributions, events
from review_app.live.limits import Rate

from .common import scratch_database
from .seed import bench_app, change_payload, prepare_database, seed_live_day, socket_client

STEPS = ((events, "_perform"), (events, "resolve_actor"), (contributions, "propose"),
         (contributions, "comment"), (contributions, "vote"), (events, "record_change"),
         (events, "broadcast"))
_spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
# One client sends every change, far past one participant's limits: the checks still run
# (their cost is part of the change's), but never refuse.
UNLIMITED = {"change": Rate(1e9, 10**9), "max_open_proposals": 10**9}


def _timed(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return step(*args, **kwargs)
        finally:
            spent = _spent[name]
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu
            spent[2] += 1
    return run


def measure(database_url: str, changes: int = 300) -> dict[str, dict[str, float]]:
    for module, name in STEPS:
        setattr(module, name, _timed(name, getattr(module, name)))
    seeded = seed_live_day(database_url, 3)
    client = socket_client(bench_app(database_url, LIVE_LIMITS=UNLIMITED),
                           seeded["stakeholders"][0]["cookie"])
    client.emit("join", {"review_day_id": seeded["review_day_id"]}, callback=True)
    ops = itertools.count(1)

    def send(n: int) -> None:
        event, payload = change_payload(seeded, n)
        ack = client.emit(event, {**payload, "op_id": f"cost-{next(ops):06d}"}, callback=True)
        if not ack.get("ok"):
            raise RuntimeError(f"{event}: {ack}")
        client.get_received()

    for n in range(60):  # warm: statements prepared, caches filled
        send(n)
    _spent.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    for n in range(changes):
        send(n)
    results = {"per change (test client included)": {
        "wall_ms": (time.perf_counter() - wall) / changes * 1000,
        "cpu_ms": (time.process_time() - cpu) / changes * 1000, "calls": changes}}
    for name, (spent_wall, spent_cpu, calls) in _spent.items():
        results[name] = {"wall_ms": spent_wall / calls * 1000,
                         "cpu_ms": spent_cpu / calls * 1000, "calls": calls}
    client.disconnect()
    return results


def main() -> None:
    with scratch_database("change_cost") as url:
        prepare_database(url)
        results = measure(url)
    print(f"{'step':<36}{'calls':>6}{'wall ms':>9}{'CPU ms':>8}")
    for name, row in results.items():
        print(f"{name:<36}{row['calls']:>6}{row['wall_ms']:>9.3f}{row['cpu_ms']:>8.3f}")


if __name__ == "__main__":
    main()
