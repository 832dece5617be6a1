"""Benchmark (issue 13): the regional effectiveness dashboard (/seuranta/?region=…) on generated
data, beside a 404 page of the same server in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tukiverkko \
        .venv/bin/python benchmarks/monitoring_dashboard.py [--clients 300000] [--entries 600000]

1. Generates (once; a fresh database regenerates) the issue-10 data (``client_page.generate``:
   clients, cases, journal and audit rows, all cases in the benchmark region's 20
   organisations; ``path_pages.generate_path``: plans with goals and actions and referrals for
   a fifth of the cases), then by INSERT … SELECT: the cases' opening spread over the last year,
   a WAS at start and at 0–3 reviews for half of the cases, a GAS review of every goal, an
   outcome for the closed cases and portal feedback for a tenth.
2. Creates the manager ``bench-manager`` and serves with gunicorn (benchmarks/gunicorn_server.py,
   the product's configuration); times, logged in as the manager, the floor (a 404, at the
   start and at the end) and the dashboard of the benchmark region — every indicator over the
   whole region, grouped by organisation, each read writing its audit event as in the product:
   first ``--cold`` reads under filters not yet counted (each a different start date before the
   data, so the same cases: every table computed), then ``--requests`` reads of one filter set
   (its tables kept for a few minutes, decision 0354; each of the gunicorn workers counts them
   once, so a timed read may still be a computing one).

Never point this at a database you care about.
"""

from __future__ import annotations

import argparse

from client_page import PASSWORD, generate, setup_django
from gunicorn_server import Server, machine, summary
from path_pages import generate_path, sizes

MANAGER = "bench-manager"


def generate_monitoring() -> None:
    """The assessments, reviews, outcomes and feedback the dashboard reads."""
    from django.db import connection, transaction

    statements = [
        # cases identified over the last year (not all today)
        "UPDATE cases_case SET opened_at = now() - (id % 360) * interval '1 day'",
        # a WAS at start and at 0–3 reviews (a month apart) for half of the cases
        """INSERT INTO assessments_instrumentassessment (source_register, source_category,
            source_organisation_id, case_id, instrument, instrument_version, assessed_on,
            answers, score, band, result, recorded_by_id, recorded_at, by_client)
            SELECT 'other', 'health', c.organisation_id, c.id, 'was', 'bench',
            (c.opened_at + r * interval '30 days')::date, '{}',
            LEAST(10, (c.id % 6) + r * ((c.id / 7) % 3)), '', '{}', c.responsible_worker_id,
            now(), false
            FROM cases_case c, generate_series(0, 3) r
            WHERE c.id % 2 = 0 AND r <= (c.id / 3) % 4""",
        # a GAS review of every goal
        """INSERT INTO plans_goalreview (source_register, source_category, source_organisation_id,
            goal_id, reviewed_on, attainment, note, by_id, created_at)
            SELECT 'other', 'social', g.source_organisation_id, g.id, current_date,
            (g.id % 5) - 2, '', c.responsible_worker_id, now()
            FROM plans_goal g JOIN plans_plan p ON p.id = g.plan_id
            JOIN cases_case c ON c.id = p.case_id""",
        # an outcome for the closed cases
        """UPDATE cases_case SET closed_on = current_date,
            outcome = (ARRAY['open_labour_market','supported_employment','studies',
            'rehabilitation','pension','other'])[1 + id % 6]
            WHERE phase = 'closed'""",
        # portal feedback for a tenth of the cases
        """INSERT INTO portal_feedback (client_id, case_id, "on", rating, text, given_at)
            SELECT c.client_id, c.id, CASE WHEN c.id % 20 = 0 THEN 'path' ELSE 'meeting' END,
            1 + c.id % 5, '', now() FROM cases_case c WHERE c.id % 10 = 0""",
        "ANALYZE",
    ]
    with transaction.atomic(), connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--entries", type=int, default=600_000, help="journal + audit rows")
    parser.add_argument("--requests", type=int, default=50, help="GETs per page")
    parser.add_argument("--cold", type=int, default=5, help="GETs under new filters")
    parser.add_argument("--port", type=int, default=8195)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from tukiverkko.accounts.models import Organisation, Region, Role, User
    from tukiverkko.assessments.models import InstrumentAssessment
    from tukiverkko.audit.events import EventType
    from tukiverkko.audit.models import EventLogEntry
    from tukiverkko.plans.models import Plan

    if not User.objects.filter(username="bench-0").exists():
        print(f"Generating {args.clients} clients and {args.entries} journal + audit rows …")
        generate(args.clients, args.entries)
    if not Plan.objects.exists():
        print("Generating plans and referrals for a fifth of the cases …", flush=True)
        generate_path()
    if not InstrumentAssessment.objects.exists():
        print("Generating assessments, reviews, outcomes and feedback …", flush=True)
        generate_monitoring()
    region = Region.objects.get(slug="bench")
    manager, created = User.objects.get_or_create(
        username=MANAGER,
        defaults={"role": Role.MANAGER, "organisation": Organisation.objects.get(slug="bench-0")},
    )
    if created:
        manager.set_password(PASSWORD)
        manager.save()
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
        cur.execute("SHOW fsync")
        engine = f"PostgreSQL {version} (fsync={cur.fetchone()[0]})"
    print(machine())
    print(f"{engine}, gunicorn workers={args.workers}")
    data = [
        *sizes(),
        ("WAS assessments", InstrumentAssessment.objects.count()),
        ("organisations in the region", Organisation.objects.filter(region=region).count()),
    ]
    print("Data: " + ", ".join(f"{label} {count}" for label, count in data))
    path = f"/seuranta/?region={region.pk}&start=1.1.2000"
    new = [f"/seuranta/?region={region.pk}&start={day}.1.1999" for day in range(1, args.cold + 1)]
    reads = EventLogEntry.objects.filter(event=EventType.MONITORING_READ)
    reads_before = reads.count()
    with Server(port=args.port, workers=args.workers) as server:
        http = server.login(MANAGER, PASSWORD)
        n = args.requests
        not_found = server.times(http, ["/ei-ole/"] * n, expect=404, warm_up=3)
        cold = server.times(http, new, warm_up=0) if new else []
        board = server.times(http, [path] * n, warm_up=3)
        not_found_after = server.times(http, ["/ei-ole/"] * n, expect=404, warm_up=3)
    logged = reads.count() - reads_before
    print(f"Over HTTP (gunicorn, DEBUG off), logged in as {MANAGER} (role manager):")
    print(summary("floor: a 404 page", not_found))
    if cold:
        print(summary("dashboard, new filters (computed)", cold, not_found))
    print(summary(f"regional dashboard ({path})", board, not_found))
    print(summary("floor again at the end: a 404", not_found_after))
    print(f"monitoring_read events written: {logged} for {len(new) + n + 3} reads")


if __name__ == "__main__":
    main()
