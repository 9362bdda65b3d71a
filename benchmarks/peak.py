"""Run `review-app` in this process and write its peak resident memory (VmHWM, MiB) to the
file named by $BENCH_PEAK_FILE when it exits.

    python -m benchmarks.peak report --from … --to … --out …

Why not the parent's `wait4` rusage: a child forked from a large process (the benchmark,
holding the data set it built and the report it re-opened) starts with the parent's pages
resident, and Linux carries that high-water mark across exec into `ru_maxrss`. VmHWM read
inside the process after exec is the command's own."""

from __future__ import annotations

import atexit
import os
import sys


def _write_peak() -> None:
    with open("/proc/self/status") as status:
        peak_kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(str(round(peak_kib / 1024, 1)))


if __name__ == "__main__":
    atexit.register(_write_peak)
    from review_app.cli import main

    sys.argv = ["review-app", *sys.argv[1:]]
    main()
