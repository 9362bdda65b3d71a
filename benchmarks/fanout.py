"""Live fan-out: N participants joined to one Review Day, a tenth of them proposing,
commenting and voting at a steady total rate; the latency from a client's emit to the
change's arrival at every other client, the acks' own latency, the changes per second
sustained, and the server processes' memory and CPU. The same load runs against the app
(`review-app serve --production`, PostgreSQL; one process, or two behind the Redis queue)
and against the bare python-socketio server, in the same run."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from .common import (
    REDIS_URL,
    ROOT,
    Server,
    cpu_ticks,
    full_collections,
    gc_probe_env,
    machine_busy,
    proc_stats,
    server_env,
    summary_ms,
)
from .seed import seed_live_day

SENDER_SHARE = 0.1


def _loaders_for(participants: int) -> int:
    """One asyncio process keeps up with about 100 clients' deliveries at 15/s; past that
    two share them, so that the clients do not become what is measured."""
    return 1 if participants <= 100 else 2


def run_load(servers: list[Server], setup: dict[str, Any], participants: int, *, rate: float,
             warmup: float, duration: float, workdir: Path,
             profile: Path | None = None) -> dict[str, Any]:
    """Connect `participants` clients (round robin over the servers), run the load, measure."""
    people = setup["stakeholders"][:participants]
    senders = max(1, math.ceil(participants * SENDER_SHARE))
    every = max(1, participants // senders)
    specs = [{"index": i, "url": servers[i % len(servers)].url, "cookie": p["cookie"],
              "sender": i % every == 0 and i // every < senders} for i, p in enumerate(people)]
    loaders = _loaders_for(participants)
    processes = []
    for n in range(loaders):
        config = {"review_day_id": setup["review_day_id"], "items": setup["items"],
                  "proposals": setup["proposals"], "interval": senders / rate,
                  "clients": specs[n::loaders], "out": str(workdir / f"loader-{n}.json")}
        path = workdir / f"loader-{n}-config.json"
        path.write_text(json.dumps(config))
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "benchmarks.loadgen", str(path)], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True))
    try:
        connect_started = time.monotonic()
        for process in processes:
            line = process.stdout.readline().strip()
            if line != "READY":
                raise RuntimeError(f"load generator failed to connect its clients ({line!r})")
        connect_s = time.monotonic() - connect_started
        time.sleep(2)  # let the presence broadcasts of the last joins settle
        start = time.time() + 1
        measure_from, end = start + warmup, start + warmup + duration
        for process in processes:
            process.stdin.write(f"GO {start} {measure_from} {end}\n")
            process.stdin.flush()
        time.sleep(max(0.0, measure_from - time.time()))
        before = [proc_stats(s.pid) for s in servers]
        ticks = cpu_ticks()
        spy = profile and start_profile(servers[0].pid, duration, profile)
        time.sleep(max(0.0, end - time.time()))
        after = [proc_stats(s.pid) for s in servers]
        busy, stolen = machine_busy(ticks, cpu_ticks())
        if spy:
            spy.wait(duration + 30)
        for process in processes:
            line = process.stdout.readline().strip()
            if line != "DONE":
                raise RuntimeError(f"load generator did not finish ({line!r})")
    finally:
        for process in processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
    results = [json.loads((workdir / f"loader-{n}.json").read_text()) for n in range(loaders)]
    fanout = [v for r in results for v in r["fanout_us"]]
    acks = [v for r in results for v in r["ack_us"]]
    first: dict[str, int] = {}
    for r in results:
        for op_id, took in r["first_us"].items():
            first[op_id] = min(took, first.get(op_id, took))
    acked = sum(len(r["acked"]) for r in results)
    errors: dict[str, int] = {}
    for r in results:
        for code, count in r["errors"].items():
            errors[code] = errors.get(code, 0) + count
    return {
        "participants": participants, "senders": senders, "offered_per_s": rate,
        "duration_s": duration, "load_processes": loaders,
        "fanout_ms": summary_ms(fanout), "ack_ms": summary_ms(acks),
        # The first client to get each change: the server's work before its broadcast,
        # without the time the broadcast itself takes to reach everyone.
        "first_delivery_ms": summary_ms(list(first.values())),
        "changes_per_s": round(acked / duration, 1),
        "deliveries": {"expected": acked * (participants - 1), "received": len(fanout)},
        "errors": errors, "disconnects": sum(r["disconnects"] for r in results),
        "connect_and_join_s": round(connect_s, 1),
        "join_ms": summary_ms([int(v * 1000) for r in results for v in r["join_ms"]]),
        "servers": [{"rss_mib": a["rss_mib"], "peak_rss_mib": a["peak_rss_mib"],
                     "cpu_pct": round(100 * (a["cpu_s"] - b["cpu_s"]) / duration, 1),
                     "full_gc_ms": full_collections(workdir, s.pid, measure_from, end)}
                    for s, b, a in zip(servers, before, after, strict=True)],
        "rss_mib_total": round(sum(a["rss_mib"] for a in after), 1),
        "load_cpu_pct": [r["cpu_pct"] for r in results],
        "machine_busy_pct": busy, "machine_steal_pct": stolen,
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
    }


def start_profile(pid: int, duration: float, out: Path) -> subprocess.Popen:
    """py-spy sampling the first server process for the measured window (collapsed stacks,
    which `python -m benchmarks.flame` sums up by function)."""
    return subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "-p", str(pid),
                             "-d", str(int(duration)), "-r", "250", "-f", "raw", "-o", str(out),
                             "--nonblocking"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def bare(participants: int, **load: Any) -> dict[str, Any]:
    """The load against the bare python-socketio broadcast server."""
    with tempfile.TemporaryDirectory() as tmp:
        setup = {"review_day_id": 1, "proposals": list(range(1, 21)),
                 "items": [{"competency_id": 1, "item_id": 1, "version": 1,
                            "text": "Apply practical prioritisation tools to organise tasks."}],
                 "stakeholders": [{"cookie": ""}] * participants}
        server = Server.bare(Path(tmp)).start()
        try:
            result = run_load([server], setup, participants, workdir=Path(tmp), **load)
        finally:
            server.stop()
    return {"target": "bare", "processes": 1, **result}


def app(database_url: str, participants: int, processes: int, **load: Any) -> dict[str, Any]:
    """The load against the app: one process, or several sharing the Redis queue."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        setup = seed_live_day(database_url, participants)
        extra = {}
        if processes > 1:
            extra = {"REDIS_URL": REDIS_URL, "SOCKETIO_CHANNEL": f"bench-{uuid.uuid4().hex[:8]}"}
        env = server_env(database_url, workdir, **extra, **gc_probe_env(workdir))
        servers = [Server.app(env) for _ in range(processes)]
        try:
            for server in servers:
                server.start()
            result = run_load(servers, setup, participants, workdir=workdir, **load)
        finally:
            logs = [server.stop() for server in servers]
    failures = [line for log in logs for line in log.splitlines()
                if "Traceback" in line or "Error" in line]
    return {"target": "app", "processes": processes, **result,
            "server_errors": failures[:5]}
