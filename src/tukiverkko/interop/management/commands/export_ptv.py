"""tukiverkko export-ptv FILE: the catalogue's services and channels in the PTV V11 shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tukiverkko.interop.ptv import write_ptv


class Command(BaseCommand):
    help = (
        "Write every service of the catalogue, and its service channels (the contacts PTV has "
        "a channel for), as the Suomi.fi service catalogue's Open API V11 JSON into FILE: "
        '{"services": [V11VmOpenApiService], "serviceChannels": [V11 channel models]}. '
        "Texts in Finnish, Swedish and English as PTV's localized lists. See docs/ptv.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON file to write (its directory is created).")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = write_ptv(Path(options["file"]))
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} records")
        self.stdout.write(self.style.SUCCESS(f"PTV V11 written to {options['file']}."))
