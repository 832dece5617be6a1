"""Throughput of the pure screening instruments, beside a floor measured in the same run: a
loop that only adds up the same answer sets (prints figures; asserts nothing).

PYTHONPATH=src .venv/bin/python benchmarks/screening_score.py [N]
"""

from __future__ import annotations

import random
import sys
import time

from tukiverkko.screening.instruments import INSTRUMENTS


def _floor(sets: list[dict[str, int]]) -> float:
    """Seconds to visit every answer of every set once — the least a scorer must do."""
    start = time.perf_counter()
    for answers in sets:
        sum(answers.values())
    return time.perf_counter() - start


def main(n: int) -> None:
    rng = random.Random(42)
    print(
        f"{'instrument':<10} {'answer sets':>12} {'seconds':>8} {'per second':>12} {'÷ floor':>8}"
    )
    for instrument in INSTRUMENTS.values():
        sets = [{i.id: rng.choice(i.allowed) for i in instrument.items} for _ in range(n)]
        floor = _floor(sets)
        start = time.perf_counter()
        for answers in sets:
            instrument.score(answers)
        elapsed = time.perf_counter() - start
        line = f"{instrument.id:<10} {n:>12} {elapsed:>8.3f} {n / elapsed:>12,.0f}"
        print(line.replace(",", " ") + f" {elapsed / floor:>7.0f}×")
    print("floor: summing the same answer sets in a plain loop, timed before each instrument")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
