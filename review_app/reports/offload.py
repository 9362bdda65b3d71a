"""Kept for the report routes' import: the helpers live in review_app/offload.py now."""

from __future__ import annotations

from ..offload import run_cpu_bound, run_in_worker

__all__ = ["run_cpu_bound", "run_in_worker"]
