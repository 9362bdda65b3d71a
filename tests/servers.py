"""Real server processes for browser and protocol tests, each on its own database."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests
import sqlalchemy as sa

from .conftest import TEST_DATABASE_URL
from .faults import FaultyProxy, PrivateRedis, free_port  # noqa: F401  (for the tests)

BIN = Path(sys.executable).parent


@contextlib.contextmanager
def process_database(tmp_path: Path, template_url: str | None = None) -> Iterator[str]:
    """A database URL that server processes can share: a SQLite file, or a new PostgreSQL
    database dropped afterwards; a copy of `template_url` when given (a migrated database
    with the samples, made once a session: `init-db` and `load-samples` cost 7 s a test)."""
    if not TEST_DATABASE_URL.startswith("postgresql"):
        target = tmp_path / "server.sqlite3"
        if template_url:
            source = sa.make_url(template_url).database
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{source}{suffix}").exists():
                    shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
        yield f"sqlite:///{target}"
        return
    name = f"rd_{uuid.uuid4().hex[:12]}"
    template = f' TEMPLATE "{sa.make_url(template_url).database}"' if template_url else ""
    admin = sa.create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT",
                             poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"{template}'))
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


def wait_for(condition, seconds: float = 20.0) -> bool:
    """Poll until `condition()` holds (a wait for an event, not a timed assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())
