"""Kept for the report routes' import: the helper lives in review_app/offload.py now."""

from __future__ import annotations

from ..offload import in_app_context, run_cpu_bound

__all__ = ["in_app_context", "run_cpu_bound"]
