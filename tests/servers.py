"""Real server processes for browser and protocol tests, each on its own database."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests
import sqlalchemy as sa

from .conftest import TEST_DATABASE_URL

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def process_database(tmp_path: Path) -> Iterator[str]:
    """A database URL that server processes can share: a SQLite file, or a new PostgreSQL
    database dropped afterwards."""
    if not TEST_DATABASE_URL.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    name = f"rd_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT",
                             poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(TEST_DATABASE_URL).set(database=name).render_as_string(False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def cli(env: dict[str, str], *args: str, input: str | None = None) -> str:
    """Run a review-app command against the test database; return its standard output.

    `input` is fed to its standard input (a password for create-user, say)."""
    done = subprocess.run([str(BIN / "review-app"), *args], env=env, capture_output=True,
                          text=True, timeout=120, input=input)
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def server_env(database_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "e2e-secret",
           "REVIEW_APP_INSTANCE": str(tmp_path / "instance"),
           "EXPORTS_DIR": str(tmp_path / "exports"), **extra}
    env.pop("REDIS_URL", None) if "REDIS_URL" not in extra else None
    return env


class AppServer:
    """`review-app serve` as a child process on 127.0.0.1."""

    def __init__(self, env: dict[str, str], port: int | None = None,
                 production: bool = False) -> None:
        self.env, self.port = env, port or free_port()
        self.production = production
        self.process: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        args = [str(BIN / "review-app"), "serve", "--port", str(self.port)]
        # Its log goes to a file: a pipe nobody reads fills up (64 KiB) during a fault, when
        # every failed broadcast is logged, and then stops the whole server on a write.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(args + (["--production"] if self.production else []),
                                        env={**self.env, "BASE_URL": self.url},
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.output()}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(self.url + "/curricula/", timeout=2).status_code == 200:
                    return self
            time.sleep(0.1)
        raise RuntimeError("server did not start within 30 s")

    def output(self) -> str:
        """What the server logged so far (shown when a test fails)."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        if self.process:
            self.log.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process:
            self.log.close()


class PrivateRedis:
    """A `redis-server` of the test's own on 127.0.0.1, which the test may stop and start
    again on the same port (a Redis outage) without touching anyone else's Redis."""

    def __init__(self, tmp_path: Path) -> None:
        self.port, self.dir = free_port(), tmp_path
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> PrivateRedis:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(
                    ("127.0.0.1", self.port), timeout=0.5):
                return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start within 10 s")

    def stop(self) -> None:
        """SIGKILL, as in a crash: everything it held is gone."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


def wait_for(condition, seconds: float = 20.0) -> bool:
    """Poll until `condition()` holds (a wait for an event, not a timed assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


class FaultyProxy:
    """A TCP proxy of the test's own in front of a shared server (PostgreSQL), which can
    cut every connection and refuse new ones (the server stopped with `-m immediate`), or
    hold every byte (the server frozen), without touching the server itself."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream, self.port = upstream, free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.down = False
        self.flowing = threading.Event()
        self.flowing.set()
        self.lock = threading.Lock()
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, database_url: str) -> str:
        return (sa.make_url(database_url).set(host="127.0.0.1", port=self.port)
                .render_as_string(False))

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            if self.down:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.pairs.append((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Drop every connection and refuse new ones until restore()."""
        self.down = True
        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for end in pair:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def freeze(self) -> None:
        """Hold every byte in both directions (connections stay open) until restore()."""
        self.flowing.clear()

    def restore(self) -> None:
        self.down = False
        self.flowing.set()

    def close(self) -> None:
        self.cut()
        self.listener.close()
