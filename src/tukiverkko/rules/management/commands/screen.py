"""tukiverkko screen INPUT OUTPUT — population screening, CSV/Parquet in and out."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tukiverkko.rules.batch import FileError, screen_file
from tukiverkko.rules.parameters import default
from tukiverkko.rules.situation import today


class Command(BaseCommand):
    help = (
        "Screen every row (ClientSituation fields + person_id) of a CSV/Parquet file: "
        "needs_assessment and the status of every service type. Bad rows go to "
        "OUTPUT.errors.csv."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path)
        parser.add_argument("output", type=Path)
        parser.add_argument(
            "--reference-date",
            type=dt.date.fromisoformat,
            default=None,
            help="for rows without reference_date (default: today, Europe/Helsinki)",
        )
        parser.add_argument("--chunk-size", type=int, default=100_000)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size: must be at least 1", returncode=2)
        start = time.perf_counter()
        try:
            result = screen_file(
                options["input"],
                options["output"],
                default(),
                options["reference_date"] or today(),
                chunk_size=options["chunk_size"],
                progress=not options["no_progress"],
            )
        except FileError as exc:
            raise CommandError(str(exc), returncode=2) from None
        seconds = time.perf_counter() - start
        self.stdout.write(
            f"{result.rows} rows: {result.screened} screened → {result.output}; "
            f"{result.errors} with errors → {result.error_file} "
            f"({seconds:.2f} s, {result.rows / max(seconds, 1e-9):,.0f} rows/s)"
        )
