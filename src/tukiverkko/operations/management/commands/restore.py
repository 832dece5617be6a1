"""tukiverkko restore FILE — replace the database with a backup made by `tukiverkko backup`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tukiverkko.operations.backup import BackupError, database_label, restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with FILE (from `tukiverkko backup`). Stop the servers "
        "first. Then check it: `tukiverkko verify-audit --anchor SEQ:HASH` with the anchor "
        "the backup printed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"FILE: {source} is not a file", returncode=2)
        if options["interactive"]:
            answer = input(
                f"This replaces everything in {database_label()} with {source}. "
                "Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.", returncode=1)
        try:
            outcome = restore(source, options["database"])
        except BackupError as exc:
            raise CommandError(f"{exc}; nothing was changed", returncode=2) from None
        self.stdout.write(
            f"Restored {source} into {outcome.kind} database {outcome.database}. "
            "Check it: tukiverkko verify-audit --anchor SEQ:HASH (the anchor the backup printed)."
        )
