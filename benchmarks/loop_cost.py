"""What one Word download and one wrong sign-in cost the server's event loop, in CPU.

Wall-clock figures (heavyload.py) move with whatever else the shared machine runs; CPU time
charged to a thread does not, or much less. On one `review-app serve --production` process
(gevent, PostgreSQL, the heavyload data), each kind of request is sent one after another,
N times after a few to warm up, and the kernel's count of CPU nanoseconds
(`/proc/<pid>/task/<tid>/schedstat`) is read before and after, per request:

- **loop**: the server's main thread, where gevent's hub and every greenlet run: what a live
  participant's ack waits behind;
- **threads**: the server's other threads (the password-hashing thread);
- **workers**: the document worker processes (children of the server);
- **database**: the PostgreSQL backends serving the server's and its workers' connections
  (they run at the same priority as the loop, whoever asked).

    python -m benchmarks --only loop-cost [--quick]
"""

from __future__ import annotations

import itertools
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa

from .common import Server, server_env
from .heavyload import SIGN_IN_EMAIL, download_urls, seed

WARM = 3
THROTTLED_AFTER = 5  # SIGN_IN_FAILURES_PER_ACCOUNT


def _thread_ns(pid: int, tid: int) -> int:
    try:
        with open(f"/proc/{pid}/task/{tid}/schedstat") as stat:
            return int(stat.read().split()[0])
    except (FileNotFoundError, ProcessLookupError):
        return 0  # a thread that ended (its time is lost; the pools here do not end)


def _children(pid: int) -> list[int]:
    found = []
    for tid in Path(f"/proc/{pid}/task").iterdir():
        with open(tid / "children") as children:
            found += [int(c) for c in children.read().split()]
    return found


def _backends(database_url: str) -> list[int]:
    """The PostgreSQL backends serving the benchmark's database (the server's and its
    workers' pooled connections), not this query's own."""
    engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        pids = list(connection.scalars(sa.text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()")))
    engine.dispose()
    return pids


def cpu_ns(pid: int, database_url: str) -> dict[str, int]:
    """CPU nanoseconds so far of the server's main thread, its other threads, its child
    processes (every thread of each) and the database's backends for them."""
    tids = [int(t.name) for t in Path(f"/proc/{pid}/task").iterdir()]
    loop = _thread_ns(pid, pid)
    others = sum(_thread_ns(pid, t) for t in tids if t != pid)
    workers = sum(_thread_ns(child, int(t.name)) for child in _children(pid)
                  for t in Path(f"/proc/{child}/task").iterdir())
    database = sum(_thread_ns(backend, backend) for backend in _backends(database_url))
    return {"loop": loop, "threads": others, "workers": workers, "database": database}


def _sign_in(base: str, hashed: bool) -> Callable[[int], requests.Response]:
    """A wrong sign-in, as heavyload sends them (a new connection each): either to the lead's
    account from one address, throttled after a few, or (`hashed`) to an unknown account from
    a new address each time (through the trusted proxy), so each one's password is checked."""
    http = requests.Session()
    page = http.get(base + "/sign-in", timeout=30).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    cookies = http.cookies.get_dict()

    def send(n: int) -> requests.Response:
        email, headers = SIGN_IN_EMAIL, {}
        if hashed:
            email = f"nobody-{n}@example.org"
            headers["X-Forwarded-For"] = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        return requests.post(base + "/sign-in", cookies=cookies, headers=headers, timeout=60,
                             allow_redirects=False,
                             data={"csrf_token": token, "email": email,
                                   "password": f"wrong password {n}"})

    return send


def _download(base: str, url: str, cookie: str | None) -> Callable[[int], requests.Response]:
    def send(_n: int) -> requests.Response:
        # A new connection each, as a browser's download would often be.
        return requests.get(base + url, headers={"Cookie": cookie} if cookie else {},
                            timeout=120)

    return send


def measure(pid: int, database_url: str, send: Callable[[int], requests.Response],
            count: int, counter: itertools.count, warm: int = WARM) -> dict[str, Any]:
    for _ in range(warm):
        send(next(counter))
    statuses: dict[str, int] = {}
    walls = []
    before = cpu_ns(pid, database_url)
    for _ in range(count):
        started = time.perf_counter()
        response = send(next(counter))
        walls.append(time.perf_counter() - started)
        statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
    after = cpu_ns(pid, database_url)
    # max(0): a thread that ended in between takes its count with it.
    per = {k: round(max(0, after[k] - before[k]) / count / 1e6, 2) for k in before}
    return {"count": count, "statuses": statuses, "cpu_ms": per,
            "wall_ms_median": round(1000 * statistics.median(walls), 1)}


def run_loop_cost(database_url: str, count: int) -> dict[str, Any]:
    seeded = seed(database_url)
    cookie = seeded["lead_cookie"]
    tracked, report, public = download_urls()
    rows: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        server = Server.app(server_env(database_url, Path(tmp), TRUSTED_PROXIES="1")).start()
        try:
            base, counter = server.url, itertools.count()
            kinds = {
                "public .docx, anonymous": _download(base, public, None),
                "public .docx, signed in": _download(base, public, cookie),
                "tracked .docx": _download(base, tracked, cookie),
                "report .docx": _download(base, report, cookie),
                "wrong sign-in, throttled": _sign_in(base, hashed=False),
                "wrong sign-in, hashed": _sign_in(base, hashed=True),
            }
            for name, send in kinds.items():
                # The throttled sign-ins start once the account's allowance is spent.
                warm = THROTTLED_AFTER + 1 if name.endswith("throttled") else WARM
                rows[name] = measure(server.pid, database_url, send, count, counter, warm)
                print_row(name, rows[name], header=len(rows) == 1)
        finally:
            log = server.stop()
    errors = [line for line in log.splitlines() if "Traceback" in line or "Error" in line]
    return {"kinds": rows, "server_errors": errors[:5]}


def print_row(name: str, row: dict[str, Any], header: bool) -> None:
    if header:
        print(f"{'request':<26} {'n':>4} | {'loop ms':>8} {'threads':>8} {'workers':>8}"
              f" {'database':>8} |"
              f" {'wall ms':>8} | statuses")
    cpu = row["cpu_ms"]
    print(f"{name:<26} {row['count']:>4} | {cpu['loop']:>8} {cpu['threads']:>8}"
          f" {cpu['workers']:>8} {cpu['database']:>8} | {row['wall_ms_median']:>8}"
          f" | {row['statuses']}", flush=True)
