"""Measure the Review Day report builder at national scale (not a test: it prints timings).

    .venv/bin/python scripts/bench_report.py [WEEKS] [PROPOSALS_PER_DAY]

Defaults: 8 weeks of 625 proposals (5,000) on the Stage 1 sample, in an in-memory SQLite.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_app import create_app  # noqa: E402
from review_app.curriculum.sources import import_curriculum_file  # noqa: E402
from review_app.extensions import db  # noqa: E402
from review_app.reports.builder import render_report, report_bytes  # noqa: E402
from review_app.reports.loading import load_report_data  # noqa: E402
from tests.reports.factories import build_review_period  # noqa: E402


def main(weeks: int = 8, per_day: int = 625) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():
        db.create_all()
        curriculum = import_curriculum_file(db.session, ROOT / "curricula" / "stage-1.yaml")
        build_review_period(db.session, curriculum.curriculum, weeks=weeks,
                            proposals_per_day=per_day)
        db.session.commit()
        db.session.expire_all()
        started = time.perf_counter()
        data = load_report_data(db.session, date(2025, 7, 1), date(2025, 8, 31))
        loaded = time.perf_counter()
        document = render_report(data)
        rendered = time.perf_counter()
        size = len(report_bytes(document))
        saved = time.perf_counter()
        print(f"{len(data.proposals)} proposals, {len(data.changes)} changes: "
              f"load {loaded - started:.1f} s, lay out {rendered - loaded:.1f} s, "
              f"save {saved - rendered:.1f} s, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
