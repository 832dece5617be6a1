"""tukiverkko screen INPUT OUTPUT — population screening, CSV/Parquet in and out.

``tukiverkko screen`` runs :mod:`tukiverkko.rules.screen_command` without Django; this class
serves ``manage.py screen`` and ``call_command("screen")`` with the same arguments and run.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tukiverkko.rules.screen_command import HELP, ScreenError, add_arguments, screen


class Command(BaseCommand):
    help = HELP
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            screen(options, self.stdout)
        except ScreenError as exc:
            raise CommandError(str(exc), returncode=2) from None
