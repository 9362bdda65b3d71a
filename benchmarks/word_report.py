"""The Word outputs at national scale: the Review Day report for the whole review period
(five stages, nine Review Days, 5,000 proposals, 20,000 votes, 10,000 comments) and the
revised curriculum with tracked changes, each timed as the CLI a programme lead runs, in its
own process, with that process's peak memory (VmHWM, benchmarks/peak.py). On PostgreSQL,
then the report once more on SQLite; and once, the report laid out by LibreOffice with its
contents' page numbers and PDF (`report --pdf`: LibreOffice's own memory is not in the peak,
which is the Python process's)."""

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


def _median_of(runs: int, args: list[str], env: dict[str, str], workdir: Path
               ) -> dict[str, Any]:
    """`runs` runs of one command: the median's figures, every run's time, the highest peak."""
    done = sorted((_timed(args, env, workdir) for _ in range(runs)), key=lambda r: r["seconds"])
    return {**done[len(done) // 2], "runs_s": [r["seconds"] for r in done],
            "peak_mib": max(r["peak_mib"] for r in done)}


def _sqlite_report(runs: int, first, last) -> dict[str, Any]:
    """The same data set and report on SQLite (the laptop's database)."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/national.sqlite3"
        build_national_dataset(url)
        return _median_of(runs, ["report", "--from", first.isoformat(), "--to",
                                 last.isoformat(), "--out", str(Path(tmp) / "report.docx")],
                          server_env(url, Path(tmp)), Path(tmp))


def run_word_report(runs: int = 3) -> dict[str, Any]:
    with scratch_database("report") as url, tempfile.TemporaryDirectory() as tmp:
        dataset = build_national_dataset(url)
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with engine.connect() as connection:
            first, last = connection.execute(sa.text(
                "SELECT min(date), max(date) FROM review_day")).one()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            # A database in use has its planner statistics; a freshly loaded one gets them
            # whenever autovacuum comes round, which was once in the middle of a report run
            # (10.5 s against 5.8 and 6.5 s).
            connection.execute(sa.text("ANALYZE"))
        engine.dispose()
        env = server_env(url, Path(tmp))
        report = Path(tmp) / "report.docx"
        figures = {"dataset": dataset["counts"], "dataset_build_s": dataset["timings"]["total_s"]}
        figures["report"] = _median_of(runs, ["report", "--from", first.isoformat(), "--to",
                                              last.isoformat(), "--out", str(report)],
                                       env, Path(tmp))
        figures["report"]["size_mib"] = round(report.stat().st_size / 2**20, 1)
        figures["report"]["tables"] = len(docx.Document(str(report)).tables)
        tracked = Path(tmp) / "stage-1-tracked.docx"
        figures["tracked_export"] = _median_of(runs,
            ["export-curriculum", "--stage", "stage-1", "--tracked-since", first.isoformat(),
             "--out", str(tracked)], env, Path(tmp))
        xml = docx.Document(str(tracked)).element.xml
        figures["tracked_export"]["insertions"] = xml.count("<w:ins ")
        figures["tracked_export"]["deletions"] = xml.count("<w:del ")
        period = ["report", "--from", first.isoformat(), "--to", last.isoformat()]
        figures["report_pdf"] = _timed([*period, "--out", str(Path(tmp) / "paged.docx"),
                                        "--pdf"], env, Path(tmp))
    figures["report_sqlite"] = _sqlite_report(runs, first, last)
    r, t = figures["report"], figures["tracked_export"]
    print(f"report for {first} to {last}: {r['seconds']} s (median of {r['runs_s']} s), peak "
          f"{r['peak_mib']} MiB, {r['size_mib']} MiB, {r['tables']} tables")
    q, pdf = figures["report_sqlite"], figures["report_pdf"]
    print(f"the same report on SQLite: {q['seconds']} s (median of {q['runs_s']} s), peak "
          f"{q['peak_mib']} MiB")
    print(f"report --pdf (LibreOffice's layout, page numbers, PDF/A): {pdf['seconds']} s, "
          f"{pdf['output']}")
    print(f"tracked-changes export (Stage 1): {t['seconds']} s (median of {t['runs_s']} s), "
          f"peak {t['peak_mib']} MiB, {t['insertions']} insertions, {t['deletions']} deletions")
    return figures
