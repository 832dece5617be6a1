"""tukiverkko export-hsds DIR: the catalogue as Open Referral HSDS 3.0 JSON files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tukiverkko.catalogue.models import LANGS
from tukiverkko.interop.hsds import write_hsds


class Command(BaseCommand):
    help = (
        "Write the service catalogue as Open Referral HSDS 3.0 JSON into DIR: "
        "organizations.json, services.json and service_at_locations.json (one JSON array per "
        "compiled HSDS record type). Texts in one language (default Finnish; Swedish or "
        "English where the catalogue has them, otherwise Finnish)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="Directory to write (created if missing).")
        parser.add_argument("--lang", choices=LANGS, default="fi", help="Language of the texts.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = write_hsds(Path(options["directory"]), options["lang"])
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} records")
        self.stdout.write(self.style.SUCCESS(f"HSDS 3.0 written to {options['directory']}."))
