"""tukiverkko api-token — make, revoke and list the integration tokens of other systems
(decision 0370). Each make and revoke is a typed audit event; the secret is printed once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tukiverkko.access import actions
from tukiverkko.access.models import ApiToken, Scope
from tukiverkko.accounts.actors import SystemActor
from tukiverkko.accounts.models import Organisation

COMMAND = SystemActor("cli.api-token")


def _plain(exc: ValidationError) -> str:
    return "; ".join(
        f"--{field.replace('scopes', 'scope')}: {' '.join(messages)}"
        if field != "__all__"
        else " ".join(messages)
        for field, messages in exc.message_dict.items()
    )


class Command(BaseCommand):
    help = (
        "Integration tokens for other systems of an organisation (/api/v1/integration/, "
        "Authorization: Bearer …). `create` prints the secret once (only its hash is kept); "
        "`revoke ID` ends a token at once; `list` shows them without their secrets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="make a token and print its secret once")
        create.add_argument("--organisation", required=True, help="the organisation's slug")
        create.add_argument("--system", required=True, help="the system's name, e.g. 'Pegasos'")
        create.add_argument(
            "--scope",
            action="append",
            required=True,
            help=f"repeat or comma-separate: {', '.join(Scope.values)}",
        )
        create.add_argument("--days", type=int, default=actions.DEFAULT_TOKEN_DAYS)
        revoke = sub.add_parser("revoke", help="revoke a token (at once)")
        revoke.add_argument("id", type=int, help="the token's id (as `list` shows it)")
        sub.add_parser("list", help="every token, newest first (no secrets)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options)
        elif options["action"] == "revoke":
            self._revoke(options["id"])
        else:
            self._list()

    def _create(self, options: dict[str, Any]) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"--organisation: no organisation {options['organisation']!r}", returncode=2
            )
        scopes = [s.strip() for raw in options["scope"] for s in raw.split(",") if s.strip()]
        try:
            token, secret = actions.create_api_token(
                by=COMMAND,
                organisation=organisation,
                system=options["system"],
                scopes=scopes,
                days=options["days"],
            )
        except ValidationError as exc:
            raise CommandError(_plain(exc), returncode=2) from None
        self.stdout.write(
            f"token {token.pk} for {organisation.slug} / {token.system}, "
            f"{' '.join(token.scopes)}, until {timezone.localtime(token.expires_at):%-d.%-m.%Y %H:%M} Helsinki time\n"
            f"{secret}\n(shown once: only its hash is kept)"
        )

    def _revoke(self, token_id: int) -> None:
        token = ApiToken.objects.filter(pk=token_id).first() if 0 < token_id < 2**63 else None
        if token is None:
            raise CommandError(f"id: no token {token_id}", returncode=2)
        try:
            actions.revoke_api_token(by=COMMAND, token=token)
        except ValidationError as exc:
            raise CommandError(f"id: {' '.join(exc.messages)}", returncode=2) from None
        self.stdout.write(f"token {token_id} revoked")

    def _list(self) -> None:
        now = timezone.now()
        for t in ApiToken.objects.select_related("organisation"):
            state = "revoked" if t.revoked_at else ("expired" if t.expires_at <= now else "active")
            self.stdout.write(
                f"{t.pk}\t{t.prefix}…\t{t.organisation.slug}\t{t.system}\t"
                f"{','.join(t.scopes)}\t{timezone.localtime(t.expires_at):%-d.%-m.%Y}\t{state}"
            )
