"""Benchmark of the audit hash chain: appends (one writer, many writers) and verify-audit.

    PYTHONPATH=src /work/venv/bin/python benchmarks/audit_chain.py [-n 200000] [--threads 8]
        [--per-thread 2000] [--fill 1000000] [--immediate] [--wal]

Without DATABASE_URL it makes a fresh SQLite file in a temporary directory; with
DATABASE_URL=postgres://… it uses that (empty, dedicated) database. Prints appends per second,
the cost of one append (p50/p95 ms), and verify time per million entries. ``--fill`` adds
entries with bulk inserts (valid chain, not through the writer) so that verify can be timed on
millions of rows quickly; ``--immediate`` sets SQLite's transaction_mode=IMMEDIATE.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def _setup(immediate: bool, wal: bool) -> str:
    os.environ.setdefault("TUKIVERKKO_ENV", "test")  # DEBUG off: no query log in memory
    os.environ["DJANGO_SETTINGS_MODULE"] = "tukiverkko.settings"
    tmp = ""
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="audit-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django
    from django.conf import settings

    if immediate and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    if wal and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATABASES["default"]["OPTIONS"]["init_command"] = (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
        )
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return tmp


def _pcts(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    q = statistics.quantiles(samples, n=100)
    return f"p50 {q[49] * 1000:.2f} ms, p95 {q[94] * 1000:.2f} ms, max {max(samples) * 1000:.1f} ms"


USER = SimpleNamespace(pk=1, username="bench", organisation=None, role="doctor")


def single(n: int) -> None:
    from tukiverkko.audit.actions import record_access

    samples = []
    start = time.perf_counter()
    for i in range(n):
        t = time.perf_counter()
        record_access(
            user=USER, client_id=i % 5000, what="client_page", purpose="hoito", allowed=True
        )
        samples.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    print(
        f"single writer: {n} appends in {total:.1f} s = {n / total:,.0f} appends/s; {_pcts(samples)}"
    )


def concurrent(threads: int, per_thread: int, in_caller_tx: bool) -> None:
    from django.db import connection, transaction

    from tukiverkko.audit.actions import record_access

    samples: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def work(n: int) -> None:
        mine = []
        try:
            barrier.wait()
            for i in range(per_thread):
                t = time.perf_counter()
                try:
                    if in_caller_tx:
                        with transaction.atomic():
                            # a read first, as a request does before logging it
                            connection.cursor().execute("SELECT count(*) FROM audit_chainhead")
                            record_access(user=USER, client_id=n, what=f"x:{i}", allowed=True)
                    else:
                        record_access(user=USER, client_id=n, what=f"x:{i}", allowed=True)
                    mine.append(time.perf_counter() - t)
                except Exception as exc:
                    with lock:
                        errors.append(type(exc).__name__ + ": " + str(exc)[:60])
        finally:
            connection.close()
            with lock:
                samples.extend(mine)

    start = time.perf_counter()
    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    total = time.perf_counter() - start
    where = "inside the caller's transaction after a read" if in_caller_tx else "own transaction"
    print(
        f"{threads} writers ({where}): {len(samples)} appends in {total:.1f} s = "
        f"{len(samples) / total:,.0f} appends/s; {_pcts(samples)}; failed: {len(errors)}"
        + (f" (e.g. {errors[0]})" if errors else "")
    )


def fill(n: int) -> None:
    """Bulk-append n valid chain entries (for timing verify), bypassing the per-entry writer."""
    from django.db import transaction

    from tukiverkko.audit.chain import ACCESS, FIELDS, HEAD_ID, canonical, configured_key, digest
    from tukiverkko.audit.models import AccessLogEntry, ChainHead

    key_id, key = configured_key()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    done = 0
    while done < n:
        size = min(10_000, n - done)
        with transaction.atomic():
            head = ChainHead.objects.select_for_update().get(id=HEAD_ID)
            seq, prev = head.seq, head.hash
            rows = []
            for i in range(size):
                seq += 1
                values = {
                    "at": base + timedelta(seconds=seq),
                    "user_id": 1,
                    "username": "bench",
                    "organisation_id": None,
                    "organisation_name": "",
                    "role": "doctor",
                    "client_id": seq % 5000,
                    "what": "client_page",
                    "purpose": "hoito",
                    "allowed": bool(i % 7),
                }
                h = digest(canonical(ACCESS, seq, prev, [values[f] for f in FIELDS[ACCESS]]), key)
                rows.append(
                    AccessLogEntry(seq=seq, prev_hash=prev, entry_hash=h, key_id=key_id, **values)
                )
                prev = h
            AccessLogEntry.objects.bulk_create(rows, batch_size=2000)
            ChainHead.objects.filter(id=HEAD_ID).update(seq=seq, hash=prev)
        done += size
    print(f"filled {n} entries by bulk insert")


def verify() -> None:
    from tukiverkko.audit.verify import verify_chain

    start = time.perf_counter()
    report = verify_chain()
    total = time.perf_counter() - start
    per_million = total / max(report.entries, 1) * 1_000_000
    print(
        f"verify-audit: {'OK' if report.ok else report.finding} — {report.entries:,} entries in "
        f"{total:.1f} s = {per_million:.1f} s per million entries"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200_000, help="single-writer appends")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--per-thread", type=int, default=2_000)
    parser.add_argument("--fill", type=int, default=0, help="bulk entries added before verify")
    parser.add_argument(
        "--immediate", action="store_true", help="SQLite transaction_mode=IMMEDIATE"
    )
    parser.add_argument(
        "--wal", action="store_true", help="SQLite journal_mode=WAL, synchronous=NORMAL"
    )
    args = parser.parse_args()
    tmp = _setup(args.immediate, args.wal)
    from django.db import connection

    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}"
        + (" transaction_mode=IMMEDIATE" if args.immediate else "")
        + (" journal_mode=WAL synchronous=NORMAL" if args.wal else "")
    )
    single(args.n)
    concurrent(args.threads, args.per_thread, in_caller_tx=False)
    concurrent(args.threads, args.per_thread, in_caller_tx=True)
    if args.fill:
        fill(args.fill)
    verify()
    if tmp:
        from django.db import connections

        connections.close_all()
        for f in Path(tmp).iterdir():
            f.unlink()
        Path(tmp).rmdir()


if __name__ == "__main__":
    main()
