"""The curriculum quality checks over all five stages at national scale (the Stage 1
sample copied under every stage key, as report_scale.py does), through the same service
as `review-app check-curriculum` and the pages.

    python -m benchmarks --only quality

"Cold" is the first check in a process: it includes loading the en-GB dictionary (spylls,
about a second) and the verb list. "Warm" is every later check in the same server process.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from review_app.cli import upgrade_database
from review_app.curriculum.sources import read_curriculum_file
from review_app.curriculum.store import save_curriculum
from review_app.extensions import db
from review_app.models import STAGES
from review_app.quality.service import Summary, check_curriculum

from .seed import bench_app

ROOT = Path(__file__).resolve().parent.parent


def run_quality(rounds: int = 5) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        app = bench_app(f"sqlite:///{folder}/quality.sqlite3")
        with app.app_context():
            upgrade_database()
            for stage in STAGES:
                doc = read_curriculum_file(ROOT / "curricula" / "stage-1.yaml")
                doc.stage = stage
                save_curriculum(db.session, doc, source="benchmark copy")
            db.session.commit()
            timings = []
            for _ in range(rounds + 1):
                db.session.expire_all()  # load the curricula from the database each time
                started = time.perf_counter()
                findings = check_curriculum(db.session)
                timings.append(time.perf_counter() - started)
            db.session.remove()
            db.engine.dispose()
    summary = Summary.of(findings)
    result = {"stages": len(STAGES), "findings": summary.total,
              "by_rule": dict(summary.by_rule), "cold_s": round(timings[0], 3),
              "warm_median_s": round(statistics.median(timings[1:]), 3),
              "warm_max_s": round(max(timings[1:]), 3)}
    print(f"{result['stages']} stages, {result['findings']:,} findings {result['by_rule']}: "
          f"cold {result['cold_s']} s (dictionary load included), warm median "
          f"{result['warm_median_s']} s, max {result['warm_max_s']} s")
    return result
