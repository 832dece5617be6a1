"""Benchmark (issue 11): the follow-up reminder job over every case of the national-size data,
at 30,000 and 300,000 clients, beside floors measured in the same run.

    .venv/bin/python benchmarks/reminders.py [--clients 30000 300000] [--db DIR]
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tv_bench \
        .venv/bin/python benchmarks/reminders.py --clients 300000

1. Builds (once per size; a fresh database file per size on SQLite, in ``--db``) the data the
   sources read. On PostgreSQL the clients, cases, journal and access log come from
   ``client_page.generate`` and the plans, actions, versions and referrals from
   ``path_pages.generate_path`` (the issue-10 builder); on SQLite — which those builders'
   ``generate_series`` and ``hashtext`` do not speak — the same shape is made with
   ``bulk_create``: a case per client over 20 organisations (a sixth closed), opened 0–400 days
   ago; a plan for a fifth, reviewed from 30 days ago to 180 days on, with two goals and two
   actions. On both, added here: the follow-up person (step 7) for half the cases, the actions
   of every 25th plan made kuntouttava työtoiminta started 0–800 days ago and of every 40th job
   coaching, goal reviews for every 3rd plan, one consent a client (valid until −10…+400 days,
   every 50th an oral one used up), a referral for every 5th case in every status with its due
   date, two event-log entries a client over the last 200 days, and two departed workers
   (accounts closed) holding their organisations' cases among the first 1 %.
2. Times, in this process: the floors — ``count(*)`` of the open cases, and reading every
   open case's id, client, worker and opening time into Python (the least the job could read) —
   then the job's first run (it opens the tasks), a second run (nothing to change: the steady
   state of a daily run), and each source alone.

Never point this at a database you care about: the audit rows it writes carry placeholder
hashes (the chain of a benchmark database does not verify).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("TUKIVERKKO_ENV", "demo")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-reminders-not-a-secret")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tukiverkko.settings")
# Mail to memory: the job sends its notices, the benchmark counts them.
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

N_ORGS = 20
BATCH = 20_000


def _pg() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def setup(db_file: Path | None) -> None:
    if db_file is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    import django

    django.setup()


def _chunks(n: int) -> list[range]:
    return [range(start, min(start + BATCH, n)) for start in range(0, n, BATCH)]


def base_sqlite(n: int) -> None:
    """Clients, cases and plans (goals, actions) in the shape of client_page/path_pages."""
    from django.utils import timezone

    from tukiverkko.accounts.models import Organisation, Region, Role, User
    from tukiverkko.cases.models import Case
    from tukiverkko.clients import crypto
    from tukiverkko.clients.models import Client
    from tukiverkko.demo.hetu import fictitious
    from tukiverkko.plans.models import Goal, Plan, PlanAction

    region, _ = Region.objects.get_or_create(slug="bench", defaults={"name_fi": "Benchmark"})
    orgs = [
        Organisation.objects.get_or_create(
            slug=f"bench-{i}",
            defaults={"name_fi": f"Bench {i}", "sector": "public", "region": region},
        )[0]
        for i in range(N_ORGS)
    ]
    workers = [
        User.objects.get_or_create(
            username=f"bench-{i}", defaults={"organisation": o, "role": Role.SOCIAL_WORKER}
        )[0]
        for i, o in enumerate(orgs)
    ]
    token = crypto.encrypt(fictitious(dt.date(1980, 1, 1), 999))
    now = timezone.now()
    today = timezone.localdate()
    phases = ["identification", "joint_assessment", "joint_plan", "implementation", "follow_up"]
    for part in _chunks(n):
        Client.objects.bulk_create(
            [
                Client(
                    pk=i + 1,
                    henkilotunnus_encrypted=token,
                    henkilotunnus_hash=f"{i:064d}",
                    birth_date=dt.date(1960, 1, 1) + dt.timedelta(days=i % 16000),
                    first_name=f"Etu{i}",
                    last_name=f"Suku{i % 5000}",
                    languages=["fi"],
                    contact_register="",
                )
                for i in part
            ],
            batch_size=5000,
        )
        Case.objects.bulk_create(
            [
                Case(
                    pk=i + 1,
                    client_id=i + 1,
                    organisation_id=orgs[i % N_ORGS].pk,
                    register="other",
                    phase="closed" if i % 6 == 5 else phases[i % 6],
                    responsible_worker_id=workers[i % N_ORGS].pk,
                    opened_at=now - dt.timedelta(days=(i * 7919) % 400, hours=i % 24),
                )
                for i in part
            ],
            batch_size=5000,
        )
    planned = [i for i in range(n) if (i * 2654435761) % 5 == 0]
    for start in range(0, len(planned), BATCH):
        part = planned[start : start + BATCH]
        Plan.objects.bulk_create(
            [
                Plan(
                    pk=i + 1,
                    case_id=i + 1,
                    client_goal=f"Haluan palata työelämään ({i}).",
                    next_review_on=today + dt.timedelta(days=-30 + (i * 31) % 210),
                    source_organisation_id=orgs[i % N_ORGS].pk,
                    source_register="other",
                    source_category="social",
                    version=2,
                    created_at=now - dt.timedelta(days=90),
                )
                for i in part
            ],
            batch_size=5000,
        )
        Goal.objects.bulk_create(
            [
                Goal(plan_id=i + 1, text="Tavoite", position=g, source_register="other")
                for i in part
                for g in (0, 1)
            ],
            batch_size=5000,
        )
        PlanAction.objects.bulk_create(
            [
                PlanAction(
                    plan_id=i + 1,
                    text="Toimenpide",
                    responsible="client",
                    starts_on=today - dt.timedelta(days=30 - a * 14),
                    ends_on=today + dt.timedelta(days=120 + a * 30),
                    status="in_progress" if a == 0 else "planned",
                    position=a,
                    source_register="other",
                )
                for i in part
                for a in (0, 1)
            ],
            batch_size=5000,
        )


def extras(n: int) -> None:
    """What the follow-up sources read beyond the issue-10 data (on either database)."""
    from django.db import connection
    from django.utils import timezone

    from tukiverkko.accounts.models import Organisation, Role, User
    from tukiverkko.audit.models import ChainHead, EventLogEntry
    from tukiverkko.cases.models import Case
    from tukiverkko.catalogue.models import ServiceType
    from tukiverkko.consent.models import Consent
    from tukiverkko.plans.models import Goal, GoalReview, Plan, PlanAction
    from tukiverkko.referrals.models import Referral

    now = timezone.now()
    today = timezone.localdate()
    orgs = list(Organisation.objects.filter(slug__startswith="bench-").order_by("pk"))[:N_ORGS]
    workers = list(User.objects.filter(username__in=[f"bench-{i}" for i in range(N_ORGS)]))
    for w in workers:
        w.email = f"{w.username}@example.org"
    User.objects.bulk_update(workers, ["email"])
    by_org = {w.organisation_id: w for w in workers}
    for org in orgs:  # the one who hands caseloads over
        User.objects.get_or_create(
            username=f"{org.slug}-koordinaattori",
            defaults={"organisation": org, "role": Role.WORK_ABILITY_COORDINATOR},
        )
    departed = [
        User.objects.get_or_create(
            username=f"bench-lahtenyt-{k}",
            defaults={"organisation": orgs[k], "role": Role.SOCIAL_WORKER, "is_active": False},
        )[0]
        for k in range(2)
    ]
    cases = Case.objects.order_by("pk")
    lo = cases.values_list("pk", flat=True).first() or 1
    # the follow-up person: another worker of the organisation for half of the cases
    followers = {o.pk: by_org[orgs[(k + 1) % len(orgs)].pk] for k, o in enumerate(orgs)}
    for org_id, person in followers.items():
        Case.objects.filter(organisation_id=org_id, pk__lt=lo + n // 2).update(follow_up_by=person)
    for k, worker in enumerate(departed):
        Case.objects.filter(organisation_id=orgs[k].pk, pk__lt=lo + n // 100).update(
            responsible_worker=worker
        )
    ktt, _ = ServiceType.objects.get_or_create(
        slug="kuntouttava-tyotoiminta", defaults={"name_fi": "KTT", "description_fi": "KTT"}
    )
    coaching, _ = ServiceType.objects.get_or_create(
        slug="vammaispalvelujen-tyohonvalmennus",
        defaults={"name_fi": "Työhönvalmennus", "description_fi": "Työhönvalmennus"},
    )
    plan_ids = list(Plan.objects.order_by("pk").values_list("pk", flat=True))
    for k, pid in enumerate(plan_ids[::25]):
        PlanAction.objects.filter(plan_id=pid, position=1).update(
            service_type=ktt, starts_on=today - dt.timedelta(days=(k * 37) % 800), ends_on=None
        )
    for k, pid in enumerate(plan_ids[1::40]):
        PlanAction.objects.filter(plan_id=pid, position=1).update(
            service_type=coaching,
            status="in_progress",
            starts_on=today - dt.timedelta(days=(k * 11) % 200),
        )
    goals = list(
        Goal.objects.filter(plan_id__in=plan_ids[::3], position=0).values_list("pk", "plan_id")
    )
    some = User.objects.filter(username="bench-0").first()
    GoalReview.objects.bulk_create(
        [
            GoalReview(
                goal_id=g,
                reviewed_on=today - dt.timedelta(days=(p * 13) % 150),
                attainment=0,
                by=some,
                source_register="other",
            )
            for g, p in goals
        ],
        batch_size=5000,
    )
    # one consent a client
    pairs = list(cases.values_list("client_id", "organisation_id"))
    for start in range(0, len(pairs), BATCH):
        Consent.objects.bulk_create(
            [
                Consent(
                    client_id=c,
                    disclosing_organisation_id=org,
                    disclosing_register="other",
                    categories=["employment"],
                    purposes=["information_exchange"],
                    form="oral" if c % 50 == 0 else "other_written",
                    signature_method="oral_recorded" if c % 50 == 0 else "handwritten",
                    valid_from=today - dt.timedelta(days=200),
                    valid_until=today + dt.timedelta(days=-10 + (c * 17) % 410),
                    recorded_by=by_org[org],
                    recorded_at=now - dt.timedelta(days=200),
                    used_at=now - dt.timedelta(days=c % 30) if c % 50 == 0 else None,
                )
                for c, org in pairs[start : start + BATCH]
            ],
            batch_size=5000,
        )
    # referrals: on SQLite made here (path_pages makes them on PostgreSQL)
    if not Referral.objects.exists():
        statuses = ["draft", "sent", "received", "accepted", "in_progress", "completed", "closed"]
        rows = list(cases.values_list("pk", "organisation_id", "responsible_worker_id")[::5])
        position = {o.pk: k for k, o in enumerate(orgs)}
        for start in range(0, len(rows), BATCH):
            Referral.objects.bulk_create(
                [
                    Referral(
                        case_id=pk,
                        to_organisation_id=orgs[(position[org] + 7) % len(orgs)].pk,
                        situation="Tilanne.",
                        question="Kysymys.",
                        status=statuses[pk % 7],
                        sender_id=worker,
                        due_on=today + dt.timedelta(days=-40 + pk % 60) if pk % 7 else None,
                        source_organisation_id=org,
                        source_register="other",
                    )
                    for pk, org, worker in rows[start : start + BATCH]
                ],
                batch_size=5000,
            )
    # two event-log entries a client over the last 200 days (placeholder hashes)
    head, _ = ChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": "0" * 64})
    seq = head.seq
    client_ids = [c for c, _org in pairs]
    for start in range(0, len(client_ids), BATCH):
        part = client_ids[start : start + BATCH]
        EventLogEntry.objects.bulk_create(
            [
                EventLogEntry(
                    at=now - dt.timedelta(days=(c * (7 + e * 5)) % 200, minutes=e),
                    actor_kind="professional",
                    username="bench",
                    client_id=c,
                    event="journal_add",
                    ref="x",
                    seq=seq + 2 * (start + k) + e + 1,
                    prev_hash="0" * 64,
                    entry_hash="0" * 64,
                )
                for k, c in enumerate(part)
                for e in (0, 1)
            ],
            batch_size=5000,
        )
    seq += 2 * len(client_ids)
    ChainHead.objects.filter(pk=1).update(seq=seq)
    # explicit ids above: let the sequences (PostgreSQL) continue after them
    from django.core.management.color import no_style

    from tukiverkko.clients.models import Client

    models = [Client, Case, Plan, Goal, PlanAction, GoalReview, Consent, Referral, EventLogEntry]
    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cur.execute(sql)
        cur.execute("ANALYZE")


def build(n: int) -> float:
    from django.core.management import call_command

    from tukiverkko.accounts.models import User

    call_command("migrate", verbosity=0)
    if User.objects.filter(username="bench-lahtenyt-0").exists():
        return 0.0
    started = time.perf_counter()
    if _pg():
        from client_page import generate
        from path_pages import generate_path

        generate(n, 2 * n)
        generate_path()
    else:
        base_sqlite(n)
    extras(n)
    return time.perf_counter() - started


def sizes() -> list[tuple[str, int]]:
    from tukiverkko.audit.models import EventLogEntry
    from tukiverkko.cases.models import Case
    from tukiverkko.consent.models import Consent
    from tukiverkko.followup.models import Task
    from tukiverkko.plans.models import Plan, PlanAction
    from tukiverkko.referrals.models import Referral

    return [
        ("cases", Case.objects.count()),
        ("open", Case.objects.open().count()),
        ("plans", Plan.objects.count()),
        ("plan actions", PlanAction.objects.count()),
        ("referrals", Referral.objects.count()),
        ("consents", Consent.objects.count()),
        ("event-log entries", EventLogEntry.objects.count()),
        ("open tasks", Task.objects.open().count()),
    ]


def timed(fn, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(n: int) -> dict[str, float]:
    from django.db import connection
    from django.utils import timezone

    from tukiverkko.cases.models import Case
    from tukiverkko.core.due import sources
    from tukiverkko.followup import jobs
    from tukiverkko.followup.models import Task

    def count_cases() -> None:
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM cases_case WHERE phase <> 'closed'")
            cur.fetchone()

    def read_open_cases() -> None:
        list(
            Case.objects.open().values_list("pk", "client_id", "responsible_worker_id", "opened_at")
        )

    out = {
        "floor: count(*) of the open cases": timed(count_cases, 5),
        "floor: read every open case (4 columns) into Python": timed(read_open_cases, 3),
    }
    Task.objects.all().delete()
    runs = []
    for label in ("job, first run (opens the tasks)", "job, second run (nothing changes)"):
        started = time.perf_counter()
        run = jobs.run_reminders()
        out[label] = time.perf_counter() - started
        runs.append(run)
    today = timezone.localdate()
    for path, source in sources():
        found: list[int] = []
        out[f"  source {path.removeprefix('tukiverkko.')}"] = timed(
            lambda s=source, f=found: f.append(len(list(s(today)))), 1
        )
        print(f"    {path}: {found[0]:,} due", flush=True)
    first, second = runs
    print(
        f"    first run: {first.dues} due, {first.opened} opened, {first.mails} e-mails; "
        f"second run: {second.opened} opened, {second.updated} updated, "
        f"{second.closed} closed, {second.mails} e-mails",
        flush=True,
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[30_000, 300_000])
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "bench-reminders")
    args = parser.parse_args()
    if _pg() and len(args.clients) > 1:
        sys.exit("On PostgreSQL give one --clients per database (DATABASE_URL names it).")
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}",
        flush=True,
    )
    args.db.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, float]] = {}
    for n in args.clients:
        if _pg():
            setup(None)
        else:
            # one process per size: Django is set up once a process
            if len(args.clients) > 1:
                import subprocess

                subprocess.run(
                    [sys.executable, __file__, "--clients", str(n), "--db", str(args.db)],
                    check=True,
                )
                continue
            setup(args.db / f"reminders-{n}.sqlite3")
        from django.db import connection

        built = build(n)
        vendor = connection.vendor
        if vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("select sqlite_version()")
                version = f"SQLite {cur.fetchone()[0]}"
        else:
            with connection.cursor() as cur:
                cur.execute("SHOW server_version")
                version = f"PostgreSQL {cur.fetchone()[0]}"
        print(f"== {n} clients on {version}" + (f" (built in {built:.0f} s)" if built else ""))
        results[n] = measure(n)
        print("    data: " + ", ".join(f"{k} {v:,}" for k, v in sizes()))
        floor = results[n]["floor: count(*) of the open cases"]
        read = results[n]["floor: read every open case (4 columns) into Python"]
        for label, seconds in results[n].items():
            ratio = (
                f"  {seconds / floor:8.0f}× count(*)  {seconds / read:6.1f}× the read"
                if not label.startswith("floor: count")
                else ""
            )
            print(f"    {label:<58} {seconds * 1000:10.1f} ms{ratio}", flush=True)
        (args.db / f"result-{n}.json").write_text(json.dumps(results[n]))
    done = [n for n in args.clients if (args.db / f"result-{n}.json").exists()]
    if len(done) > 1:
        small, big = min(done), max(done)
        a = json.loads((args.db / f"result-{small}.json").read_text())
        b = json.loads((args.db / f"result-{big}.json").read_text())
        print(f"== growth from {small:,} to {big:,} clients ({big / small:.0f}× the data)")
        for label in a:
            if label in b and a[label] > 0:
                print(f"    {label:<58} {b[label] / a[label]:6.1f}×")


if __name__ == "__main__":
    main()
