"""Kept so `reports.offload.run_cpu_bound` still imports: the helper is shared now
(password hashing uses it too) and lives in `review_app/offload.py`."""

from ..offload import run_cpu_bound

__all__ = ["run_cpu_bound"]
