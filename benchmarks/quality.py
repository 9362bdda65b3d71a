"""The curriculum quality checks over all five stages at national scale (the Stage 1
sample copied under every stage key, as report_scale.py does), through the same service
as `review-app check-curriculum` and the pages.

    python -m benchmarks --only quality

"First" is the very first check on a machine: it reads the en-GB dictionary's files (spylls,
1.5-3 s) and writes their compact cache (review_app/quality/dictionary.py). "Cold" is the
first check of any later process: it loads that cache. "Warm" is every later check in the
same server process. Each is measured on curricula freshly loaded from the database.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from review_app.cli import upgrade_database
from review_app.curriculum.sources import read_curriculum_file
from review_app.curriculum.store import save_curriculum
from review_app.extensions import db
from review_app.models import STAGES
from review_app.quality.findings import StageData
from review_app.quality.service import Summary, check_curriculum, check_stages, load_stages
from review_app.quality.spelling import release_speller

from .seed import bench_app

ROOT = Path(__file__).resolve().parent.parent


def run_quality(rounds: int = 5) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        app = bench_app(f"sqlite:///{folder}/quality.sqlite3",
                        QUALITY_CACHE_DIR=f"{folder}/cache")
        with app.app_context():
            upgrade_database()
            for stage in STAGES:
                doc = read_curriculum_file(ROOT / "curricula" / "stage-1.yaml")
                doc.stage = stage
                save_curriculum(db.session, doc, source="benchmark copy")
            db.session.commit()
            timings = []
            for n in range(rounds + 2):
                if n <= 1:  # 0: as if never read; 1: as a new process finds it, cached
                    release_speller()
                db.session.expire_all()  # load the curricula from the database each time
                started = time.perf_counter()
                findings = check_curriculum(db.session)
                timings.append(time.perf_counter() - started)
            distinct, distinct_findings = distinct_timings(load_stages(db.session), rounds)
            db.session.remove()
            db.engine.dispose()
    summary = Summary.of(findings)
    result = {"stages": len(STAGES), "findings": summary.total,
              "by_rule": dict(summary.by_rule), "first_s": round(timings[0], 3),
              "cold_s": round(timings[1], 3),
              "warm_median_s": round(statistics.median(timings[2:]), 3),
              "warm_max_s": round(max(timings[2:]), 3),
              "distinct_warm_median_s": round(statistics.median(distinct), 3),
              "distinct_findings": len(distinct_findings)}
    print(f"{result['stages']} stages, {result['findings']:,} findings {result['by_rule']}: "
          f"first {result['first_s']} s (dictionary read and cached), cold {result['cold_s']} s "
          f"(cache loaded), warm median {result['warm_median_s']} s, max "
          f"{result['warm_max_s']} s; with no text repeated across stages: warm median "
          f"{result['distinct_warm_median_s']} s ({result['distinct_findings']:,} findings)")
    return result


def distinct_timings(stages: list[StageData], rounds: int) -> tuple[list[float], list]:
    """Warm checks of the same stages with every text made different in each stage (a word
    added), so that no comparison is saved by identical texts: the copies still pair up as
    near-duplicates, as five real stages written apart would not."""
    changed = [replace(stage, competencies=tuple(
        replace(comp, items=tuple(replace(item, text=f"{item.text} {stage.stage}")
                                  for item in comp.items))
        for comp in stage.competencies)) for stage in stages]
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        findings = check_stages(changed)
        timings.append(time.perf_counter() - started)
    return timings, findings
