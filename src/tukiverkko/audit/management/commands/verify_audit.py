"""tukiverkko verify-audit: walk the audit hash chain; exit 0 if intact, 1 if tampered with."""

from __future__ import annotations

import re
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tukiverkko.audit.verify import KeyMissing, verify_chain

_ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")


class Command(BaseCommand):
    help = (
        "Walk the tamper-evident audit chain (access, disclosure and event logs). Prints "
        "'OK (N entries)', the head to anchor elsewhere and the key epochs, or names the first "
        "changed, deleted or inserted entry and exits with status 1. Retired HMAC keys are "
        "read from TUKIVERKKO_AUDIT_HMAC_KEY_PREVIOUS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            metavar="SEQ:HASH",
            help="a head printed by an earlier run and kept elsewhere; the chain must still hold it",
        )
        parser.add_argument(
            "--chunk", type=int, default=5000, help="rows read per query (default 5000)"
        )
        parser.add_argument("--database", default=None, help="database alias (default: default)")

    def handle(self, *args: Any, **options: Any) -> None:
        anchor = None
        if options["anchor"]:
            match = _ANCHOR.match(options["anchor"].strip().lower())
            if not match:
                raise CommandError(
                    "--anchor must be SEQ:HASH, e.g. 1200:<64 hexadecimal digits>, "
                    f"not {options['anchor']!r}",
                    returncode=2,
                )
            anchor = (int(match.group(1)), match.group(2))
        if options["chunk"] < 1:
            raise CommandError("--chunk must be a positive number of rows", returncode=2)
        started = time.perf_counter()
        try:
            report = verify_chain(alias=options["database"], chunk=options["chunk"], anchor=anchor)
        except KeyMissing as exc:
            raise CommandError(f"cannot verify: {exc}", returncode=2) from exc
        elapsed = time.perf_counter() - started
        if report.finding is not None and report.finding.kind == "lag":
            raise CommandError(f"NOT CHAINED: {report.finding.message}", returncode=1)
        if report.finding is not None:
            raise CommandError(
                f"TAMPERED ({report.finding.kind}): {report.finding.message}", returncode=1
            )
        self.stdout.write(f"OK ({report.entries} entries)")
        self.stdout.write(f"head {report.head_seq}:{report.head_hash}")
        if len(report.epochs) > 1 or any(e.key_id for e in report.epochs):
            for epoch in report.epochs:
                key = f"key {epoch.key_id}" if epoch.key_id else "no key"
                self.stdout.write(f"epoch seq {epoch.first_seq}–{epoch.last_seq}: {key}")
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        if options["verbosity"] > 1:
            self.stdout.write(f"checked in {elapsed:.2f} s")
