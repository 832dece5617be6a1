"""Throughput of the pure screening instruments (prints figures; asserts nothing).

PYTHONPATH=src /work/venv/bin/python benchmarks/screening_score.py [N]
"""

from __future__ import annotations

import random
import sys
import time

from tukiverkko.screening.instruments import INSTRUMENTS


def main(n: int) -> None:
    rng = random.Random(42)
    print(f"{'instrument':<10} {'answer sets':>12} {'seconds':>8} {'per second':>12}")
    for instrument in INSTRUMENTS.values():
        sets = [{i.id: rng.choice(i.allowed) for i in instrument.items} for _ in range(n)]
        start = time.perf_counter()
        for answers in sets:
            instrument.score(answers)
        elapsed = time.perf_counter() - start
        print(
            f"{instrument.id:<10} {n:>12} {elapsed:>8.3f} {n / elapsed:>12,.0f}".replace(",", " ")
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
