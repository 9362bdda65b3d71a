"""One load-generator process: many participants as python-socketio AsyncClients (asyncio,
WebSocket transport) in one event loop. Run by benchmarks/fanout.py, never by hand.

    python -m benchmarks.loadgen CONFIG.json

It connects and joins every client of the config, prints READY, waits for a line
`GO <start> <measure_from> <end>` (epoch seconds) on stdin, then the senders among its
clients propose, comment and vote at a steady rate until `end`. Every change's op_id carries
its sender and the wall-clock time of the emit (`c<sender>-<time_ns>-<n>`), so a client of
any load process on this machine can tell the end-to-end latency of each delivery it gets.
Only changes emitted in [measure_from, end) are measured. The result goes to the config's
`out` file as JSON, and the process prints DONE.
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import resource
import sys
import time
from collections import Counter
from typing import Any

import socketio

CHOICES = ("agree", "disagree", "abstain")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Run:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.day = config["review_day_id"]
        self.items = config["items"]
        self.proposals = list(config["proposals"])
        self.measure_from = self.end = float("inf")
        self.fanout_us: list[int] = []
        self.first_us: dict[str, int] = {}  # each change's earliest delivery in this process
        self.ack_us: list[int] = []
        self.join_ms: list[float] = []
        self.acked: list[str] = []  # op_ids acknowledged that were emitted in the window
        self.sent = 0
        self.errors: Counter[str] = Counter()
        self.disconnects = 0
        self.tasks: set[asyncio.Task] = set()

    # ---- receiving: one call per delivery, so it stays small ----
    def receiver(self, index: int):
        run = self

        def on_change(change: dict[str, Any]) -> None:
            now = time.time_ns()
            sender, sent, _ = change["op_id"].split("-", 2)
            if int(sender[1:]) == index:
                return  # the sender's own copy is not a fan-out delivery
            sent_ns = int(sent)
            if run.measure_from_ns <= sent_ns < run.end_ns:
                took = (now - sent_ns) // 1000
                run.fanout_us.append(took)
                op_id = change["op_id"]
                if took < run.first_us.get(op_id, 1 << 62):
                    run.first_us[op_id] = took

        return on_change

    # ---- sending ----
    def payload(self, rng: random.Random, n: int) -> tuple[str, dict[str, Any]]:
        roll = rng.random()
        if roll < 0.3 or not self.proposals:
            item = rng.choice(self.items)
            return "propose", {
                "kind": "replace", "competency_id": item["competency_id"],
                "item_id": item["item_id"], "base_version": item["version"], "field": "text",
                "new_text": f"{item['text'][:240]} (benchmark rewording {n})",
                "category": "language", "rationale": "Plainer for new managers."}
        if roll < 0.6:
            return "comment", {"proposal_id": rng.choice(self.proposals),
                               "text": f"Benchmark comment {n}: this reads well to me."}
        return "vote", {"proposal_id": rng.choice(self.proposals), "choice": rng.choice(CHOICES)}

    async def send_one(self, client: socketio.AsyncClient, index: int, rng: random.Random,
                       n: int) -> None:
        event, payload = self.payload(rng, n)
        sent_ns = time.time_ns()
        op_id = f"c{index}-{sent_ns}-{n}"
        in_window = self.measure_from_ns <= sent_ns < self.end_ns
        started = time.perf_counter_ns()
        try:
            ack = await client.call(event, {**payload, "op_id": op_id,
                                            "review_day_id": self.day}, timeout=15)
        except (socketio.exceptions.TimeoutError, socketio.exceptions.SocketIOError) as error:
            self.errors[type(error).__name__] += 1
            return
        took = (time.perf_counter_ns() - started) // 1000
        if not ack.get("ok"):
            self.errors[ack["error"]["code"]] += 1
            return
        created = ack["change"]["data"].get("proposal") if event == "propose" else None
        if created:  # the bare server echoes payloads and creates no proposals
            self.proposals.append(created["id"])
        if in_window:
            self.sent += 1
            self.ack_us.append(took)
            self.acked.append(op_id)

    async def sender(self, client: socketio.AsyncClient, index: int, interval: float,
                     start: float) -> None:
        rng = random.Random(index)
        due, n = start + rng.uniform(0, interval), 0
        while due < self.end:
            delay = due - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(self.send_one(client, index, rng, n))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
            n += 1
            due += interval

    async def connect(self, spec: dict[str, Any], gate: asyncio.Semaphore) -> socketio.AsyncClient:
        client = socketio.AsyncClient(reconnection=False)
        client.on("change", self.receiver(spec["index"]))

        def gone() -> None:
            self.disconnects += 1

        client.on("disconnect", gone)
        async with gate:
            started = time.perf_counter()
            await client.connect(spec["url"], headers={"Cookie": spec["cookie"]},
                                 transports=["websocket"], wait_timeout=30)
            ack = await client.call("join", {"review_day_id": self.day}, timeout=120)
            while not ack.get("ok") and ack["error"].get("retry_after"):  # as the browser does
                await asyncio.sleep(ack["error"]["retry_after"])
                ack = await client.call("join", {"review_day_id": self.day}, timeout=120)
            if not ack.get("ok"):
                raise RuntimeError(f"join refused: {ack}")
            self.join_ms.append(round((time.perf_counter() - started) * 1000, 1))
        return client

    async def main(self) -> None:
        self.measure_from_ns = self.end_ns = 2**63
        specs = self.config["clients"]
        gate = asyncio.Semaphore(self.config.get("connect_concurrency", 20))
        clients = await asyncio.gather(*(self.connect(s, gate) for s in specs))
        gc.collect()
        gc.freeze()  # the clients' own objects: else full collections pause the measuring
        print("READY", flush=True)
        line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        _, start, measure_from, end = line.split()
        start, self.measure_from, self.end = float(start), float(measure_from), float(end)
        self.measure_from_ns, self.end_ns = int(self.measure_from * 1e9), int(self.end * 1e9)
        senders = [asyncio.create_task(self.sender(c, s["index"], self.config["interval"], start))
                   for c, s in zip(clients, specs, strict=True) if s["sender"]]
        await asyncio.sleep(max(0.0, self.measure_from - time.time()))
        cpu_from = cpu_seconds()
        await asyncio.gather(*senders)
        await asyncio.sleep(max(0.0, self.end - time.time()))
        cpu_used = cpu_seconds() - cpu_from
        await asyncio.sleep(self.config.get("drain", 3))  # deliveries still in flight
        if self.tasks:
            await asyncio.wait(set(self.tasks), timeout=15)
        result = {"fanout_us": self.fanout_us, "first_us": self.first_us,
                  "ack_us": self.ack_us, "acked": self.acked,
                  "join_ms": self.join_ms, "errors": dict(self.errors),
                  "disconnects": self.disconnects, "clients": len(clients),
                  "cpu_pct": round(100 * cpu_used / (self.end - self.measure_from), 1)}
        with open(self.config["out"], "w") as out:
            json.dump(result, out)
        print("DONE", flush=True)
        try:
            await asyncio.wait_for(asyncio.gather(*(c.disconnect() for c in clients),
                                                  return_exceptions=True), timeout=5)
        except TimeoutError:
            pass


def main() -> None:
    with open(sys.argv[1]) as source:
        config = json.load(source)
    asyncio.run(Run(config).main())


if __name__ == "__main__":
    main()
