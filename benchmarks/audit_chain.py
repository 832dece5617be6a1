"""Benchmark of the audit hash chain: appends (one writer, many writers) and verify-audit.

    PYTHONPATH=src .venv/bin/python benchmarks/audit_chain.py [-n 2000] [--writers 1,8,16]
        [--total 3200] [--fill 1000000] [--immediate] [--wal]

Without DATABASE_URL it makes a fresh SQLite file in a temporary directory; with
DATABASE_URL=postgres://… it uses that (empty, dedicated) database. Prints appends per second,
the cost of one append (p50/p95 ms) at each number of writers beside the floor measured in the
same run — plain INSERTs into a copy of the access log without triggers, the same writers — and
the ratio chain ÷ floor; then verify time per million entries. With
TUKIVERKKO_AUDIT_SEQUENCING=deferred (decision 0330) the sequencer runs in a process of its own,
as in the task worker, and each setting also prints how far the chain lagged behind the reads
and how soon after the last read it caught up. ``--fill`` adds
entries with bulk inserts (valid chain, not through the writer) so that verify can be timed on
millions of rows quickly; ``--immediate`` sets SQLite's transaction_mode=IMMEDIATE.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

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


def _run_writers(threads: int, per_thread: int, one: Callable[[int, int], None]) -> Run:
    """``threads`` writers (a thread each, its own connection, started at a barrier) each
    calling ``one(writer, i)`` ``per_thread`` times; the appends/s and each call's time."""
    from django.db import connection

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
                    one(n, i)
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
    return Run(threads, len(samples), total, samples, errors)


@dataclass
class Run:
    writers: int
    done: int
    seconds: float
    samples: list[float]
    errors: list[str]

    @property
    def rate(self) -> float:
        return self.done / self.seconds

    def line(self, what: str) -> str:
        failed = f"; failed: {len(self.errors)}" + (
            f" (e.g. {self.errors[0]})" if self.errors else ""
        )
        return (
            f"{self.writers:>2} writers, {what}: {self.done} in {self.seconds:.1f} s = "
            f"{self.rate:,.0f}/s; {_pcts(self.samples)}" + (failed if self.errors else "")
        )


def concurrent(threads: int, per_thread: int, in_caller_tx: bool) -> Run:
    from django.db import connection, transaction

    from tukiverkko.audit.actions import record_access

    def one(n: int, i: int) -> None:
        if in_caller_tx:
            with transaction.atomic():
                # a read first, as a request does before logging it
                connection.cursor().execute("SELECT count(*) FROM audit_chainhead")
                record_access(user=USER, client_id=n, what=f"x:{i}", purpose="hoito", allowed=True)
        else:
            record_access(user=USER, client_id=n, what=f"x:{i}", purpose="hoito", allowed=True)

    return _run_writers(threads, per_thread, one)


FLOOR_TABLE = "bench_floor_log"
_FLOOR_SEQ = itertools.count(1)  # SQLite: no sequence
_FLOOR_LOCK = threading.Lock()


def _make_floor_table() -> None:
    """A copy of the access log without its triggers (PostgreSQL: LIKE … INCLUDING ALL, the same
    columns, indexes and unique seq; the seq from a sequence), as in the performance review."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TABLE IF EXISTS {FLOOR_TABLE}")
            cursor.execute(f"DROP SEQUENCE IF EXISTS {FLOOR_TABLE}_seq")
            cursor.execute(f"CREATE TABLE {FLOOR_TABLE} (LIKE audit_accesslogentry INCLUDING ALL)")
            cursor.execute(f"CREATE SEQUENCE {FLOOR_TABLE}_seq")
            cursor.execute(
                f"ALTER TABLE {FLOOR_TABLE} ALTER seq SET DEFAULT nextval('{FLOOR_TABLE}_seq')"
            )
        else:
            cursor.execute(f"DROP TABLE IF EXISTS {FLOOR_TABLE}")
            cursor.execute(
                f"CREATE TABLE {FLOOR_TABLE} (id integer PRIMARY KEY AUTOINCREMENT, "
                "seq integer UNIQUE, prev_hash text, entry_hash text, key_id text, at text, "
                "user_id integer, username text, organisation_id integer, organisation_name "
                "text, role text, client_id integer, what text, purpose text, allowed bool, "
                "basis text, request_id text, session_ref text, ip text)"
            )


def floor(threads: int, per_thread: int) -> Run:
    """The floor: one plain INSERT per row in autocommit into the copy without triggers."""
    from django.db import connection
    from django.utils import timezone

    pg = connection.vendor == "postgresql"
    cols = (
        "prev_hash, entry_hash, key_id, at, user_id, username, organisation_id, "
        "organisation_name, role, client_id, what, purpose, allowed, basis, request_id, "
        "session_ref, ip"
    )
    marks = ", ".join(["%s"] * (17 if pg else 18))
    seq_col = "" if pg else ", seq"
    sql = f"INSERT INTO {FLOOR_TABLE} ({cols}{seq_col}) VALUES ({marks}) RETURNING id"  # noqa: S608

    def one(n: int, i: int) -> None:
        params: list[Any] = ["", "", "", timezone.now(), 1, "bench", None, "", "doctor", n]
        params += [f"x:{i}", "hoito", True, "", "", "", ""]
        if not pg:
            with _FLOOR_LOCK:
                params.append(next(_FLOOR_SEQ))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchone()

    return _run_writers(threads, per_thread, one)


def scaling(writers: list[int], total: int) -> None:
    """The floor and the chain at each number of writers, in this one run, with the ratio."""
    _make_floor_table()
    rows = []
    for w in writers:
        per = max(total // w, 200)
        f = floor(w, per)
        print(f.line("floor (plain INSERT, no triggers)"))
        c = concurrent(w, per, in_caller_tx=False)
        print(c.line("chain, own transaction"))
        t = concurrent(w, per, in_caller_tx=True)
        print(t.line("chain, in the caller's transaction after a read"))
        _wait_chained()
        rows.append((w, f, c, t))
    print(
        "\n| writers | floor: plain INSERT | chain, own transaction | ratio | chain in caller's tx | ratio |"
    )
    if _LAG is not None:
        _LAG.stop()
    print("|---|---|---|---|---|---|")
    for w, f, c, t in rows:
        print(
            f"| {w} | {f.rate:,.0f}/s; {_p(f)} | {c.rate:,.0f}/s; {_p(c)} | {c.rate / f.rate:.2f} "
            f"| {t.rate:,.0f}/s; {_p(t)} | {t.rate / f.rate:.2f} |"
        )


def _p(run: Run) -> str:
    if len(run.samples) < 2:
        return "–"
    q = statistics.quantiles(run.samples, n=100)
    return f"{q[49] * 1000:.2f} / {q[94] * 1000:.2f} ms"


class _Lag:
    """With deferred sequencing: the sequencer in a process of its own (as in the worker), and
    how far the chain lags behind the reads — sampled every 20 ms as the age of the oldest
    unchained entry."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._stop = threading.Event()
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        src = str(Path(__file__).resolve().parent.parent / "src")
        code = (
            f"import sys, django; sys.path.insert(0, {src!r}); django.setup()\n"
            "from tukiverkko.audit.sequencer import SequencerThread\n"
            "t = SequencerThread(); t.start(); print('ready', flush=True); sys.stdin.read()\n"
            "t.stop()"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.process.stdout is not None
        self.process.stdout.readline()  # the sequencer runs: the writers may start
        self.sampler.start()

    def oldest(self) -> float:
        from django.db.models import Min
        from django.utils import timezone

        from tukiverkko.audit.models import AccessLogEntry

        at = AccessLogEntry.objects.filter(seq__isnull=True).aggregate(m=Min("at"))["m"]
        return 0.0 if at is None else (timezone.now() - at).total_seconds()

    def _sample(self) -> None:
        from django.db import connection

        while not self._stop.wait(0.02):
            self.worst = max(self.worst, self.oldest())
        connection.close()

    def settle(self) -> str:
        """Wait until everything is chained; the catch-up time and the worst lag since last."""
        start = time.perf_counter()
        while self.oldest() > 0:
            time.sleep(0.005)
        caught_up = time.perf_counter() - start
        worst, self.worst = self.worst, 0.0
        return f"sequencer: chain lag at most {worst * 1000:.0f} ms, caught up {caught_up * 1000:.0f} ms after the last read"

    def stop(self) -> None:
        self._stop.set()
        if self.process is not None:
            self.process.communicate(b"", timeout=30)


_LAG: _Lag | None = None


def _wait_chained() -> None:
    """With deferred sequencing, wait until the sequencer has chained everything."""
    if _LAG is not None:
        print(_LAG.settle())


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
    parser.add_argument("-n", type=int, default=2_000, help="single-writer appends")
    parser.add_argument("--writers", default="1,8,16", help="numbers of concurrent writers")
    parser.add_argument(
        "--total", type=int, default=3_200, help="appends per setting (at least 200 a writer)"
    )
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
    global _LAG
    from django.conf import settings

    mode = getattr(settings, "AUDIT_SEQUENCING", "inline")
    print(f"audit sequencing: {mode}")
    if mode == "deferred":  # the sequencer runs beside the writers, as the worker's would
        _LAG = _Lag()
        _LAG.start()
    single(args.n)
    _wait_chained()
    scaling([int(w) for w in args.writers.split(",")], args.total)
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
