"""tukiverkko import-csv FILE: services from CSV, checked like the YAML files, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tukiverkko.catalogue.csv_io import CsvImportError, import_csv


class Command(BaseCommand):
    help = (
        "Update or add services from a CSV file written by export-csv (or edited from one). "
        "Every row is checked with the catalogue loader's rules first; on any error the row, "
        "the service slug and the column are named, nothing is saved and the exit status is 2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file (UTF-8, ';' between fields).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            self.stderr.write(f"Cannot read {path}: {exc.strerror}")
            raise SystemExit(2) from None
        except UnicodeDecodeError:
            self.stderr.write(f"{path} is not UTF-8 text: save it as 'CSV UTF-8'.")
            raise SystemExit(2) from None
        try:
            report = import_csv(text)
        except CsvImportError as exc:
            self.stderr.write(f"CSV not imported: {len(exc.problems)} problem(s); nothing saved.")
            for problem in exc.problems:
                self.stderr.write(f"  {problem}")
            raise SystemExit(2) from None
        outcomes = list(report.services.values())
        self.stdout.write(
            "services: "
            + ", ".join(f"{b} {outcomes.count(b)}" for b in ("created", "updated", "unchanged"))
        )
        self.stdout.write(
            self.style.SUCCESS("Services imported.") if report.changed else "Catalogue unchanged."
        )
