"""tukiverkko recommend --input FILE|- [--format json|text]"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tukiverkko.rules.engine import recommend
from tukiverkko.rules.explain import as_text
from tukiverkko.rules.situation import SituationError, validate


class Command(BaseCommand):
    help = "Read one ClientSituation (JSON) and print its Recommendation."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", default="-", help="JSON file, or - for standard input")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["input"] == "-":
                data = json.load(sys.stdin)
            else:
                with open(options["input"], encoding="utf-8") as handle:
                    data = json.load(handle)
        except OSError as exc:
            raise CommandError(f"--input: cannot read: {exc.strerror}", returncode=2) from None
        except json.JSONDecodeError as exc:
            raise CommandError(f"--input: not valid JSON: {exc}", returncode=2) from None
        try:
            situation = validate(data)
        except SituationError as exc:
            raise CommandError("\n".join(str(e) for e in exc.errors), returncode=2) from None
        result = recommend(situation)
        if options["format"] == "text":
            self.stdout.write(as_text(result), ending="")
        else:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
