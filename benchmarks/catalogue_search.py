"""Catalogue search over HTTP under gunicorn: p50/p95 on the real catalogue, then on ~20,000
services, beside a 404 page of the same server in the same run (issue 15).

    .venv/bin/python benchmarks/catalogue_search.py [--rounds 20] [--size 20000] [--baseline main]
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tv_search .venv/bin/python \
        benchmarks/catalogue_search.py --baseline main

Steps: migrate the database (a temporary SQLite file, or the empty PostgreSQL database of
``DATABASE_URL`` — never one you care about), load data/catalogue/*.yaml with the real command,
serve it with gunicorn and the product's configuration (benchmarks/gunicorn_server.py, DEBUG
off) and send a fixed set of searches, each followed by a 404 page of the same server (the
floor). With ``--baseline GIT_REF`` a second gunicorn serves the same database with that
commit's ``src``, and every round asks both servers, in an order flipped each round: the
before/after comparison runs under the same machine load. Then the catalogue is enlarged with
synthetic but realistic services (Faker fi_FI organisation names, real texts recombined, spread
over the regions' municipalities, ``search_lemmas`` built with Voikko as the loader does) and
measured again. Prints the machine, its load, the data sizes, p50/p95 per search, and the p95
of all searches ÷ the p95 of the 404 page. Only loopback traffic; bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from gunicorn_server import Server, machine, pct

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "/ei-ole/"  # a 404 of the same server: middleware, URL resolving, a small template

# (label, query string) — inflected words, filters, their combinations and the empty query.
SEARCHES: list[tuple[str, dict[str, str]]] = [
    ("empty query", {}),
    ("q=kuntoutus", {"q": "kuntoutus"}),
    ("q=kuntoutuksen", {"q": "kuntoutuksen"}),
    ("q=työkyvyn", {"q": "työkyvyn"}),
    ("q=nuorten työpajat", {"q": "nuorten työpajat"}),
    ("q=mielenterveyden", {"q": "mielenterveyden"}),
    ("need_area=rehabilitation", {"need_area": "rehabilitation"}),
    ("municipality=Heinola", {"municipality": "Heinola"}),
    ("age=22 + access_route=self", {"age": "22", "access_route": "self_referral"}),
    (
        "q=työkyvyn + region + sector",
        {"q": "työkyvyn", "region": "paijat-hame", "sector": "public"},
    ),
    ("q=kuntakokeilu + ended", {"q": "kuntakokeilu", "include_ended": "on"}),
    ("htmx q=työkyky", {"q": "työkyky", "_htmx": "1"}),
]


def server_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "TUKIVERKKO_ENV": "demo",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tukiverkko.settings",
    }


def setup_django(database_url: str) -> None:
    os.environ.update(server_env(database_url))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def search(http: requests.Session, base: str, params: dict[str, str]) -> tuple[float, int]:
    params = dict(params)
    headers = {"HX-Request": "true"} if params.pop("_htmx", None) else {}
    started = time.perf_counter()
    r = http.get(base + "/palvelut/", params=params, headers=headers)
    seconds = time.perf_counter() - started
    if r.status_code != 200:
        raise RuntimeError(f"search {params} answered {r.status_code}")
    return seconds, len(r.content)


def floor(http: requests.Session, base: str) -> float:
    started = time.perf_counter()
    r = http.get(base + FLOOR)
    seconds = time.perf_counter() - started
    if r.status_code != 404:
        raise RuntimeError(f"{FLOOR} answered {r.status_code}")
    return seconds


def measure(servers: list[tuple[str, Server]], rounds: int, title: str) -> dict[str, str]:
    """Every round: each server (order flipped each round), each search followed by the 404."""
    sessions = {code: requests.Session() for code, _s in servers}
    for code, server in servers:  # warm-up: Voikko, caches, connections
        for _label, params in SEARCHES:
            search(sessions[code], server.base, params)
            floor(sessions[code], server.base)
    times = {(code, label): [] for code, _s in servers for label, _p in SEARCHES}
    floors: dict[str, list[float]] = {code: [] for code, _s in servers}
    sizes: dict[str, int] = {}
    for n in range(rounds):
        order = servers if n % 2 == 0 else servers[::-1]
        for code, server in order:
            for label, params in SEARCHES:
                seconds, size = search(sessions[code], server.base, params)
                times[code, label].append(seconds)
                sizes[label] = size
                floors[code].append(floor(sessions[code], server.base))
    print(f"\n## {title}: {len(SEARCHES)} searches × {rounds} rounds, each followed by {FLOOR}")
    print(f"{'search':30} {'KiB':>5}" + "".join(f" {code[:22]:>22}" for code, _s in servers))
    for label, _p in SEARCHES:
        cells = "".join(
            f" {pct(times[code, label], 50) * 1000:9.1f} /{pct(times[code, label], 95) * 1000:7.1f}"
            "    "
            for code, _s in servers
        )
        print(f"{label:30} {sizes[label] / 1024:5.1f}{cells}")
    lines = {}
    for code, _s in servers:
        every = [t for (c, _label), ts in times.items() if c == code for t in ts]
        s50, s95 = pct(every, 50) * 1000, pct(every, 95) * 1000
        f50, f95 = pct(floors[code], 50) * 1000, pct(floors[code], 95) * 1000
        lines[code] = (
            f"all searches p50 {s50:.1f} / p95 {s95:.1f} ms (n={len(every)}); "
            f"404 p50 {f50:.2f} / p95 {f95:.2f} ms; ratio p50 {s50 / f50:.1f}× / p95 {s95 / f95:.1f}×"
        )
        print(f"  {code}: {lines[code]}")
    return lines


def load() -> str:
    return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def enlarge(target: int, seed: int = 20250101) -> None:
    """Add synthetic services until the catalogue holds about ``target`` services."""
    from faker import Faker

    from tukiverkko.accounts.models import Municipality, Organisation, Region
    from tukiverkko.catalogue.models import (
        AccessRoute,
        NeedArea,
        Service,
        ServiceType,
    )
    from tukiverkko.catalogue.search import build_search_lemmas

    rng = random.Random(seed)
    fake = Faker("fi_FI")
    Faker.seed(seed)
    real = list(Service.objects.select_related("organisation", "service_type"))
    missing = target - len(real)
    if missing <= 0:
        return
    regions = list(Region.objects.all())
    munis = {r.pk: list(Municipality.objects.filter(region=r)) for r in regions}
    types = list(ServiceType.objects.all())
    areas = list(NeedArea.objects.all())
    routes = list(AccessRoute.objects.all())
    texts = {
        f: [getattr(s, f"{f}_fi") for s in real if getattr(s, f"{f}_fi")]
        for f in ("what", "why", "how", "for_whom", "when_to_contact", "how_to_refer")
    }

    orgs = []
    for i in range(max(50, missing // 12)):
        region = rng.choice(regions)
        name = fake.company()
        orgs.append(
            Organisation(
                slug=f"synth-org-{i}",
                name_fi=name,
                sector=rng.choice(["public", "public", "third_sector", "private"]),
                region=region,
                municipality=rng.choice(munis[region.pk]) if munis[region.pk] else None,
                source="synthetic benchmark data",
            )
        )
    Organisation.objects.bulk_create(orgs, batch_size=1000)
    orgs = list(Organisation.objects.filter(slug__startswith="synth-org-").select_related("region"))

    start = time.perf_counter()
    services = []
    for i in range(missing):
        org = rng.choice(orgs)
        st = rng.choice(types)
        template = rng.choice(real)
        words = template.name_fi.split(",")[0]
        s = Service(
            slug=f"synth-{i}",
            organisation=org,
            service_type=st,
            region=org.region,
            name_fi=f"{words}, {fake.city()}"
            if rng.random() < 0.5
            else f"{st.name_fi} – {org.name_fi}",
            network_group=template.network_group,
            languages=["fi"] if rng.random() < 0.8 else ["fi", "sv"],
            age_min=rng.choice([None, None, None, 15, 18, 25]),
            age_max=rng.choice([None, None, None, 29, 64]),
            valid_to=rng.choice([None] * 9 + [dt_past()]),
            verified_on=dt_past(days=rng.randint(0, 900)),
            verified_by=fake.name(),
            source="synthetic benchmark data",
        )
        for field, pool in texts.items():
            if pool and (field == "what" or rng.random() < 0.7):
                # Real texts recombined: each field from a different real service.
                setattr(s, f"{field}_fi", rng.choice(pool))
        s.search_lemmas = build_search_lemmas(s)
        services.append(s)
    Service.objects.bulk_create(services, batch_size=1000)
    # bulk_create skips Service.save, which keeps the search tokens in step; the same rows
    # replace_search_tokens would write, inserted in one executemany for speed.
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "insert into catalogue_searchtoken (service_id, lemma) values (%s, %s)",
            [
                (s.pk, lemma)
                for s in services
                for lemma in dict.fromkeys(w[:100] for w in s.search_lemmas.split() if w)
            ],
        )
    ids = dict(Service.objects.filter(slug__startswith="synth-").values_list("slug", "pk"))
    through_m = Service.municipalities.through
    through_a = Service.need_areas.through
    through_r = Service.access_routes.through
    mrows, arows, rrows = [], [], []
    for s in services:
        pk = ids[s.slug]
        pool = munis[s.region_id]
        for m in rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 2, 3, len(pool)]))):
            mrows.append(through_m(service_id=pk, municipality_id=m.pk))
        for a in rng.sample(areas, k=rng.randint(1, 2)):
            arows.append(through_a(service_id=pk, needarea_id=a.pk))
        for r in rng.sample(routes, k=rng.randint(1, 2)):
            rrows.append(through_r(service_id=pk, accessroute_id=r.pk))
    through_m.objects.bulk_create(mrows, batch_size=5000)
    through_a.objects.bulk_create(arows, batch_size=5000)
    through_r.objects.bulk_create(rrows, batch_size=5000)
    print(f"generated {missing} services in {time.perf_counter() - start:.1f} s")


def dt_past(days: int = 400):  # a date
    import datetime as dt

    return dt.date.today() - dt.timedelta(days=days)  # noqa: DTZ011 — a synthetic date


def data_sizes(database_url: str, db_file: Path | None) -> str:
    from django.db import connection

    with connection.cursor() as cursor:

        def q(sql: str) -> float:
            cursor.execute(sql)
            return cursor.fetchone()[0] or 0

        counts = {
            label: q(f"select count(*) from {table}")  # noqa: S608 — fixed table names
            for label, table in (
                ("services", "catalogue_service"),
                ("organisations", "accounts_organisation"),
                ("municipalities", "accounts_municipality"),
                ("service-municipality rows", "catalogue_service_municipalities"),
                ("search tokens", "catalogue_searchtoken"),
            )
        }
        lemmas = q("select avg(length(search_lemmas)) from catalogue_service")
        if connection.vendor == "postgresql":
            cursor.execute(
                "analyze"
            )  # fresh statistics after the bulk inserts, as autovacuum would
            size = q("select pg_database_size(current_database())")
            engine = "PostgreSQL " + str(q("show server_version"))
        else:
            size = db_file.stat().st_size if db_file else 0
            import sqlite3

            engine = "SQLite " + sqlite3.sqlite_version
    return (
        f"data ({engine}): "
        + ", ".join(f"{n:.0f} {label}" for label, n in counts.items())
        + f", avg search_lemmas {lemmas:.0f} chars, database {size / 1e6:.1f} MB"
    )


def baseline_src(ref: str, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", ref, "src"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=8260, help="this code; the baseline +1")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--baseline",
        metavar="GIT_REF",
        help="also serve the same database with the code of this commit, for before/after",
    )
    parser.add_argument(
        "--skip-migrate",
        action="store_true",
        help="serve the schema as it is (a database migrated by another commit: before/after)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tukiverkko-bench-") as tmp_dir:
        tmp = Path(tmp_dir)
        database_url = os.environ.get("DATABASE_URL", "")
        db_file = None
        if not database_url.startswith(("postgres://", "postgresql://")):
            db_file = tmp / "bench.sqlite3"
            database_url = f"sqlite:///{db_file}"
        setup_django(database_url)
        from django.core.management import call_command

        from tukiverkko.catalogue.models import Service

        print(machine() + f"; gunicorn workers={args.workers}")
        if not args.skip_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        if not Service.objects.exists():
            call_command("load_catalogue", verbosity=0)
        codes = [("this code", ROOT / "src")]
        if args.baseline:
            codes.append((f"code of {args.baseline}", baseline_src(args.baseline, tmp / "base")))
        env = server_env(database_url)
        summary = {}
        steps = [("real catalogue", 0), (f"~{args.size} services", args.size)]
        if Service.objects.count() >= args.size:
            steps = steps[1:]  # a kept database, enlarged already
        for title, size in steps:
            if size:
                enlarge(size)
            print(data_sizes(database_url, db_file))
            servers = [
                (code, Server(port=args.port + i, workers=args.workers, src=src, env=env))
                for i, (code, src) in enumerate(codes)
            ]
            for _code, server in servers:
                server.__enter__()
            try:
                print(load() + " (before)")
                lines = measure(servers, args.rounds, title)
                print(load() + " (after)")
            finally:
                for _code, server in servers:
                    server.__exit__(None, None, None)
            for code, line in lines.items():
                summary[f"{title}, {code}"] = line
        print("\nsummary:\n" + "\n".join(f"{t}: {line}" for t, line in summary.items()))


if __name__ == "__main__":
    main()
