"""Loaded into benchmark servers (PYTHONPATH): records every full garbage collection's time
and length to $BENCH_GC_DIR/gc-<pid>.json, so the fan-out table can say how long the
process stood still in the measured window. Not part of the app."""

import gc
import json
import os
import time

_out = os.path.join(os.environ["BENCH_GC_DIR"], f"gc-{os.getpid()}.json")
_full: list[list[float]] = []
_started = [0.0]


def _record(phase: str, info: dict) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    if info["generation"] == 2:  # rare: write each one as it happens
        _full.append([time.time(), (time.perf_counter() - _started[0]) * 1000])
        with open(_out, "w") as out:
            json.dump(_full, out)


if os.environ.get("BENCH_GC_DIR"):
    gc.callbacks.append(_record)
