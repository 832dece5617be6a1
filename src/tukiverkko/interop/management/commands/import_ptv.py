"""tukiverkko import-ptv FILE [--dry-run]: services from a PTV V11 file, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tukiverkko.interop.ptv_import import PtvImportError, import_ptv


class Command(BaseCommand):
    help = (
        "Update or add services (and their contacts) from a PTV Open API V11 file written by "
        "export-ptv or in its shape. Every record is checked against the vendored V11 models "
        "and the catalogue's rules first; on any error the record and the field are named, "
        "nothing is saved and the exit status is 2. --dry-run only checks. See docs/ptv.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="PTV V11 JSON file (UTF-8).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every record, save nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            self.stderr.write(f"Cannot read {path}: {exc.strerror}")
            raise SystemExit(2) from None
        except UnicodeDecodeError:
            self.stderr.write(f"{path} is not UTF-8 text.")
            raise SystemExit(2) from None
        try:
            report = import_ptv(text, dry_run=options["dry_run"])
        except PtvImportError as exc:
            self.stderr.write(
                f"PTV file not imported: {len(exc.problems)} problem(s); nothing saved."
            )
            for problem in exc.problems:
                self.stderr.write(f"  {problem}")
            raise SystemExit(2) from None
        if report is None:
            self.stdout.write(
                self.style.SUCCESS("Every record is valid; nothing saved (--dry-run).")
            )
            return
        outcomes = list(report.services.values())
        self.stdout.write(
            "services: "
            + ", ".join(f"{b} {outcomes.count(b)}" for b in ("created", "updated", "unchanged"))
        )
        self.stdout.write(
            self.style.SUCCESS("Services imported.") if report.changed else "Catalogue unchanged."
        )
