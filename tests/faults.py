"""Faults a test (or a benchmark) can cause without touching anyone else's servers: a
private redis-server to kill and start again, and a TCP proxy in front of PostgreSQL that
can cut or hold every connection. No dependency on the test configuration, so that
benchmarks/recovery.py uses them too."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import threading
import time
from pathlib import Path

import sqlalchemy as sa


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
