"""Benchmark (issue 13): a FHIR CarePlan read and a CarePlan search over HTTP, beside a 404 of
the same server in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tukiverkko \
        .venv/bin/python benchmarks/fhir_careplan.py [--clients 300000] [--entries 600000]

1. Generates (once; a fresh database regenerates) the issue-10 data (``client_page.generate``)
   and the plans and referrals of a fifth of the cases (``path_pages.generate_path``).
2. Serves with gunicorn (benchmarks/gunicorn_server.py, the product's configuration), logs in
   as ``bench-0`` and times: the floor (``/fhir/R4/…`` 404 OperationOutcome, at the start and
   again at the end), ``GET /fhir/R4/CarePlan/<id>`` of random plans of bench-0's cases, and
   ``GET /fhir/R4/CarePlan?patient=Patient/<id>`` for their clients (a searchset Bundle) — each
   read through the access policy and written to the access log, as every read is.

Never point this at a database you care about.
"""

from __future__ import annotations

import argparse
import random

from client_page import PASSWORD, generate, setup_django
from gunicorn_server import Server, machine, summary
from path_pages import generate_path, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--entries", type=int, default=600_000, help="journal + audit rows")
    parser.add_argument("--requests", type=int, default=300, help="GETs per kind")
    parser.add_argument("--port", type=int, default=8194)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from tukiverkko.accounts.models import User
    from tukiverkko.plans.models import Plan

    if not User.objects.filter(username="bench-0").exists():
        print(f"Generating {args.clients} clients and {args.entries} journal + audit rows …")
        generate(args.clients, args.entries)
    if not Plan.objects.exists():
        print("Generating plans and referrals for a fifth of the cases …", flush=True)
        generate_path()
    user = User.objects.get(username="bench-0")
    plans = list(
        Plan.objects.filter(case__responsible_worker=user).values_list("pk", "case__client_id")
    )
    assert plans, "no plan of bench-0: generate the path data"
    random.Random(13).shuffle(plans)
    sample = [plans[i % len(plans)] for i in range(args.requests)]
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg_version = cur.fetchone()[0]
        cur.execute("SHOW fsync")
        fsync = cur.fetchone()[0]
    print(machine())
    print(f"PostgreSQL {pg_version} (fsync={fsync}), gunicorn workers={args.workers}")
    print("Data: " + ", ".join(f"{label} {count}" for label, count in sizes()))
    print(f"bench-0: {len(plans)} plans of its cases; {len(set(sample))} sampled")
    with Server(port=args.port, workers=args.workers) as server:
        http = server.login("bench-0", PASSWORD)
        n = args.requests
        floor = server.times(http, ["/fhir/R4/ei-ole"] * n, expect=404)
        read = server.times(http, [f"/fhir/R4/CarePlan/{pk}" for pk, _client in sample])
        search = server.times(
            http, [f"/fhir/R4/CarePlan?patient=Patient/{client}" for _pk, client in sample]
        )
        floor_after = server.times(http, ["/fhir/R4/ei-ole"] * n, expect=404)
    print("Over HTTP (gunicorn, DEBUG off), logged in as bench-0:")
    print(summary("floor: a FHIR 404 (OperationOutcome)", floor))
    print(summary("CarePlan read", read, floor))
    print(summary("CarePlan search by patient", search, floor))
    print(summary("floor again at the end: a FHIR 404", floor_after))


if __name__ == "__main__":
    main()
