"""tukiverkko portal-code — a one-time login code for a client's own view, made by a professional
who may act for the client (the same access policy as the button on the client page)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import timezone

from tukiverkko.access import selectors as access
from tukiverkko.accounts.models import User
from tukiverkko.core.forms import MAX_ID
from tukiverkko.portal import actions
from tukiverkko.portal.codes import VALID_FOR


class Command(BaseCommand):
    help = (
        "Make a one-time login code for a client's own view (Oma Tukiverkko, /oma/): it works "
        "once and for 15 minutes. --by names the professional who hands it out; they must "
        "have a relationship with the client (the client page's rule). The code is printed "
        "once and kept only as a keyed hash."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("client_id", type=int, help="the client's id (as in /asiakkaat/<id>/)")
        parser.add_argument("--by", required=True, help="the professional's username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["by"], is_active=True).first()
        if user is None:
            raise CommandError(f"--by: no active user {options['by']!r}", returncode=2)
        client_id = options["client_id"]
        if not 0 < client_id <= MAX_ID:
            raise CommandError("client_id: not a client's id", returncode=2)
        try:
            client = access.get_client_for_change(user, client_id, what="portal_code")
        except (Http404, access.Refused):
            raise CommandError(
                f"client {client_id}: not found, or {user.username} may not act for them "
                "(refusal logged)",
                returncode=2,
            ) from None
        row, code = actions.issue_login_code(client=client, by=user)
        minutes = int(VALID_FOR.total_seconds() // 60)
        self.stdout.write(
            f"{code}  (once, {minutes} min, until {timezone.localtime(row.expires_at):%H:%M} Helsinki time)"
        )
