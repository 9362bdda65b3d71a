"""What every benchmark shares: percentiles, throwaway PostgreSQL databases, server
processes started as `review-app serve --production`, and their memory and CPU from /proc."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get("BENCH_DATABASE_URL",
                           "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
SECRET = "bench-secret"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of unsorted values (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(samples_us: list[int]) -> dict[str, float | int | None]:
    """p50/p95/p99/max in milliseconds of samples in microseconds."""
    ordered = sorted(samples_us)

    def at(p: float) -> float | None:
        value = percentile(ordered, p)
        return None if value is None else round(value / 1000, 1)

    return {"count": len(ordered), "p50": at(50), "p95": at(95), "p99": at(99),
            "max": round(ordered[-1] / 1000, 1) if ordered else None}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def scratch_database(prefix: str = "bench") -> Iterator[str]:
    """A new PostgreSQL database for one benchmark, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(ADMIN_URL).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def proc_stats(pid: int) -> dict[str, float]:
    """Resident memory (now and peak, MiB) and CPU seconds used so far of one process."""
    stats: dict[str, float] = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                stats[key] = int(value.split()[0]) / 1024
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    stats["cpu_s"] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return {"rss_mib": round(stats["VmRSS"], 1), "peak_rss_mib": round(stats["VmHWM"], 1),
            "cpu_s": stats["cpu_s"]}


GC_PROBE = ROOT / "benchmarks" / "gcprobe"


def gc_probe_env(workdir: Path) -> dict[str, str]:
    """What makes a server process record its full garbage collections (gcprobe/)."""
    path = os.pathsep.join(filter(None, [str(GC_PROBE), os.environ.get("PYTHONPATH")]))
    return {"PYTHONPATH": path, "BENCH_GC_DIR": str(workdir)}


def full_collections(workdir: Path, pid: int, start: float, end: float) -> list[float]:
    """The lengths (ms) of one server's full collections between two wall-clock times."""
    path = workdir / f"gc-{pid}.json"
    if not path.exists():
        return []
    return [round(ms, 1) for at, ms in json.loads(path.read_text()) if start <= at < end]


def server_env(database_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "SOCKETIO_CHANNEL")}
    env.update({"DATABASE_URL": database_url, "SECRET_KEY": SECRET,
                "REVIEW_APP_INSTANCE": str(workdir / "instance"),
                "EXPORTS_DIR": str(workdir / "exports"), **extra})
    return env


class Server:
    """A server process on 127.0.0.1 that answers `probe` once it is up."""

    def __init__(self, args: list[str], env: dict[str, str], port: int, probe: str) -> None:
        self.args, self.env, self.port, self.probe = args, env, port, probe
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    @classmethod
    def app(cls, env: dict[str, str]) -> Server:
        """`review-app serve --production` (gevent; re-execs itself in the same pid)."""
        port = free_port()
        return cls([str(BIN / "review-app"), "serve", "--production", "--port", str(port)],
                   {**env, "BASE_URL": f"http://127.0.0.1:{port}"}, port, "/curricula/")

    @classmethod
    def bare(cls, workdir: Path) -> Server:
        """The bare python-socketio broadcast server (benchmarks/bare_server.py)."""
        port = free_port()
        return cls([sys.executable, "-m", "benchmarks.bare_server", str(port)],
                   {**os.environ, **gc_probe_env(workdir)}, port, "/health")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> Server:
        # stderr goes to a file: a full pipe would block the server mid-benchmark.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(self.args, env=self.env, cwd=ROOT,
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.stop()}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(self.url + self.probe, timeout=2).status_code == 200:
                    return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server {self.args} did not start within 40 s")

    def stop(self) -> str:
        """Stop it (SIGTERM, then SIGKILL); return what it wrote on stderr."""
        if self.process is None:
            return ""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.log.seek(0)
        errors = self.log.read().decode(errors="replace")
        self.log.close()
        self.process = None
        return errors


def cpu_ticks() -> tuple[int, int, int]:
    """The whole machine's (busy, stolen, total) CPU ticks so far, from /proc/stat. Stolen
    ticks are the hypervisor running other guests while this one had work: a 2-core VM can
    lose a third of its time that way, and every latency here with it."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, fields[7], sum(fields)


def machine_busy(before: tuple[int, int, int], after: tuple[int, int, int]
                 ) -> tuple[float, float]:
    """Shares of all the machine's CPUs busy (stolen included) and stolen between two
    cpu_ticks() readings, in percent."""
    busy, stolen, total = (a - b for a, b in zip(after, before, strict=True))
    return (round(100 * busy / total, 1), round(100 * stolen / total, 1)) if total else (0.0, 0.0)
