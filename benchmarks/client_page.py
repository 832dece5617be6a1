"""Benchmark: the client page on a large PostgreSQL database.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tukiverkko \
        .venv/bin/python benchmarks/client_page.py [--clients 300000] [--entries 5000000]

1. Generates (once; ``--regenerate`` to redo) N synthetic clients, each with a case, a client
   relationship, a responsibility period and a phase log row, and ``--entries`` rows split half
   journal entries, half audit (access-log) entries — by INSERT … SELECT over generate_series,
   so the database does the work.
2. Serves with gunicorn (benchmarks/gunicorn_server.py, the product's configuration: gthread
   workers, ``gc.freeze`` after start-up) and requests, logged in as ``bench-0``, in rounds: the
   client page of the next random client it may see, a 404 page and the logged-in home page
   ``/`` of the same server (the floors, from the same run), p50 / p95 and the ratios; then each
   action-form fragment the page loads on demand (its ``hx-get`` links), if it has any.
3. Renders the same page in-process and prints the share of three parts of it, timed by
   wrapping them here (the product keeps no timing state): the access check (the access
   policy's grants, then the journal filtered by consent: reading the entries and the consents,
   each decision), the audit writes (every append to the hash chain, and disclosing under a
   consent) and the form widgets (each ``BoundField.as_widget``). ``--profile N`` adds a
   cProfile of 50 pages, its top N functions.

The generated audit rows carry placeholder hashes: the chain of a benchmark database does not
verify (``verify-audit`` reports it). Never point this at a database you care about.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from gunicorn_server import summary

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("TUKIVERKKO_ENV", "demo")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tukiverkko.settings")

PASSWORD = "bench-password-123"  # noqa: S105 — a throw-away benchmark database
N_ORGS = 20
PHASES = [
    "identification",
    "joint_assessment",
    "joint_plan",
    "implementation",
    "follow_up",
    "closed",
]
CATEGORIES = ["health", "social", "employment", "benefits", "education"]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def setup_django() -> None:
    import django

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")
    django.setup()


def generate(n_clients: int, n_entries: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from tukiverkko.accounts.models import Organisation, Region, Role, User
    from tukiverkko.audit.models import ChainHead
    from tukiverkko.clients import crypto
    from tukiverkko.demo.hetu import fictitious

    call_command("migrate", verbosity=0)
    region, _ = Region.objects.get_or_create(slug="bench", defaults={"name_fi": "Benchmark"})
    orgs = [
        Organisation.objects.get_or_create(
            slug=f"bench-{i}",
            defaults={"name_fi": f"Bench {i}", "sector": "public", "region": region},
        )[0]
        for i in range(N_ORGS)
    ]
    workers = []
    for i, org in enumerate(orgs):
        user, made = User.objects.get_or_create(
            username=f"bench-{i}", defaults={"organisation": org, "role": Role.SOCIAL_WORKER}
        )
        if made:
            user.set_password(PASSWORD)
            user.save()
        workers.append(user)
    import datetime as dt

    token = crypto.encrypt(fictitious(dt.date(1980, 1, 1), 999))
    org_ids = "ARRAY[" + ",".join(str(o.pk) for o in orgs) + "]::bigint[]"
    worker_ids = "ARRAY[" + ",".join(str(u.pk) for u in workers) + "]::bigint[]"
    phases = "ARRAY[" + ",".join(f"'{p}'" for p in PHASES) + "]"
    cats = "ARRAY[" + ",".join(f"'{c}'" for c in CATEGORIES) + "]"
    half = n_entries // 2
    steps = [
        (
            f"{n_clients} clients",
            f"""INSERT INTO clients_client (henkilotunnus_encrypted, henkilotunnus_hash, birth_date,
                first_name, last_name, phone, email, address, languages, created_at,
                contact_organisation_id, contact_register)
                SELECT %s, md5('b' || i) || md5('c' || i), date '1960-01-01' + (i %% 16000),
                'Etu' || i, 'Suku' || (i %% 5000), '', '', '', '["fi"]', now(),
                NULL, ''
                FROM generate_series(1, {n_clients}) i""",  # noqa: S608 — integers and constants only
            [token],
        ),
        (
            "cases",
            f"""INSERT INTO cases_case (client_id, phase, responsible_worker_id, opened_at, outcome,
                outcome_note, version, organisation_id, register)
                SELECT c.id, ({phases})[1 + c.id %% 6], ({worker_ids})[1 + c.id %% {N_ORGS}], now(),
                '', '', 1, ({org_ids})[1 + c.id %% {N_ORGS}], 'other' FROM clients_client c""",  # noqa: S608 — integers and constants only
            [],
        ),
        (
            "relationships",
            f"""INSERT INTO clients_clientrelationship (client_id, organisation_id, started_at)
                SELECT c.id, ({org_ids})[1 + c.id %% {N_ORGS}], now() FROM clients_client c""",  # noqa: S608 — integers and constants only
            [],
        ),
        (
            "responsibility periods",
            """INSERT INTO cases_responsibilityperiod (case_id, worker_id, started_at, reason,
                assigned_by_id, source_organisation_id, source_register, source_category)
                SELECT id, responsible_worker_id, opened_at, '', responsible_worker_id,
                organisation_id, 'other', 'social' FROM cases_case""",
            [],
        ),
        (
            "phase log",
            """INSERT INTO cases_phasetransition (case_id, from_phase, to_phase, by_id, reason, at,
                source_organisation_id, source_register, source_category)
                SELECT id, '', phase, responsible_worker_id, '', opened_at, organisation_id, 'other',
                'social' FROM cases_case""",
            [],
        ),
        (
            f"{half} journal entries",
            f"""INSERT INTO cases_journalentry (case_id, author_id, organisation_id, category, text,
                created_at, register)
                SELECT m.lo + (g %% m.n), ({worker_ids})[1 + g %% {N_ORGS}],
                ({org_ids})[1 + g %% {N_ORGS}], ({cats})[1 + g %% 5],
                'Kirjaus ' || g || ': tapaaminen, tilanne ja seuraavat askeleet.',
                now() - (g %% 5000) * interval '1 hour', 'other'
                FROM generate_series(1, {half}) g,
                (SELECT min(id) AS lo, count(*) AS n FROM cases_case) m""",  # noqa: S608 — integers and constants only
            [],
        ),
        (
            f"{half} audit entries",
            f"""INSERT INTO audit_accesslogentry (at, user_id, username, organisation_id,
                organisation_name, role, client_id, what, purpose, allowed, seq, prev_hash,
                entry_hash, key_id)
                SELECT now() - (g %% 5000) * interval '1 hour', ({worker_ids})[1 + g %% {N_ORGS}],
                'bench', ({org_ids})[1 + g %% {N_ORGS}], 'Bench', 'social_worker',
                m.lo + (g %% m.n), 'client_page', '', true, h.seq + g,
                md5('p' || g) || md5('q' || g), md5('e' || g) || md5('f' || g), ''
                FROM generate_series(1, {half}) g,
                (SELECT min(id) AS lo, count(*) AS n FROM clients_client) m,
                (SELECT seq FROM audit_chainhead WHERE id = 1) h""",  # noqa: S608 — integers and constants only
            [],
        ),
    ]
    ChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": "0" * 64})
    total = time.perf_counter()
    for label, sql, params in steps:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, params)
        print(f"  generated {label:<28} {time.perf_counter() - started:7.1f} s", flush=True)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            """UPDATE audit_chainhead SET seq = s.seq, hash = s.entry_hash
               FROM (SELECT seq, entry_hash FROM audit_accesslogentry ORDER BY seq DESC LIMIT 1) s
               WHERE audit_chainhead.id = 1"""
        )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(f"  generation total {time.perf_counter() - total:.1f} s", flush=True)


def sample_clients(user_org_id: int, k: int) -> list[int]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """SELECT client_id FROM clients_clientrelationship WHERE organisation_id = %s
               ORDER BY md5(client_id::text) LIMIT %s""",
            [user_org_id, k],
        )
        return [r[0] for r in cur.fetchall()]


def _ids_for(ids: list[int], n: int) -> list[int]:
    """``n`` client ids, cycling through ``ids`` (a small organisation has fewer clients)."""
    return [ids[i % len(ids)] for i in range(n)]


def http_benchmark(port: int, workers: int, ids: list[int], n: int) -> dict[str, list[float]]:
    """Over gunicorn (the product's configuration), logged in as ``bench-0``: in each round the
    client page of the next client, then the two floors of the same server — a 404 page and the
    logged-in home page ``/`` — so that all three share the machine's load of the moment. Then
    each fragment the page loads on demand (its ``hx-get`` links), beside the same floors."""
    import re

    from gunicorn_server import Server

    times: dict[str, list[float]] = {"page": [], "404": [], "home": [], "fragment": []}
    with Server(port=port, workers=workers) as server:
        http = server.login("bench-0", PASSWORD)

        def get(path: str, expect: int = 200) -> tuple[float, str]:
            started = time.perf_counter()
            r = http.get(server.base + path)
            spent = time.perf_counter() - started
            if r.status_code != expect:
                sys.exit(f"GET {path} answered {r.status_code}")
            return spent, r.text

        for cid in ids[:20]:  # warm-up: both workers, every template
            get(f"/asiakkaat/{cid}/")
            get("/ei-ole/", 404)
            get("/")
        for cid in _ids_for(ids, n):
            times["page"].append(get(f"/asiakkaat/{cid}/")[0])
            times["404"].append(get("/ei-ole/", 404)[0])
            times["home"].append(get("/")[0])
        fragment_paths: list[str] = []
        for cid in ids[: max(1, n // 10)]:
            html = get(f"/asiakkaat/{cid}/")[1]
            fragment_paths += re.findall(r'hx-get="([^"]+)"', html)
        for path in _ids_for(fragment_paths, n) if fragment_paths else []:
            times["fragment"].append(get(path.replace("&amp;", "&"))[0])
    return times


class Stopwatch:
    """Seconds spent inside the wrapped functions, per part, during one request. A part entered
    inside another (an audit write inside the access check) counts for itself only."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {"access": 0.0, "audit": 0.0, "widgets": 0.0}
        self._stack: list[tuple[str, float]] = []

    def wrap(self, owner: object, name: str, part: str) -> None:
        inner = getattr(owner, name)

        def timed(*args: object, **kwargs: object) -> object:
            now = time.perf_counter()
            if self._stack:  # pause the enclosing part
                outer, since = self._stack[-1]
                self.spent[outer] += now - since
            self._stack.append((part, now))
            try:
                return inner(*args, **kwargs)
            finally:
                done = time.perf_counter()
                _part, since = self._stack.pop()
                self.spent[part] += done - since
                if self._stack:  # resume it
                    self._stack[-1] = (self._stack[-1][0], done)

        setattr(owner, name, timed)

    def clear(self) -> None:
        self.spent = dict.fromkeys(self.spent, 0.0)


def in_process_breakdown(
    ids: list[int],
) -> tuple[list[float], list[float], list[float], list[float]]:
    from django.forms.boundfield import BoundField
    from django.test import Client as HttpClient

    from tukiverkko.access import policy
    from tukiverkko.access import selectors as access_selectors
    from tukiverkko.accounts.models import User
    from tukiverkko.audit import events
    from tukiverkko.cases import selectors as case_selectors
    from tukiverkko.consent import actions as consent_actions
    from tukiverkko.consent import content

    watch = Stopwatch()
    # The access check, the same scope as before (issue 7's TIMINGS["access"]) in today's code:
    # who may see the client (the policy's grants: ``standing``), and filtering the client's
    # content by consent — reading the journal entries and the consents (``disclosure_facts``),
    # and each decision of the content filter (``Disclosing.decide``; since issue 8 it covers
    # reasons, notes, network roles and contact details too, not only the journal).
    watch.wrap(policy, "standing", "access")
    watch.wrap(case_selectors, "visible_journal", "access")
    watch.wrap(content, "disclosure_facts", "access")
    watch.wrap(content.Disclosing, "decide", "access")
    # The audit writes (TIMINGS["audit"] before): logging the reads, disclosing under a consent
    # (its disclosure rows and the spending of an oral consent) and any change's event.
    watch.wrap(access_selectors, "record_access", "audit")
    watch.wrap(consent_actions, "disclose", "audit")
    watch.wrap(events, "append", "audit")
    # The action forms' widgets: each field rendered through the form renderer's templates.
    watch.wrap(BoundField, "as_widget", "widgets")
    http = HttpClient()
    http.force_login(User.objects.get(username="bench-0"))
    page, access_check, audit, widgets = [], [], [], []
    for cid in ids[:20]:
        http.get(f"/asiakkaat/{cid}/")
    for cid in ids:
        watch.clear()
        started = time.perf_counter()
        response = http.get(f"/asiakkaat/{cid}/")
        page.append(time.perf_counter() - started)
        assert response.status_code == 200
        access_check.append(watch.spent["access"])
        audit.append(watch.spent["audit"])
        widgets.append(watch.spent["widgets"])
    return page, access_check, audit, widgets


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def profile(ids: list[int], top: int) -> None:
    """cProfile of ``len(ids)`` in-process client pages: the functions by cumulative time."""
    import cProfile
    import pstats

    from django.test import Client as HttpClient

    from tukiverkko.accounts.models import User

    http = HttpClient()
    http.force_login(User.objects.get(username="bench-0"))
    for cid in ids[:10]:
        http.get(f"/asiakkaat/{cid}/")
    profiler = cProfile.Profile()
    profiler.enable()
    for cid in ids:
        http.get(f"/asiakkaat/{cid}/")
    profiler.disable()
    print(f"cProfile of {len(ids)} in-process client pages, top {top} by cumulative time:")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--entries", type=int, default=5_000_000, help="journal + audit rows")
    parser.add_argument("--requests", type=int, default=300, help="rounds of page, 404, home")
    parser.add_argument("--port", type=int, default=8177)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="TOP", help="print a cProfile")
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from tukiverkko.accounts.models import User
    from tukiverkko.cases.models import JournalEntry
    from tukiverkko.clients.models import Client

    if (
        args.regenerate
        or not User.objects.filter(username="bench-0").exists()
        or Client.objects.count() < args.clients
    ):
        print(
            f"Generating {args.clients} clients and {args.entries} journal + audit rows …",
            flush=True,
        )
        generate(args.clients, args.entries)
    from tukiverkko.audit.models import AccessLogEntry

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg_version = cur.fetchone()[0]
    print(f"machine: {platform.python_version()} Python, PostgreSQL {pg_version}; {load()}")
    print(
        f"Data: {Client.objects.count()} clients, {JournalEntry.objects.count()} journal entries, "
        f"{AccessLogEntry.objects.count()} access-log entries"
    )
    user = User.objects.get(username="bench-0")
    ids = sample_clients(user.organisation_id, args.requests)
    random.Random(1).shuffle(ids)
    times = http_benchmark(args.port, args.workers, ids, args.requests)
    home = times["home"]
    print(
        f"Over HTTP (gunicorn -w {args.workers}, the product's configuration, DEBUG off), "
        f"logged in as bench-0, {len(times['page'])} rounds of page, 404, home; {load()}:"
    )
    print(summary("floor: a 404 page", times["404"]))
    print(summary("floor: the logged-in home page /", home))
    print(summary("client page /asiakkaat/<id>/", times["page"], times["404"]))
    print(summary("  beside the home page", times["page"], home))
    if times["fragment"]:
        print(summary("a form fragment (hx-get), each", times["fragment"], times["404"]))
        print(summary("  beside the home page", times["fragment"], home))
    page, access_check, audit, widgets = in_process_breakdown(ids)
    mean_page = statistics.mean(page)
    print(
        f"In-process page (same view, no network): p50 {pct(page, 50) * 1000:.1f} ms, "
        f"p95 {pct(page, 95) * 1000:.1f} ms, mean {mean_page * 1000:.1f} ms"
    )
    for label, part in (
        ("access check", access_check),
        ("audit writes", audit),
        ("form widgets", widgets),
    ):
        print(
            f"  {label + ':':<14} mean {statistics.mean(part) * 1000:.2f} ms "
            f"= {statistics.mean(part) / mean_page:.1%} of page time"
        )
    if args.profile:
        profile(ids[:50], args.profile)


if __name__ == "__main__":
    main()
