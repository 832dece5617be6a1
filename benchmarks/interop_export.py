"""Timings of the catalogue's interop paths on a scaled-up copy of the real catalogue.

    PYTHONPATH=src python benchmarks/interop_export.py [--copies 20]

Loads data/catalogue/*.yaml into a throw-away SQLite database, clones every service COPIES
times (new slugs, same texts and contacts), then times: export-hsds, the strict HSDS
validation of the result, export-csv, import-csv of the unchanged file, import-csv with every
row changed, and the first API page of a search — beside the floor of polars reading and
writing the same CSV. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tukiverkko-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("TUKIVERKKO_ENV", "demo")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tukiverkko.settings")
    import django

    django.setup()
    import json
    from io import StringIO

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from tukiverkko.catalogue.csv_io import DELIMITER, export_csv, import_csv
    from tukiverkko.catalogue.models import ContactChannel, Service
    from tukiverkko.interop import hsds_validation
    from tukiverkko.interop.hsds import FILES, write_hsds

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", str(settings.DATA_DIR / "catalogue"), stdout=StringIO())
    originals = list(
        Service.objects.prefetch_related(
            "contacts", "need_areas", "access_routes", "municipalities"
        )
    )
    for copy_no in range(args.copies):
        for s in originals:
            clone = Service.objects.get(pk=s.pk)
            clone.pk = None
            clone.slug = f"{s.slug}-{copy_no}"
            clone.save()
            clone.need_areas.set(s.need_areas.all())
            clone.access_routes.set(s.access_routes.all())
            clone.municipalities.set(s.municipalities.all())
            ContactChannel.objects.bulk_create(
                ContactChannel(
                    **{
                        f.name: getattr(c, f.name)
                        for f in ContactChannel._meta.fields
                        if f.name not in ("id", "service")
                    },
                    service=clone,
                )
                for c in s.contacts.all()
            )
    n = Service.objects.count()
    print(f"services: {n} ({len(originals)} real × {args.copies + 1})")

    def timed(label: str, fn):
        start = time.perf_counter()
        result = fn()
        print(f"{label:<44} {time.perf_counter() - start:7.2f} s")
        return result

    out = tmp / "hsds"
    timed("export-hsds (fi)", lambda: write_hsds(out))
    hsds_dir = settings.BASE_DIR / "standards" / "hsds-3.0" / "schema"
    if hsds_dir.exists():
        validators = hsds_validation.validators(hsds_dir)

        def validate() -> int:
            problems = 0
            for kind, name in FILES.items():
                for record in json.loads((out / name).read_text("utf-8")):
                    problems += len(list(hsds_validation.errors(validators[kind], record, kind)))
            return problems

        print(
            f"  strict HSDS problems: {timed('strict HSDS validation of every record', validate)}"
        )
    text = timed("export-csv", export_csv)
    print(f"  CSV size: {len(text.encode()) / 1024:.0f} KiB")
    # the floor: polars reading and writing the same CSV (no checks, no database)
    import polars as pl

    (tmp / "export.csv").write_text(text, "utf-8")
    timed(
        "floor: polars read + write of the same CSV",
        lambda: pl.read_csv(tmp / "export.csv", separator=DELIMITER, infer_schema=False).write_csv(
            tmp / "floor.csv", separator=DELIMITER
        ),
    )
    report = timed("import-csv, unchanged", lambda: import_csv(text))
    print(f"  changed: {report.changed}")
    changed = text.replace("Työllisyys", "Työllisyys ja työ")
    report = timed("import-csv, rows changed", lambda: import_csv(changed))
    print(f"  services updated: {list(report.services.values()).count('updated')}")
    client = Client()
    timed(
        "GET /api/v1/services?q=työkyvyn (page 1)",
        lambda: client.get("/api/v1/services", {"q": "työkyvyn"}),
    )
    timed(
        "GET /api/v1/services?page_size=100",
        lambda: client.get("/api/v1/services", {"page_size": 100}),
    )


if __name__ == "__main__":
    sys.exit(main())
