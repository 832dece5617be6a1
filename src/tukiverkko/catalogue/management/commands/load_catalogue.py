"""tukiverkko load-catalogue [DIR]: load data/catalogue/*.yaml, all or nothing, idempotently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tukiverkko.catalogue.actions import apply_catalogue
from tukiverkko.catalogue.loading import CatalogueError, catalogue_files, read_files


class Command(BaseCommand):
    help = (
        "Load the service catalogue from YAML files (default: data/catalogue/). Every file is "
        "validated first; on any error the file, record and field are named, nothing is "
        "loaded and the exit status is 2. Loading the same files twice changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", nargs="?", help="Directory of *.yaml catalogue files.")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"] or settings.DATA_DIR / "catalogue")
        files = catalogue_files(directory)
        if not files:
            self.stderr.write(f"No *.yaml catalogue files in {directory}")
            raise SystemExit(2)
        try:
            data = read_files(files)
        except CatalogueError as exc:
            self.stderr.write(f"Catalogue not loaded: {len(exc.problems)} problem(s).")
            for problem in exc.problems:
                self.stderr.write(f"  {problem}")
            raise SystemExit(2) from None
        report = apply_catalogue(data)
        for bucket in ("created", "updated", "unchanged"):
            counts = getattr(report, bucket)
            if counts:
                summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
                self.stdout.write(f"{bucket}: {summary}")
        self.stdout.write(
            self.style.SUCCESS("Catalogue loaded.") if report.changed else "Catalogue unchanged."
        )
