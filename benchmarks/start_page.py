"""Benchmark (issue 11): the professional's start page and the task list on the national-size
data, beside trivial pages of the same server in the same run; and the reminder job on
PostgreSQL over every case of that data.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tukiverkko \
        .venv/bin/python benchmarks/start_page.py [--clients 300000] [--entries 600000]

1. Generates (once; a fresh database regenerates) the issue-10 data: ``--clients`` clients with
   their cases, journal and access log (``client_page.generate``), plans, versions, goals,
   actions and referrals for a fifth of the cases (``path_pages.generate_path``).
2. Runs the reminder job (``followup.jobs.run_reminders``) twice in this process and prints its
   time beside a floor of the same run (reading every open case's id, client and worker into
   Python): the first run opens the tasks, the second is a daily run's steady state.
3. Gives the benchmark user ``bench-0`` a work-ability team meeting every other week, with a
   meeting in three days holding one of its cases on the agenda.
4. Serves with gunicorn (benchmarks/gunicorn_server.py, the product's configuration) and times,
   logged in as ``bench-0``: the floors (a 404 and the home page ``/``), the start page
   ``/tyopoyta/`` (tasks, hand-overs, meetings, the inbox, my clients, and the navigation's
   counts) and the task list ``/tehtavat/``.

Never point this at a database you care about.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from client_page import PASSWORD, generate, setup_django
from gunicorn_server import Server, machine, summary
from path_pages import generate_path, sizes


def read_floor() -> float:
    """The least the job reads: every open case's id, client and worker, into Python."""
    from tukiverkko.cases.models import Case

    started = time.perf_counter()
    rows = list(
        Case.objects.open().values_list("pk", "client_id", "responsible_worker_id").iterator()
    )
    assert rows
    return time.perf_counter() - started


def team_for(username: str) -> None:
    from django.utils import timezone

    from tukiverkko.accounts.models import Role, User
    from tukiverkko.cases.models import Case
    from tukiverkko.teams import actions
    from tukiverkko.teams.models import Team

    user = User.objects.get(username=username)
    if Team.objects.filter(name="bench-tiimi").exists():
        return
    org = user.organisation
    lead, _ = User.objects.get_or_create(
        username="bench-koordinaattori",
        defaults={"role": Role.WORK_ABILITY_COORDINATOR, "organisation": org, "unit": user.unit},
    )
    team = actions.create_team(
        by=lead, name="bench-tiimi", kind="work_ability", organisation=org, region=org.region
    )
    actions.add_member(
        team=team, by=lead, role=lead.role, organisation=org, user=lead, coordinating=True
    )
    actions.add_member(team=team, by=lead, role=user.role, organisation=org, user=user)
    start = timezone.now() + dt.timedelta(days=3)
    series = actions.add_series(
        team=team,
        by=lead,
        first_starts_at=start,
        duration_minutes=60,
        rrule="FREQ=WEEKLY;INTERVAL=2",
        mode="virtual",
    )
    meeting = actions.meeting_of(series, start, user)
    case = Case.objects.open().filter(responsible_worker=user).first()
    actions.add_to_agenda(
        meeting=meeting,
        case=case,
        by=user,
        question="Monialainen arvio.",
        categories=["health"],
        purpose="planning_without_client",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--entries", type=int, default=600_000, help="journal + audit rows")
    parser.add_argument("--requests", type=int, default=300, help="GETs per page")
    parser.add_argument("--port", type=int, default=8192)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from tukiverkko.accounts.models import User
    from tukiverkko.followup.jobs import run_reminders
    from tukiverkko.followup.models import Task
    from tukiverkko.plans.models import Plan

    if not User.objects.filter(username="bench-0").exists():
        print(f"Generating {args.clients} clients and {args.entries} journal + audit rows …")
        generate(args.clients, args.entries)
    if not Plan.objects.exists():
        print("Generating plans and referrals for a fifth of the cases …", flush=True)
        generate_path()
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg_version = cur.fetchone()[0]
        cur.execute("SHOW fsync")
        fsync = cur.fetchone()[0]
    print(machine())
    print(f"PostgreSQL {pg_version} (fsync={fsync}), gunicorn workers={args.workers}")
    print("Data: " + ", ".join(f"{label} {count}" for label, count in sizes()))
    floor = read_floor()
    started = time.perf_counter()
    first = run_reminders()
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    second = run_reminders()
    second_s = time.perf_counter() - started
    floor_after = read_floor()
    print("The reminder job, in-process:")
    print(f"  floor: read every open case into Python   {floor * 1000:8.1f} ms")
    print(
        f"  job, first run                            {first_s * 1000:8.1f} ms   "
        f"({first_s / floor:.1f}× the floor; {first.opened if first else '-'} opened)"
    )
    print(
        f"  job, second run (steady state)            {second_s * 1000:8.1f} ms   "
        f"({second_s / floor:.1f}× the floor; {second.opened if second else '-'} opened)"
    )
    print(f"  floor again                               {floor_after * 1000:8.1f} ms")
    team_for("bench-0")
    user = User.objects.get(username="bench-0")
    mine = Task.objects.filter(owner=user, status="open").count()
    print(f"bench-0: {mine} open tasks, one team meeting in three days with a case on it")
    with Server(port=args.port, workers=args.workers) as server:
        http = server.login("bench-0", PASSWORD)
        n = args.requests
        not_found = server.times(http, ["/ei-ole/"] * n, expect=404)
        home = server.times(http, ["/"] * n)
        start = server.times(http, ["/tyopoyta/"] * n)
        tasks = server.times(http, ["/tehtavat/"] * n)
        not_found_after = server.times(http, ["/ei-ole/"] * n, expect=404)
    print("Over HTTP (gunicorn, DEBUG off), logged in as bench-0:")
    print(summary("floor: a 404 page", not_found))
    print(summary("floor: the home page /", home))
    print(summary("start page (/tyopoyta/)", start, not_found))
    print(summary("  beside the home page", start, home))
    print(summary("task list (/tehtavat/)", tasks, not_found))
    print(summary("  beside the home page", tasks, home))
    print(summary("floor again at the end: a 404", not_found_after))


if __name__ == "__main__":
    main()
