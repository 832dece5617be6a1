"""tukiverkko export-csv FILE: the catalogue's services as CSV, one row per service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tukiverkko.catalogue.csv_io import export_csv
from tukiverkko.catalogue.models import Service


class Command(BaseCommand):
    help = (
        "Write every service of the catalogue as CSV (UTF-8 with BOM, ';' between fields, one "
        "row per service; columns in docs/interop.md). '-' writes to standard output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file to write, or '-' for standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = export_csv()
        if options["file"] == "-":
            self.stdout.write(text, ending="")
            return
        Path(options["file"]).write_text(text, encoding="utf-8", newline="")
        count = Service.objects.count()
        self.stdout.write(self.style.SUCCESS(f"{options['file']}: {count} services written."))
