"""Worker processes that build Word documents for a gevent server.

Measured with `python -m benchmarks --only heavyload`: building documents in gevent's
thread pool kept the loop turning, but every time the event loop gave up the GIL (each
socket call and each database round trip does) a building thread took it, and the loop
waited a switch interval to get it back, so a live participant's ack went from 10 to 16-42
ms while 8 people downloaded. In a process of its own the build has its own GIL, and at
a lower priority it only takes CPU the server does not need.

The server keeps `WORKER_PROCESSES` workers (started on first use), each running one job
at a time; callers wait for a free one without blocking the loop. A worker that dies or
does not answer within `WORKER_TIMEOUT_SECONDS` is killed and replaced on the next job.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import Any

import gevent
from gevent import subprocess
from gevent.lock import BoundedSemaphore
from gevent.queue import LifoQueue

from .worker import read_message, send_message


class WorkerFailed(RuntimeError):
    """A worker process died or did not answer in time."""


class WorkerTimedOut(WorkerFailed):
    """A worker did not answer in time (it is killed; the job is not tried again)."""


def _config_for_worker(config: dict[str, Any]) -> dict[str, Any]:
    """The server's configuration, as far as it can cross a pipe; no message queue (a
    worker never emits to sockets)."""
    kept = {}
    for key, value in config.items():
        try:
            pickle.dumps(value)
        except Exception:  # noqa: BLE001  (a value that cannot cross: the worker's default)
            continue
        kept[key] = value
    return {**kept, "REDIS_URL": None}


class Worker:
    def __init__(self, config: dict[str, Any]) -> None:
        env = {k: v for k, v in os.environ.items() if k != "REVIEW_APP_GEVENT"}
        self.process = subprocess.Popen([sys.executable, "-m", "review_app.worker"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        send_message(self.process.stdin, config)
        self.pid = self._reply(timeout=120)[1]

    def _reply(self, timeout: float) -> Any:
        late = WorkerTimedOut(f"the document worker did not answer within {timeout} s")
        try:
            with gevent.Timeout(timeout, late):
                return read_message(self.process.stdout)
        except WorkerTimedOut:
            self.stop()
            raise
        except (EOFError, OSError) as error:
            self.stop()
            raise WorkerFailed(f"the document worker failed: {error}") from error

    def run(self, function_path: str, args: tuple, timeout: float) -> Any:
        try:
            send_message(self.process.stdin, (function_path, args))
        except OSError as error:
            self.stop()
            raise WorkerFailed(f"document worker failed: {error}") from error
        status, value = self._reply(timeout)
        if status == "error":
            raise value
        return value

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class WorkerPool:
    def __init__(self, config: dict[str, Any], size: int, timeout: float) -> None:
        self.config, self.timeout = _config_for_worker(config), timeout
        self._free: LifoQueue = LifoQueue()
        self._slots = BoundedSemaphore(size)

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)` in a worker: a module-level function whose arguments and result
        can be pickled; its exceptions are raised here."""
        path = f"{function.__module__}.{function.__qualname__}"
        with self._slots:
            worker = self._free.get_nowait() if self._free.qsize() else None
            if worker is not None and worker.alive:
                try:
                    return self._on(worker, path, args)
                except WorkerTimedOut:
                    raise
                except WorkerFailed:
                    pass  # it died while idle (or on this job): once more, on a new one
            return self._on(Worker(self.config), path, args)

    def _on(self, worker: Worker, path: str, args: tuple) -> Any:
        try:
            return worker.run(path, args, self.timeout)
        finally:
            if worker.alive:  # a job's own exception leaves the worker fine
                self._free.put(worker)

    def stop(self) -> None:
        while self._free.qsize():
            self._free.get_nowait().stop()
