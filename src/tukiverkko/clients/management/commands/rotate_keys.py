"""tukiverkko rotate-keys — every henkilötunnus re-encrypted and re-hashed under the current key.

In batches, each its own transaction, in client id order. A row already under the current key
is left alone, so the command can stop anywhere (``--batches``, Ctrl+C, a crash) and simply be
run again: it goes on where the rewriting stopped. See docs/deploy.md, "Rotating the
henkilötunnus key".
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tukiverkko.clients import crypto
from tukiverkko.clients.models import Client


class Command(BaseCommand):
    help = (
        "Re-encrypt every henkilötunnus with TUKIVERKKO_FIELD_KEY (the old keys in "
        "TUKIVERKKO_FIELD_KEY_PREVIOUS still decrypt meanwhile). Batches of --batch-size, each "
        "committed on its own; safe to stop and run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="rows per transaction")
        parser.add_argument(
            "--batches",
            type=int,
            default=None,
            help="stop after this many batches (run again later to go on)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        size, limit = options["batch_size"], options["batches"]
        if size < 1 or (limit is not None and limit < 1):
            raise CommandError("--batch-size and --batches must be at least 1", returncode=2)
        last, batches, rewritten, current = 0, 0, 0, 0
        while limit is None or batches < limit:
            with transaction.atomic():
                rows = list(
                    Client.objects.select_for_update()
                    .filter(pk__gt=last)
                    .order_by("pk")
                    .values_list("pk", "henkilotunnus_encrypted", "henkilotunnus_hash")[:size]
                )
                for pk, token, stored_hash in rows:
                    try:
                        new = crypto.rotated(token, stored_hash)
                    except InvalidToken:
                        raise CommandError(
                            f"client id {pk}: its henkilötunnus decrypts with neither "
                            "TUKIVERKKO_FIELD_KEY nor any key in TUKIVERKKO_FIELD_KEY_PREVIOUS; "
                            "add the key it was written with and run again "
                            f"(clients before id {pk} are done)",
                            returncode=2,
                        ) from None
                    if new is None:
                        current += 1
                        continue
                    Client.objects.filter(pk=pk).update(
                        henkilotunnus_encrypted=new[0], henkilotunnus_hash=new[1]
                    )
                    rewritten += 1
            if not rows:
                break
            last, batches = rows[-1][0], batches + 1
            if options["verbosity"] > 1:
                self.stdout.write(f"… up to client id {last}: {rewritten} re-encrypted")
        done = f"{rewritten} re-encrypted, {current} already under the current key"
        if limit is not None and batches >= limit and Client.objects.filter(pk__gt=last).exists():
            self.stdout.write(
                f"Stopped after {batches} batches at client id {last} ({done}); "
                "run rotate-keys again to go on."
            )
            return
        self.stdout.write(f"Done: {done}.")
        if settings.FIELD_ENCRYPTION_KEY_FALLBACKS:
            self.stdout.write(
                "Every henkilötunnus is now under TUKIVERKKO_FIELD_KEY: "
                "TUKIVERKKO_FIELD_KEY_PREVIOUS can be removed."
            )
