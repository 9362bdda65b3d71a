"""The Word outputs at national scale: the Review Day report for the whole review period
(five stages, nine Review Days, 5,000 proposals, 20,000 votes, 10,000 comments) and the
revised curriculum with tracked changes, each timed as the CLI a programme lead runs, in its
own process, with that process's peak memory (VmHWM, benchmarks/peak.py)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import docx
import sqlalchemy as sa

from .common import ROOT, scratch_database, server_env
from .report_scale import build_national_dataset


def _timed(args: list[str], env: dict[str, str], workdir: Path) -> dict[str, Any]:
    """Run one `review-app` command in its own process: its wall time and peak resident
    memory (MiB, from the process itself: benchmarks/peak.py)."""
    peak = workdir / "peak.txt"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.peak", *args],
                          env={**env, "BENCH_PEAK_FILE": str(peak)}, cwd=ROOT,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"review-app {' '.join(args)} failed: {done.stderr[-2000:]}")
    return {"seconds": round(elapsed, 2), "peak_mib": float(peak.read_text()),
            "output": done.stdout.strip()}


def run_word_report() -> dict[str, Any]:
    with scratch_database("report") as url, tempfile.TemporaryDirectory() as tmp:
        dataset = build_national_dataset(url)
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with engine.connect() as connection:
            first, last = connection.execute(sa.text(
                "SELECT min(date), max(date) FROM review_day")).one()
        engine.dispose()
        env = server_env(url, Path(tmp))
        report = Path(tmp) / "report.docx"
        figures = {"dataset": dataset["counts"], "dataset_build_s": dataset["timings"]["total_s"]}
        figures["report"] = _timed(["report", "--from", first.isoformat(), "--to",
                                    last.isoformat(), "--out", str(report)], env, Path(tmp))
        figures["report"]["size_mib"] = round(report.stat().st_size / 2**20, 1)
        figures["report"]["tables"] = len(docx.Document(str(report)).tables)
        tracked = Path(tmp) / "stage-1-tracked.docx"
        figures["tracked_export"] = _timed(
            ["export-curriculum", "--stage", "stage-1", "--tracked-since", first.isoformat(),
             "--out", str(tracked)], env, Path(tmp))
        xml = docx.Document(str(tracked)).element.xml
        figures["tracked_export"]["insertions"] = xml.count("<w:ins ")
        figures["tracked_export"]["deletions"] = xml.count("<w:del ")
    r, t = figures["report"], figures["tracked_export"]
    print(f"report for {first} to {last}: {r['seconds']} s, peak {r['peak_mib']} MiB, "
          f"{r['size_mib']} MiB, {r['tables']} tables")
    print(f"tracked-changes export (Stage 1): {t['seconds']} s, peak {t['peak_mib']} MiB, "
          f"{t['insertions']} insertions, {t['deletions']} deletions")
    return figures
