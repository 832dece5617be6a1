"""tukiverkko export-openapi FILE: the OpenAPI document of /api/v1/ (docs/api/openapi.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tukiverkko.api.v1 import api


def openapi_text() -> str:
    """The document exactly as committed: 2-space JSON, UTF-8, one final newline."""
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = (
        "Write the OpenAPI document of the whole /api/v1/ to FILE ('-' for standard output). "
        "Regenerate docs/api/openapi.json with it whenever an endpoint or schema changes; a "
        "test fails while the committed file differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="File to write, or '-'.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = openapi_text()
        if options["file"] == "-":
            self.stdout.write(text, ending="")
        else:
            Path(options["file"]).parent.mkdir(parents=True, exist_ok=True)
            Path(options["file"]).write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"OpenAPI written to {options['file']}."))
