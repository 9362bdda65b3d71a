"""Placeholder: the Word report at national scale (written with review_app/reports).

The benchmark of the Word report belongs to the report work, not here. It should build the
data set with `benchmarks.report_scale.build_national_dataset(database_url)`, time the
report builders of `review_app.reports` on it (the whole review period, all five stages),
and return its figures as a dict; `python -m benchmarks --only word-report` runs it and the
figures land in the results JSON under "word_report".
"""

from __future__ import annotations

from typing import Any


def run_word_report() -> dict[str, Any]:
    """Not written yet: returns a note saying so (see the module docstring)."""
    note = "not measured yet: the Word report benchmark is written with review_app/reports"
    print(note)
    return {"status": "not implemented", "note": note}
