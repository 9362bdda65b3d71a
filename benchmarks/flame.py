"""Sum up py-spy's collapsed stacks (`-f raw`): the functions with the most samples, by own
time and by time including what they call.

    python -m benchmarks.flame PROFILE.txt [--top 30] [--filter review_app]
"""

from __future__ import annotations

import argparse
from collections import Counter


def summarise(path: str, top: int, only: str | None) -> str:
    own: Counter[str] = Counter()
    total: Counter[str] = Counter()
    samples = 0
    with open(path) as source:
        for line in source:
            stack, _, count = line.rstrip().rpartition(" ")
            if not stack:
                continue
            n = int(count)
            samples += n
            frames = stack.split(";")
            own[frames[-1]] += n
            for frame in set(frames):
                total[frame] += n
    lines = [f"{samples} samples"]
    for title, counter in (("own", own), ("inclusive", total)):
        lines.append(f"-- {title}")
        shown = 0
        for frame, n in counter.most_common():
            if only and only not in frame:
                continue
            lines.append(f"{100 * n / samples:5.1f}%  {frame}")
            shown += 1
            if shown == top:
                break
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--filter")
    args = parser.parse_args()
    print(summarise(args.path, args.top, args.filter))


if __name__ == "__main__":
    main()
