"""tukiverkko backup FILE — a consistent copy of the whole database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tukiverkko.audit.models import ChainHead
from tukiverkko.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back the database up to FILE while the service runs: SQLite through its online "
        "backup API, PostgreSQL as a pg_dump custom-format file. Prints the audit chain's head "
        "to keep beside it: `verify-audit --anchor` checks a restored copy against it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["file"]
        if not target.parent.is_dir():
            raise CommandError(f"FILE: the folder {target.parent} does not exist", returncode=2)
        # The head before the copy: every entry up to it is in the backup.
        head = ChainHead.objects.using(options["database"]).filter(id=1).first()
        try:
            outcome = backup(target, options["database"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(
            f"Backed up {outcome.kind} database {outcome.database} to {target} "
            f"({outcome.size / 1e6:.1f} MB)."
        )
        if head is not None:
            self.stdout.write(f"audit anchor {head.seq}:{head.hash}")
