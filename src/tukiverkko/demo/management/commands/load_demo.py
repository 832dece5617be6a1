"""tukiverkko load-demo: demo accounts, one per role, in the catalogue's organisations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tukiverkko.demo.accounts import load_accounts


class Command(BaseCommand):
    help = (
        "Create the demo accounts (one per role, password 'tukiverkko-demo'). Demo and test "
        "modes only; run after load-catalogue. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo accounts are never created in production mode.")
        try:
            created, existed = load_accounts()
        except LookupError as exc:
            raise CommandError("Load the catalogue first: tukiverkko load-catalogue") from exc
        self.stdout.write(f"Demo accounts: {created} created, {existed} existed.")
