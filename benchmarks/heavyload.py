"""A live participant's acks while the server builds Word documents and checks passwords.

One `review-app serve --production` process (gevent, PostgreSQL) and a live Review Day.
A participant (a python-socketio AsyncClient over WebSocket, in this process) sends changes
at a steady rate, one after another (propose, comment, vote in turn), and its ack latency is
measured: first with no other load, then while another process runs 8 clients that
download Word documents in a loop, signed in as a programme lead (the curriculum with
tracked changes, the Review Day report of the week and the public curriculum .docx, in
turn) and sends 10 wrong sign-ins a second; and with each half of that load alone. Each
round runs the four windows in turn, and each loaded/quiet ratio is taken within its round
(issue 15's target for the whole load: within 1.5x).

    python -m benchmarks --only heavyload [--quick] [--rounds R] [--duration S]
"""

from __future__ import annotations

import asyncio
import itertools
import json
import multiprocessing
import re
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import requests
import socketio

from review_app.auth.sessions import cookie_fields

from .common import Server, cpu_ticks, machine_busy, proc_stats, server_env, summary_ms
from .seed import change_payload

DOWNLOADERS, SIGN_INS_PER_S, RATE = 8, 10, 10.0
# Each round: no load, each half of the load alone, then the whole of it.
LOADS = ("quiet", "downloads", "sign-ins", "both")
SIGN_IN_EMAIL = "lead@example.org"


def seed(database_url: str) -> dict[str, Any]:
    """A live day with three stakeholders, and a programme lead with a signed-in cookie."""
    from review_app.auth.users import hash_password
    from review_app.extensions import db
    from review_app.models import User

    from .seed import bench_app, seed_live_day

    seeded = seed_live_day(database_url, 3)
    app = bench_app(database_url)
    with app.app_context():
        lead = User(email=SIGN_IN_EMAIL, name="Pat Lead", role="programme_lead",
                    password_hash=hash_password("the right password 42"))
        db.session.add(lead)
        db.session.commit()
        data = cookie_fields(lead)  # a signed-in session as the app keeps it
        seeded["lead_cookie"] = ("session="
                                 + app.session_interface.get_signing_serializer(app).dumps(data))
        db.session.remove()
        db.engine.dispose()
    return seeded


def download_urls() -> list[str]:
    monday = date.today() - timedelta(days=date.today().weekday())
    return [f"/reports/curriculum-tracked.docx?stage=stage-1&since={monday - timedelta(7)}",
            f"/reports/review-day-report.docx?from={monday}&to={monday + timedelta(6)}",
            "/curricula/stage-1.docx"]


def _download_loop(base: str, cookie: str, offset: int, stop, out: list) -> None:
    http = requests.Session()
    http.headers["Cookie"] = cookie
    urls = download_urls()
    for n in itertools.count(offset):
        if stop.is_set():
            return
        url = urls[n % len(urls)]
        started = time.perf_counter()
        response = http.get(base + url, timeout=120)
        kind = url.split("?")[0].rsplit("/", 1)[1]
        out.append((kind, response.status_code, time.perf_counter() - started,
                    len(response.content)))


def _csrf_session(base: str) -> tuple[requests.Session, str]:
    http = requests.Session()
    page = http.get(base + "/sign-in", timeout=30).text
    return http, re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def _sign_in_loop(base: str, stop, out: list) -> None:
    """SIGN_INS_PER_S wrong passwords a second at fixed times, each from its own
    connection, whatever the time each answer takes."""
    http, token = _csrf_session(base)
    cookies = http.cookies.get_dict()

    def attempt(n: int) -> None:
        started = time.perf_counter()
        response = requests.post(base + "/sign-in", cookies=cookies, timeout=60,
                                 data={"csrf_token": token, "email": SIGN_IN_EMAIL,
                                       "password": f"wrong password {n}"},
                                 allow_redirects=False)
        out.append((response.status_code, time.perf_counter() - started))

    with ThreadPoolExecutor(32) as pool:
        due = time.monotonic()
        for n in itertools.count():
            if stop.is_set():
                return
            pool.submit(attempt, n)
            due += 1 / SIGN_INS_PER_S
            time.sleep(max(0.0, due - time.monotonic()))


def run_load(base: str, cookie: str, load: str, stop, results) -> None:
    """The window's other clients (downloads, sign-ins or both), in a process of their own:
    the participant's measurement in this one must not wait for their threads."""
    downloads: list = []
    sign_ins: list = []
    threads = []
    if load in ("downloads", "both"):
        threads += [threading.Thread(target=_download_loop,
                                     args=(base, cookie, n, stop, downloads))
                    for n in range(DOWNLOADERS)]
    if load in ("sign-ins", "both"):
        threads.append(threading.Thread(target=_sign_in_loop, args=(base, stop, sign_ins)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    results.put({"downloads": downloads, "sign_ins": sign_ins})


async def participant(base: str, seeded: dict[str, Any], windows: list[tuple[str, float,
                                                                             float]]
                      ) -> dict[str, list[int]]:
    """Send changes at RATE a second from the first window's start to the last one's end;
    return each window's ack latencies (microseconds) and refusals."""
    client = socketio.AsyncClient(reconnection=False)
    await client.connect(base, headers={"Cookie": seeded["stakeholders"][0]["cookie"]},
                         transports=["websocket"], wait_timeout=30)
    ack = await client.call("join", {"review_day_id": seeded["review_day_id"]}, timeout=30)
    assert ack.get("ok"), ack
    acks: dict[str, list[int]] = {name: [] for name, _, _ in windows}
    errors: dict[str, list[str]] = {name: [] for name, _, _ in windows}
    due = windows[0][1]
    for n in itertools.count():
        await asyncio.sleep(max(0.0, due - time.time()))
        now = time.time()
        if now >= windows[-1][2]:
            break
        event, payload = change_payload(seeded, n)
        started = time.perf_counter_ns()
        try:
            ack = await client.call(event, {**payload, "op_id": f"heavy-{time.time_ns()}-{n}"},
                                    timeout=30)
        except socketio.exceptions.TimeoutError:
            ack = {"ok": False, "error": {"code": "timeout"}}
        took = (time.perf_counter_ns() - started) // 1000
        for name, start, end in windows:
            if start <= now < end:
                (acks if ack.get("ok") else errors)[name].append(
                    took if ack.get("ok") else ack["error"]["code"])
        due += 1 / RATE
    await client.disconnect()
    return {"acks": acks, "errors": errors}


def _window(server: Server, base: str, seeded: dict[str, Any], loaded: str, warmup: float,
            duration: float) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    stop, results = context.Event(), context.Queue()
    load = None
    if loaded != "quiet":
        load = context.Process(target=run_load, args=(base, seeded["lead_cookie"], loaded,
                                                      stop, results))
        load.start()
    start = time.time() + warmup
    windows = [("window", start, start + duration)]
    before, ticks = {}, None

    async def measure() -> dict[str, Any]:
        nonlocal before, ticks
        task = asyncio.create_task(participant(base, seeded, [("warm", time.time() + 0.5,
                                                                start)] + windows))
        await asyncio.sleep(max(0.0, start - time.time()))
        before, ticks = proc_stats(server.pid), cpu_ticks()
        return await task

    measured = asyncio.run(measure())
    after = proc_stats(server.pid)
    busy, stolen = machine_busy(ticks, cpu_ticks())
    load_result = {"downloads": [], "sign_ins": []}
    if load is not None:
        stop.set()
        load_result = results.get(timeout=200)
        load.join(30)
    elapsed = warmup + duration + 0.5
    downloads: dict[str, dict[str, Any]] = {}
    for kind, status, took, _size in load_result["downloads"]:
        row = downloads.setdefault(kind, {"count": 0, "statuses": {}, "seconds": []})
        row["count"] += 1
        row["statuses"][str(status)] = row["statuses"].get(str(status), 0) + 1
        row["seconds"].append(took)
    for row in downloads.values():
        row["per_s"] = round(row["count"] / elapsed, 2)
        row["median_s"] = round(statistics.median(row.pop("seconds")), 2)
    statuses: dict[str, int] = {}
    for status, _took in load_result["sign_ins"]:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {"loaded": loaded, "ack_ms": summary_ms(measured["acks"]["window"]),
            "refused": measured["errors"]["window"], "downloads": downloads,
            "sign_ins": {"count": len(load_result["sign_ins"]), "statuses": statuses,
                         "median_s": round(statistics.median(
                             [t for _, t in load_result["sign_ins"]]), 2)
                         if load_result["sign_ins"] else None},
            "server_cpu_pct": round(100 * (after["cpu_s"] - before["cpu_s"]) / duration, 1),
            "server_rss_mib": after["rss_mib"],
            "machine_busy_pct": busy, "machine_steal_pct": stolen}


def run_heavyload(database_url: str, rounds: int, warmup: float, duration: float
                  ) -> dict[str, Any]:
    seeded = seed(database_url)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        # One participant sends ten changes a second: past the per-participant limit, which
        # is not what is measured here.
        limits = json.dumps({"change": [1000, 100000], "max_open_proposals": 1000000})
        server = Server.app(server_env(database_url, Path(tmp), LIVE_LIMITS=limits)).start()
        try:
            for round_ in range(1, rounds + 1):
                for loaded in LOADS:
                    row = {"round": round_, **_window(server, server.url, seeded, loaded,
                                                      warmup, duration)}
                    rows.append(row)
                    print_row(row, header=len(rows) == 1)
        finally:
            log = server.stop()
    ratios: dict[str, list[dict[str, float]]] = {load: [] for load in LOADS[1:]}
    for round_ in range(1, rounds + 1):
        found = {r["loaded"]: r["ack_ms"] for r in rows if r["round"] == round_}
        for load in LOADS[1:]:
            ratios[load].append({p: round((found[load][p] or 0) / found["quiet"][p], 2)
                                 for p in ("p50", "p99")})
    summary = {load: {p: round(statistics.median(r[p] for r in each), 2)
                      for p in ("p50", "p99")} for load, each in ratios.items()}
    for load, each in ratios.items():
        print(f"{load}/quiet ack, median of {rounds} round(s): p50 x{summary[load]['p50']}, "
              f"p99 x{summary[load]['p99']} (by round: "
              + ", ".join(f"x{r['p50']} / x{r['p99']}" for r in each) + ")")
    errors = [line for line in log.splitlines() if "Traceback" in line or "Error" in line]
    return {"rows": rows, "ratios": ratios, "ratio_median": summary,
            "server_errors": errors[:5], "rate_per_s": RATE, "downloaders": DOWNLOADERS,
            "wrong_sign_ins_per_s": SIGN_INS_PER_S}


def print_row(row: dict[str, Any], header: bool) -> None:
    if header:
        print(f"{'round':>5} {'load':>9} | {'ack p50':>7}{'p95':>7}{'p99':>7}{'max':>8}{'n':>5}"
              f" | {'docs/s':>6} {'doc med s':>9} | {'sign-ins':>8} {'med s':>6} |"
              f" {'CPU%':>5} {'busy%':>5} {'steal%':>6}")
    a = {k: (v if v is not None else "-") for k, v in row["ack_ms"].items()}
    docs = sum(d["per_s"] for d in row["downloads"].values())
    medians = [d["median_s"] for d in row["downloads"].values()]
    print(f"{row['round']:>5} {row['loaded']:>9} | {a['p50']:>7}"
          f"{a['p95']:>7}{a['p99']:>7}{a['max']:>8}{a['count']:>5} | {docs:>6.2f}"
          f" {max(medians, default=0):>9} | {row['sign_ins']['count']:>8}"
          f" {row['sign_ins']['median_s'] or 0:>6} | {row['server_cpu_pct']:>5}"
          f" {row['machine_busy_pct']:>5} {row['machine_steal_pct']:>6}"
          + (f"  refused {len(row['refused'])}" if row["refused"] else ""), flush=True)
