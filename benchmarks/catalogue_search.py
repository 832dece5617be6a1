"""Catalogue search over HTTP: p50/p95 latency on the real catalogue, then on ~20,000 services.

    PYTHONPATH=src /work/venv/bin/python benchmarks/catalogue_search.py [--repeat 15] [--size 20000]

Steps: migrate a temporary SQLite database, load data/catalogue/*.yaml with the real command,
start the app with a real HTTP server in a subprocess (``tukiverkko runserver --noreload`` on a
free loopback port, DEBUG off), send a fixed set of searches N times each, print p50/p95. Then
enlarge the catalogue with synthetic but realistic services (Faker fi_FI organisation names,
real texts recombined, spread over the regions' municipalities, ``search_lemmas`` built with
Voikko as the loader does) and measure again. Only loopback traffic; bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env_for(db: Path, src: Path = ROOT / "src") -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(src),
            "TUKIVERKKO_ENV": "demo",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{db}",
            "DJANGO_SETTINGS_MODULE": "tukiverkko.settings",
        }
    )
    return env


def cli(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "-m", "tukiverkko", *args], env=env, check=True, cwd=ROOT)


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [PYTHON, "-m", "tukiverkko", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/palvelut/", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def fetch(base: str, params: dict[str, str]) -> tuple[float, int]:
    params = dict(params)
    headers = {"HX-Request": "true"} if params.pop("_htmx", None) else {}
    url = base + "/palvelut/?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 — loopback only
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        body = response.read()
    return (time.perf_counter() - start) * 1000, len(body)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(base: str, repeat: int, title: str) -> dict[str, float]:
    print(f"\n## {title}: {len(SEARCHES)} searches × {repeat} over HTTP")
    print(f"{'search':34} {'p50 ms':>8} {'p95 ms':>8} {'KiB':>6}")
    everything: list[float] = []
    for label, params in SEARCHES:
        fetch(base, params)  # warm-up (Voikko, caches, connection)
        times = []
        size = 0
        for _ in range(repeat):
            ms, size = fetch(base, params)
            times.append(ms)
        everything.extend(times)
        print(f"{label:34} {pct(times, 0.5):8.1f} {pct(times, 0.95):8.1f} {size / 1024:6.1f}")
    summary = {"p50": pct(everything, 0.5), "p95": pct(everything, 0.95)}
    print(f"{'ALL':34} {summary['p50']:8.1f} {summary['p95']:8.1f}")
    return summary


def enlarge(env: dict[str, str], target: int, seed: int = 20250101) -> None:
    """Add synthetic services until the catalogue holds about ``target`` services."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
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


def data_sizes(db: Path) -> None:
    con = sqlite3.connect(db)

    def q(sql: str) -> float:
        return con.execute(sql).fetchone()[0]

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
    print(
        "data: "
        + ", ".join(f"{n:.0f} {label}" for label, n in counts.items())
        + f", avg search_lemmas {lemmas:.0f} chars, database {db.stat().st_size / 1e6:.1f} MB"
    )
    con.close()


def machine() -> None:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        mem_gib = int(mem) / 1024 / 1024
    except OSError:
        mem_gib = 0.0
    import django

    print(
        f"machine: {cpu}, {os.cpu_count()} cores, {mem_gib:.0f} GiB; {platform.platform()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="keep the database in this folder")
    parser.add_argument(
        "--baseline",
        metavar="GIT_REF",
        help="also serve the same database with the code of this commit, for before/after",
    )
    args = parser.parse_args()
    machine()
    with tempfile.TemporaryDirectory(prefix="tukiverkko-bench-") as tmp_dir:
        tmp = args.keep or Path(tmp_dir)
        tmp.mkdir(parents=True, exist_ok=True)
        db = Path(tmp) / "bench.sqlite3"
        env = env_for(db)
        cli(env, "migrate", "--noinput", "-v0")
        cli(env, "load-catalogue")
        data_sizes(db)
        servers = [("this code", env)]
        if args.baseline:
            old_src = tmp / "baseline"
            old_src.mkdir(exist_ok=True)
            archive = subprocess.run(
                ["git", "archive", args.baseline, "src"], cwd=ROOT, check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(old_src)], input=archive, check=True)
            servers.append((f"code of {args.baseline}", env_for(db, old_src / "src")))
        results = {}
        for title, grow in (("real catalogue", False), (f"~{args.size} services", True)):
            if grow:
                enlarge(env, args.size)
                data_sizes(db)
            for code, server_env in servers:
                proc, base = start_server(server_env)
                try:
                    results[f"{title}, {code}"] = measure(base, args.repeat, f"{title}, {code}")
                finally:
                    proc.terminate()
                    proc.wait(timeout=10)
        print(
            "\nsummary:\n"
            + "\n".join(
                f"{t}: p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms" for t, r in results.items()
            )
        )


if __name__ == "__main__":
    main()
