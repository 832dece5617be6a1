"""Benchmark (issue 12): the client's own start page and access-log page on the national-size
data, beside trivial pages of the same server in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tukiverkko \
        .venv/bin/python benchmarks/portal_pages.py [--clients 300000] [--entries 600000]

1. Generates (once; a fresh database regenerates) the issue-10 data (``client_page.generate``)
   and the plans and referrals of a fifth of the cases (``path_pages.generate_path``).
2. Picks a client of ``bench-0`` whose case has a plan, and gives them ``--reads`` more reads
   in the access log (a much-read client: the log page shows the newest 50).
3. Serves with gunicorn (benchmarks/gunicorn_server.py, the product's configuration), logs the
   client in with a one-time code, and times: the floor (a 404 page of the same server, at the
   start and again at the end), ``/oma/`` (worker,
   network, meetings, referrals, plan) and ``/oma/loki/`` (the newest 50 reads in plain words
   and the disclosures) — each also written to the access log, as every read is.

Never point this at a database you care about.
"""

from __future__ import annotations

import argparse

from client_page import generate, setup_django
from gunicorn_server import Server, machine, summary
from path_pages import generate_path, sizes


def a_client_with_a_plan(reads: int) -> tuple[int, str]:
    """A client of bench-0 with a plan, with ``reads`` reads in the log; a fresh login code."""
    from tukiverkko.accounts.models import User
    from tukiverkko.audit.actions import record_access
    from tukiverkko.audit.models import AccessLogEntry
    from tukiverkko.cases.models import Case
    from tukiverkko.portal import actions

    user = User.objects.get(username="bench-0")
    case = (
        Case.objects.open().filter(responsible_worker=user, plan__isnull=False).order_by("pk")
    ).first() or Case.objects.filter(plan__isnull=False).order_by("pk").first()
    assert case is not None, "no case with a plan: generate the path data"
    have = AccessLogEntry.objects.filter(client_id=case.client_id).count()
    for i in range(max(0, reads - have)):
        record_access(
            user=user,
            client_id=case.client_id,
            what=f"journal_entry:{i}",
            purpose="information_exchange",
            allowed=True,
            basis="cases.responsible_worker",
        )
    _row, code = actions.issue_login_code(client=case.client, by=user)
    return case.client_id, code


def portal_login(server: Server, code: str):  # -> requests.Session
    import requests

    http = requests.Session()
    url = server.base + "/oma/kirjaudu/"
    http.get(url)
    answer = http.post(
        url,
        data={"code": code, "csrfmiddlewaretoken": http.cookies["csrftoken"]},
        headers={"Referer": url},
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"portal login failed: {answer.status_code}")
    return http


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--entries", type=int, default=600_000, help="journal + audit rows")
    parser.add_argument("--reads", type=int, default=500, help="reads in the client's log")
    parser.add_argument("--requests", type=int, default=300, help="GETs per page")
    parser.add_argument("--port", type=int, default=8193)
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
    client_id, code = a_client_with_a_plan(args.reads)
    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            version = cur.fetchone()[0]
            cur.execute("SHOW fsync")
            engine = f"PostgreSQL {version} (fsync={cur.fetchone()[0]})"
    else:
        engine = vendor
    print(machine())
    print(f"{engine}, gunicorn workers={args.workers}")
    print("Data: " + ", ".join(f"{label} {count}" for label, count in sizes()))
    print(f"The client: {args.reads}+ reads in their access log")
    with Server(port=args.port, workers=args.workers) as server:
        http = portal_login(server, code)
        n = args.requests
        not_found = server.times(http, ["/ei-ole/"] * n, expect=404)
        start = server.times(http, ["/oma/"] * n)
        log = server.times(http, ["/oma/loki/"] * n)
        not_found_after = server.times(http, ["/ei-ole/"] * n, expect=404)
    print(f"Over HTTP (gunicorn, DEBUG off), the client {client_id} logged in to the portal:")
    print(summary("floor: a 404 page", not_found))
    print(summary("portal start page (/oma/)", start, not_found))
    print(summary("access-log page (/oma/loki/)", log, not_found))
    print(summary("floor again at the end: a 404", not_found_after))


if __name__ == "__main__":
    main()
