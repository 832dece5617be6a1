"""Benchmark: population screening file → file, and the same two rules in OpenFisca-core.

    PYTHONPATH=src TUKIVERKKO_ENV=demo /work/venv/bin/python benchmarks/rules_population.py \
        [--rows 300000] [--format parquet|csv] [--rounds 5] [--before OTHER/src] [--dir DIR]

1. Generates N synthetic ClientSituations (each field unknown ~15 % of the time, 80 % of rows
   dated 1.6.2025 and 20 % 1.6.2024) to a Parquet or CSV file.
2. Runs ``tukiverkko screen INPUT OUTPUT`` in a child process (the real command, start-up
   included), alternated with its floor — a fresh Python that reads the same file with polars
   and writes it back — and prints both medians, the ratio (target ≤ 2×), persons/second and
   the child's peak resident memory (getrusage). ``--before OTHER/src`` screens with another
   tree's code in the same rounds.
3. Side by side: TYM and kuntouttava työtoiminta for the same rows with OpenFisca-core
   (``benchmarks/openfisca_tukiverkko.py``) and with the compiled rule trees in polars, in memory,
   on the rows where OpenFisca is defined (all its inputs known, dated 2025); prints the speed
   ratio and whether both agree on every such row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from openfisca_tukiverkko import eligibility, system  # noqa: E402

from tukiverkko.rules.definitions import BY_SLUG  # noqa: E402
from tukiverkko.rules.parameters import default  # noqa: E402
from tukiverkko.rules.population import SCHEMA, status_expr  # noqa: E402
from tukiverkko.rules.situation import PROPERTIES  # noqa: E402

UNKNOWN_SHARE = 0.15
REPEAT = 5  # timings on a shared 2-core machine are noisy: report the best of several runs
OPENFISCA_INPUTS = [
    "employment_status",
    "unemployment_benefit",
    "work_ability_needs",
    "known_work_limitations",
    "life_management_barriers",
    "receives_social_assistance",
    "needs_multiprofessional_support",
    "capacity_prevents_employment_services",
]


def generate(rows: int, seed: int = 2025) -> pl.DataFrame:
    """Synthetic situations drawn field by field from the contract's types and ranges."""
    rng = np.random.default_rng(seed)
    columns: dict[str, pl.Series] = {"person_id": pl.Series([f"p{i}" for i in range(rows)])}
    for name, spec in PROPERTIES.items():
        if name in ("birth_date", "reference_date"):
            continue
        kind = spec.get("type")
        if "enum" in spec:
            values = rng.choice(np.array(spec["enum"]), rows)
            series = pl.Series(name, values)
        elif kind == "boolean":
            series = pl.Series(name, rng.random(rows) < 0.4)
        elif kind == "integer":
            high = {"age": 70, "labour_market_subsidy_days": 900}.get(
                name, spec.get("maximum", 100)
            )
            low = 15 if name == "age" else spec.get("minimum", 0)
            series = pl.Series(name, rng.integers(low, high + 1, rows))
        elif kind == "number":
            high = {"earnings_last_5_years_eur": 250_000.0}.get(name, spec.get("maximum", 40.0))
            series = pl.Series(name, np.round(rng.random(rows) * high, 2))
        elif kind == "array":
            options = spec["items"]["enum"]
            first = pl.Series(rng.choice(np.array(options), rows))
            second = pl.Series(rng.choice(np.array(options), rows))
            count = pl.Series(rng.integers(0, 3, rows))
            series = pl.select(
                pl.concat_list(pl.lit(first), pl.lit(second))
                .list.head(pl.lit(count))
                .list.unique(maintain_order=True)
                .alias(name)
            ).to_series()
        elif name == "mother_tongue":
            series = pl.Series(
                name, rng.choice(np.array(["fi", "fi", "fi", "sv", "ru", "so"]), rows)
            )
        else:
            towns = ["Heinola", "Lahti", "Rovaniemi", "Turku", "Pori"]
            series = pl.Series(name, rng.choice(np.array(towns), rows))
        mask = pl.Series(rng.random(rows) < UNKNOWN_SHARE)
        columns[name] = pl.select(
            pl.when(mask).then(None).otherwise(series).alias(name)
        ).to_series()
    dates = np.where(rng.random(rows) < 0.8, "2025-06-01", "2024-06-01")
    columns["reference_date"] = pl.Series("reference_date", dates).str.to_date()
    return pl.DataFrame(columns).cast({n: t for n, t in SCHEMA.items() if n in columns})


def write_input(frame: pl.DataFrame, path: Path) -> None:
    if path.suffix == ".parquet":
        frame.write_parquet(path)
    else:
        lists = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
        frame.with_columns(
            pl.when(pl.col(n).list.len() == 0)
            .then(pl.lit("none"))
            .otherwise(pl.col(n).list.join(";"))
            .alias(n)
            for n in lists
        ).write_csv(path)


def run_screen(source: Path, target: Path, src: Path = ROOT / "src") -> tuple[float, int, str]:
    """Wall seconds, children's peak RSS in KiB so far and the summary line of one
    ``tukiverkko screen`` in a fresh process (the code of the ``src`` tree)."""
    env = {**os.environ, "PYTHONPATH": str(src), "TUKIVERKKO_ENV": "demo"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tukiverkko", "screen", str(source), str(target),
         "--reference-date", "2025-06-01", "--no-progress"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.stdout.strip()


FLOOR = (
    "import sys, polars as pl\n"
    "src, dst = sys.argv[1], sys.argv[2]\n"
    "frame = pl.read_parquet(src) if src.endswith('.parquet') else pl.read_csv(src)\n"
    "frame.write_parquet(dst) if dst.endswith('.parquet') else frame.write_csv(dst)\n"
)


def run_floor(source: Path, target: Path) -> float:
    """The floor: a fresh Python that reads the same file with polars and writes it back."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", FLOOR, str(source), str(target)], check=True)
    return time.perf_counter() - start


def compare_with_openfisca(frame: pl.DataFrame) -> None:
    known = frame.filter(
        (pl.col("reference_date") == dt.date(2025, 6, 1))
        & pl.all_horizontal(pl.col(c).is_not_null() for c in OPENFISCA_INPUTS)
    )
    defined = known.height
    # Tile the defined rows to at least 300 000 so that both timings are long enough to measure.
    known = pl.concat([known] * max(1, -(-300_000 // max(defined, 1))))
    rows = known.height
    params = default()
    rules = [BY_SLUG["tym"], BY_SLUG["kuntouttava-tyotoiminta"]]

    ours_times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        ours = known.lazy().select(status_expr(r, params) for r in rules).collect()
        ours_times.append(time.perf_counter() - start)
    ours_seconds = min(ours_times)

    tbs = system()
    arrays = {
        "employment_status": known["employment_status"].to_numpy().astype(str),
        "unemployment_benefit": known["unemployment_benefit"].to_numpy().astype(str),
        "need_count": known["work_ability_needs"].list.len().to_numpy(),
        "known_work_limitations": known["known_work_limitations"].to_numpy(),
        "barrier_count": known["life_management_barriers"].list.len().to_numpy(),
        "receives_social_assistance": known["receives_social_assistance"].to_numpy(),
        "needs_multiprofessional_support": known["needs_multiprofessional_support"].to_numpy(),
        "capacity_prevents_employment_services": known[
            "capacity_prevents_employment_services"
        ].to_numpy(),
    }
    of_times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        theirs = eligibility(tbs, arrays)
        of_times.append(time.perf_counter() - start)
    of_seconds = min(of_times)

    print(
        f"\nTYM + kuntouttava työtoiminta on the {defined:,} rows where OpenFisca is defined, "
        f"tiled to {rows:,} (best of {REPEAT}):"
    )
    print(f"  tukiverkko (polars, compiled rule trees): {rows / ours_seconds:,.0f} persons/s")
    print(
        f"  OpenFisca-core {_openfisca_version()}:               {rows / of_seconds:,.0f} persons/s"
    )
    print(f"  ratio tukiverkko / OpenFisca: {of_seconds / ours_seconds:.2f}× (target ≥ 10×)")
    for slug in ("tym", "kuntouttava-tyotoiminta"):
        statuses = ours[slug].to_numpy()
        undecided = int(np.isin(statuses, ["unknown", "not_available"]).sum())
        agree = int(((statuses == "eligible") == theirs[slug]).sum())
        eligible = int((statuses == "eligible").sum())
        print(
            f"  {slug}: agree on {agree:,}/{rows:,} rows ({eligible:,} eligible, "
            f"{undecided} undecided by tukiverkko)"
        )


def _openfisca_version() -> str:
    from importlib.metadata import version

    return version("openfisca-core")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "tukiverkko-bench"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--before", type=Path, help="another tree's src/ to screen with too (before/after)"
    )
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)

    print(
        f"machine: {os.cpu_count()} CPUs, polars {pl.__version__}, Python {sys.version.split()[0]}"
    )
    tracemalloc.start()
    start = time.perf_counter()
    frame = generate(args.rows)
    source = args.dir / f"situations.{args.format}"
    write_input(frame, source)
    _, gen_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = source.stat().st_size / 1e6
    print(
        f"generated {args.rows:,} situations → {source} ({size:.1f} MB) in "
        f"{time.perf_counter() - start:.1f} s (Python heap peak {gen_peak / 1e6:.0f} MB)"
    )

    target = args.dir / f"screened.{args.format}"
    floor_target = args.dir / f"floor.{args.format}"
    trees = {"this tree": ROOT / "src", **({"--before": args.before} if args.before else {})}
    screens: dict[str, list[float]] = {label: [] for label in trees}
    floors: list[float] = []
    summary = ""
    for _ in range(args.rounds):  # alternated, so that the machine's load falls on all alike
        for label, src in trees.items():
            seconds, peak_kib, summary = run_screen(source, target, src)
            screens[label].append(seconds)
        floors.append(run_floor(source, floor_target))
    floor = statistics.median(floors)
    print(f"\ntukiverkko screen {source.name} {target.name}: {summary}")
    print(
        f"  floor (fresh python, polars read + write of the same file): median {floor:.3f} s "
        f"of {args.rounds}"
    )
    for label, times in screens.items():
        median = statistics.median(times)
        print(
            f"  {label:<10} median {median:.3f} s of {args.rounds} (incl. start-up) → "
            f"{args.rows / median:,.0f} persons/s; ÷ floor = {median / floor:.2f}× (target ≤ 2×)"
        )
    print(f"  peak memory of a screen process (ru_maxrss): {peak_kib / 1024:.0f} MiB")

    compare_with_openfisca(frame)


if __name__ == "__main__":
    main()
