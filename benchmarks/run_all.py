"""make bench: every benchmark once, one after another, on this machine; writes what they printed
into docs/performance.md (between its ``make bench`` markers) with the machine, its load and
each step's wall time.

    scripts/bench.sh            # starts PostgreSQL 15 on loopback (fsync on), then this
    TUKIVERKKO_BENCH_PG=postgres://postgres@127.0.0.1:PORT .venv/bin/python benchmarks/run_all.py

Each benchmark prints its own floor from the same run (a 404 page of the same gunicorn server,
the logged-in home page, plain INSERTs, polars reading and writing the same file, reading the
same rows) and the ratio, and the data size. The national-size steps share one generated
database (300,000 clients by default, ``--clients``), made by the first of them. A step that
fails is reported as failed, the others still run, and the exit status is 1.

Never point this at a server you care about: it creates and fills its own databases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
START, END = "<!-- make bench: start -->", "<!-- make bench: end -->"


@dataclass
class Step:
    title: str
    argv: list[str]
    database: str | None = None  # a PostgreSQL database of the bench server, or none
    env: dict[str, str] = field(default_factory=dict)


def steps(clients: int, requests: int) -> list[Step]:
    national = ["--clients", str(clients), "--entries", str(2 * clients)]
    get = ["--requests", str(requests)]
    return [
        Step(
            "Audit appends at 1, 8 and 16 writers beside plain INSERTs (PostgreSQL, fsync on)",
            ["audit_chain.py", "-n", "1000", "--total", "1600"],
            database="audit",
            env={"TUKIVERKKO_AUDIT_SEQUENCING": "deferred"},
        ),
        Step(
            "tukiverkko screen on 300,000 rows beside polars, and OpenFisca on the same rules",
            ["rules_population.py", "--rows", "300000", "--format", "csv", "--rounds", "3"],
        ),
        Step(
            "Catalogue search at 126 and 20,000 services beside a 404 (gunicorn)",
            ["catalogue_search.py", "--size", "20000"],
        ),
        Step(
            f"The client page at {clients:,} clients beside a 404 and the home page (gunicorn)",
            ["client_page.py", *national, *get],
            database="national",
        ),
        Step(
            "The plan page, the referral inbox and the referral send (gunicorn)",
            ["path_pages.py", *national, *get, "--sends", "30"],
            database="national",
        ),
        Step(
            "The start page, the task list and the reminder job (gunicorn)",
            ["start_page.py", *national, *get],
            database="national",
        ),
        Step(
            "The client's own pages (gunicorn)",
            ["portal_pages.py", *national, *get],
            database="national",
        ),
        Step(
            "A FHIR CarePlan read and search (gunicorn)",
            ["fhir_careplan.py", *national, *get],
            database="national",
        ),
        Step(
            "The regional effectiveness dashboard (gunicorn)",
            ["monitoring_dashboard.py", *national, "--requests", str(max(10, requests // 10))],
            database="national",
        ),
        Step("The screening instruments' scoring rate", ["screening_score.py", "20000"]),
        Step("The catalogue's interop exports and imports", ["interop_export.py", "--copies", "5"]),
    ]


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _create(base: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def run(step: Step, base: str | None) -> tuple[str, float, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **step.env}
    env.setdefault("TUKIVERKKO_ENV", "test")
    if step.database:
        if not base:
            return "skipped: no PostgreSQL (TUKIVERKKO_BENCH_PG)", 0.0, 1
        env["DATABASE_URL"] = _create(base, step.database)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *step.argv],
        cwd=HERE,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    out = done.stdout + (f"\n[stderr]\n{done.stderr[-3000:]}" if done.returncode else "")
    return out.rstrip(), seconds, done.returncode


def section(results: list[tuple[Step, str, float, int]], total: float, loads: list[str]) -> str:
    now = dt.datetime.now(dt.UTC)
    lines = [
        START,
        "## The last `make bench` run",
        "",
        f"Written by `make bench` (benchmarks/run_all.py) on {now:%-d.%-m.%Y %H:%M} UTC in "
        f"{total / 60:.1f} minutes: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average before / after: "
        f"{loads[0]} / {loads[1]}. Each block is what the benchmark printed, its floor and "
        "ratio included; read the ratios, which each run measures against its own floor.",
        "",
    ]
    for step, out, seconds, code in results:
        status = "" if code == 0 else f" — **failed (exit {code})**"
        lines += [
            f"### {step.title}",
            "",
            f"`{' '.join(['benchmarks/' + step.argv[0], *step.argv[1:]])}`"
            + (f" on PostgreSQL database `{step.database}`" if step.database else "")
            + f", {seconds:.0f} s{status}",
            "",
            "```text",
            out,
            "```",
            "",
        ]
    lines.append(END)
    return "\n".join(lines)


def write(doc: Path, text: str) -> None:
    current = doc.read_text()
    if START in current:
        current = re.sub(
            re.escape(START) + ".*?" + re.escape(END), lambda _m: text, current, flags=re.S
        )
    else:  # under the page's title
        head, _, rest = current.partition("\n\n")
        current = f"{head}\n\n{text}\n\n{rest}"
    doc.write_text(current)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000, help="national-size clients")
    parser.add_argument("--requests", type=int, default=100, help="GETs per page")
    parser.add_argument("--only", help="run only the steps whose script names contain this")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    base = os.environ.get("TUKIVERKKO_BENCH_PG", "").rstrip("/") or None
    chosen = [
        s for s in steps(args.clients, args.requests) if not args.only or args.only in s.argv[0]
    ]
    loads = [_load()]
    started = time.perf_counter()
    results = []
    for step in chosen:
        print(f"== {step.title} …", flush=True)
        out, seconds, code = run(step, base)
        print(out, f"\n({seconds:.0f} s, exit {code})\n", flush=True)
        results.append((step, out, seconds, code))
    loads.append(_load())
    total = time.perf_counter() - started
    write(args.doc, section(results, total, loads))
    print(f"make bench: {len(results)} benchmarks in {total / 60:.1f} min → {args.doc}")
    sys.exit(1 if any(code for *_, code in results) else 0)


if __name__ == "__main__":
    main()
