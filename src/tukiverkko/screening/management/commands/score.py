"""tukiverkko score INSTRUMENT --answers FILE|- · tukiverkko score INSTRUMENT --describe

Scores one answer set with the pure instrument functions and prints the result as JSON per
contracts/instrument-result.schema.json. Any bad input — unreadable file, bad JSON, unknown item,
missing, non-integer or out-of-range answer — exits with status 2 and a plain message on stderr
naming every bad item; nothing is printed on stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from tukiverkko.screening.instruments import INSTRUMENTS, AnswerError, Instrument


class Command(BaseCommand):
    help = (
        "Score a screening instrument: answers are a JSON object item id → integer "
        '(e.g. {"q1": 2, …}; WAS {"score": 6}; AUDIT/AUDIT-C also "sex": "male"|"female"). '
        "Prints the result as JSON. Bad answers: exit status 2 naming every bad item. "
        "--describe lists the items and their allowed answers."
    )
    # A pure command: tukiverkko runs it without Django's set-up (tukiverkko.cli).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instrument", choices=sorted(INSTRUMENTS), help="Instrument id.")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--answers", metavar="FILE", help="JSON answers file, or - for stdin.")
        group.add_argument(
            "--describe", action="store_true", help="List item ids, texts and allowed answers."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = INSTRUMENTS[options["instrument"]]
        if options["describe"]:
            self.stdout.write(describe(instrument))
            return
        answers = self._read(options["answers"])
        try:
            result = instrument.score(answers)
        except AnswerError as exc:
            self._fail(
                f"{instrument.id}: not scored, {len(exc.problems)} bad answer(s):",
                *(f"  {problem.message}" for problem in exc.problems),
            )
        self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))

    def _read(self, source: str) -> dict[str, object]:
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self._fail(f"answers: cannot read {source}: {exc}")
        duplicates: list[str] = []

        def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
            seen: dict[str, object] = {}
            for key, value in items:
                if key in seen:
                    duplicates.append(key)
                seen[key] = value
            return seen

        try:
            data = json.loads(text, object_pairs_hook=pairs)
        except json.JSONDecodeError as exc:
            self._fail(
                f"answers: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
            )
        if not isinstance(data, dict):
            self._fail('answers: expected a JSON object of item id → integer, e.g. {"q1": 2}')
        if duplicates:
            self._fail(*(f"{key}: given more than once" for key in sorted(set(duplicates))))
        return data

    def _fail(self, *lines: str) -> NoReturn:
        for line in lines:
            self.stderr.write(line)
        raise SystemExit(2)


def describe(instrument: Instrument) -> str:
    """Every item id with its Finnish text and allowed answers, as plain text."""
    lines = [
        f"{instrument.id}: {instrument.name}",
        f"  score {instrument.min_score:g}–{instrument.max_score:g}; source: {instrument.source}",
    ]
    if instrument.instructions:
        lines.append(f"  {instrument.instructions['fi']}")
    if instrument.optional_items:
        lines.append(f"  Up to {instrument.max_missing} items may be left out.")
    for item in instrument.items:
        lines.append(f"{item.id}: {item.label('fi')}")
        lines.extend(f"    {option.value} = {option.text('fi')}" for option in item.options)
    for name, allowed in instrument.extras.items():
        lines.append(f"{name} (optional): {' | '.join(allowed)}")
    lines.append("bands:")
    lines.extend(f"  {band.slug}: {band.range} {band.label}" for band in instrument.bands)
    return "\n".join(lines)
