"""Load: professionals at work against the production server, on loopback (locust).

    .venv/bin/python benchmarks/load.py [--users 50] [--seconds 60] [--workers N]
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tv_load .venv/bin/python benchmarks/load.py
    .venv/bin/python benchmarks/load.py --host http://127.0.0.1:PORT --usernames a,b --json

Without ``--host`` it builds everything itself: a fresh database (a SQLite file in a temporary
folder, or the empty PostgreSQL database DATABASE_URL names), the catalogue, the demo accounts
and clients, ``--users`` benchmark professionals (copies of the demo client workers: same
organisation and role), then `tukiverkko serve` (gunicorn, default worker count) on a free
loopback port. It runs benchmarks/locustfile.py's mix for ``--seconds``, stops, and checks the
audit chain with `verify-audit`.

Prints the machine, throughput, error count and p50/p95/p99 per request type and for the whole
mix, beside the floor of the same run: a static file served by the same server (WhiteNoise).
Percentiles come from locust's histogram, whose buckets are 1 ms below 100 ms and two
significant digits above (so ±5 % there).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
SETUP = {"login", "/api/v1/clients/"}
FLOOR = "static (floor)"
PASSWORD = "tukiverkko-demo"  # noqa: S105 — the public demo password (README)
# The demo accounts that work with clients (README), for --host runs against a demo database.
DEMO_WORKERS = [
    "koordinaattori", "terveydenhoitaja", "laakari", "fysioterapeutti", "toimintaterapeutti",
    "psykiatrinen", "paihdetyo", "sosiaalityo", "sosiaaliohjaaja", "tyollisyys", "valmentaja",
    "nuoriso", "opo",
]  # fmt: skip


def percentile(histogram: dict[int, int], p: float) -> float:
    total = sum(histogram.values())
    if total == 0:
        return float("nan")
    rank = p / 100 * total
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return float(value)
    return float(max(histogram))


def summarise(stats: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    by_name: dict[str, dict[int, int]] = {}
    mix: dict[int, int] = {}
    mix_requests = mix_failures = 0
    failures = 0
    for entry in stats:  # one entry per name and method: "login" is a GET and a POST
        histogram = {int(k): int(v) for k, v in entry["response_times"].items()}
        failures += entry["num_failures"]
        row = rows.setdefault(entry["name"], {"requests": 0, "failures": 0})
        row["requests"] += entry["num_requests"]
        row["failures"] += entry["num_failures"]
        merged = by_name.setdefault(entry["name"], {})
        for k, v in histogram.items():
            merged[k] = merged.get(k, 0) + v
        row.update(
            p50=percentile(merged, 50), p95=percentile(merged, 95), p99=percentile(merged, 99)
        )
        if entry["name"] not in SETUP:
            mix_requests += entry["num_requests"]
            mix_failures += entry["num_failures"]
            for k, v in histogram.items():
                mix[k] = mix.get(k, 0) + v
    return {
        "seconds": seconds,
        "requests": mix_requests,
        "failures": failures,
        "mix_failures": mix_failures,
        "throughput": mix_requests / seconds if seconds else 0.0,
        "p50": percentile(mix, 50),
        "p95": percentile(mix, 95),
        "p99": percentile(mix, 99),
        "by_name": rows,
    }


def run_locust(
    host: str, usernames: list[str], users: int, seconds: int, round_only: bool = False
) -> dict[str, Any]:
    env = dict(
        os.environ,
        TV_LOAD_USERS=",".join(usernames),
        TV_LOAD_PASSWORD=PASSWORD,
        TV_LOAD_ROUND_ONLY="1" if round_only else "0",
    )
    command = [
        str(Path(sys.executable).with_name("locust")), "-f", str(ROOT / "benchmarks" / "locustfile.py"),
        "--headless", "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
        "--host", host, "--only-summary", "--json", "--skip-log", "--stop-timeout", "10",
    ]  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    try:
        stats = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SystemExit(
            f"locust gave no statistics ({done.returncode}):\n{done.stderr[-3000:]}"
        ) from None
    return summarise(stats, min(elapsed, float(seconds)))


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def tv(args: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tukiverkko", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"tukiverkko {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


CREATE_USERS = """
from tukiverkko.accounts.models import User
workers = [User.objects.get(username=name) for name in {demo!r}]
template = workers[0]
template.set_password({password!r})
hashed = template.password
for i in range({n}):
    base = workers[i % len(workers)]
    User.objects.update_or_create(
        username=f"kuormitus{{i:02d}}",
        defaults=dict(organisation=base.organisation, role=base.role, first_name="Kuormitus",
                      last_name=f"{{i:02d}}", password=hashed, is_active=True),
    )
"""


def serve_and_run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="tv-load-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'load.sqlite3'}"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "LANG": "C.UTF-8",
        "TUKIVERKKO_ENV": "demo", "DJANGO_DEBUG": "0", "DATABASE_URL": url,
        "DJANGO_SECRET_KEY": "load-benchmark-" + "x" * 40,
    }  # fmt: skip
    for step in (
        ["migrate", "--noinput", "-v0"],
        ["load-catalogue"],
        ["load-demo"],
        ["load-demo-clients"],
    ):
        tv(step, env, work)
    tv(
        ["shell", "-c", CREATE_USERS.format(demo=DEMO_WORKERS, password=PASSWORD, n=args.users)],
        env,
        work,
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = [sys.executable, "-m", "tukiverkko", "serve", "--bind", f"127.0.0.1:{port}"]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    log = (work / "server.log").open("wb")
    server = subprocess.Popen(
        serve, env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        for _ in range(300):
            try:
                if urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"server not ready; see {work / 'server.log'}")
        usernames = [f"kuormitus{i:02d}" for i in range(args.users)]
        result = run_locust(
            f"http://127.0.0.1:{port}", usernames, args.users, args.seconds, args.round_only
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(60)
        log.close()
    result["verify_audit"] = tv(["verify-audit"], env, work).splitlines()[0]
    result["database"] = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    shutil.rmtree(work, ignore_errors=True)
    return result


def report(result: dict[str, Any], users: int) -> None:
    print(f"machine: {machine()}")
    print(
        f"database: {result.get('database', '(given server)')}; {users} professionals, "
        f"for {result['seconds']:.0f} s (logins included)"
    )
    print(
        f"mix: {result['requests']} requests, {result['throughput']:.1f} req/s, "
        f"{result['failures']} failed; p50 {result['p50']:.0f} / p95 {result['p95']:.0f} / p99 {result['p99']:.0f} ms"
    )
    print(f"{'request':40} {'n':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}")
    for name, row in sorted(result["by_name"].items()):
        print(
            f"{name:40} {row['requests']:6} {row['failures']:5} {row['p50']:6.0f} {row['p95']:6.0f} {row['p99']:6.0f}"
        )
    floor, page = result["by_name"].get(FLOOR), result["by_name"].get("/asiakkaat/[id]/")
    if floor and page and floor["p95"]:
        print(
            f"client page p95 / static floor p95: {page['p95']:.0f} / {floor['p95']:.0f} ms = {page['p95'] / floor['p95']:.1f}×"
        )
    if "verify_audit" in result:
        print(f"verify-audit afterwards: {result['verify_audit']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (default: serve's)"
    )
    parser.add_argument("--host", help="an already running server (demo accounts)")
    parser.add_argument(
        "--usernames", help="comma-separated accounts for --host (default: demo client workers)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--round-only",
        action="store_true",
        help="each professional logs in, makes one search, client page and journal entry, and "
        "stops; --seconds is then only the limit (the CI form: tests/test_load.py)",
    )
    args = parser.parse_args()
    if args.host:
        names = args.usernames.split(",") if args.usernames else DEMO_WORKERS
        result = run_locust(args.host, names, args.users, args.seconds, args.round_only)
    else:
        result = serve_and_run(args)
    if args.json:
        print(json.dumps(result))
    else:
        report(result, args.users)


if __name__ == "__main__":
    main()
