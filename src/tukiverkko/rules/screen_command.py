"""``tukiverkko screen INPUT OUTPUT`` without Django: the arguments, the run and its one line.

The command needs neither settings nor a database, so ``tukiverkko screen`` runs this module
straight from :mod:`tukiverkko.cli` with plain :mod:`argparse` — Django is not imported at all
(its management machinery was a third of the start-up). The Django command
(``manage.py screen``, ``call_command("screen")``) uses the same :func:`add_arguments` and
:func:`screen`, so both say the same and exit the same: usage errors exit 2 from argparse, a
file-level problem prints ``CommandError: …`` and exits 2, as Django's command did.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

HELP = (
    "Screen every row (ClientSituation fields + person_id) of a CSV/Parquet file: "
    "needs_assessment and the status of every service type. Bad rows go to "
    "OUTPUT.errors.csv."
)


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


class ScreenError(Exception):
    """Bad input said in one line; exit status 2."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument(
        "--reference-date",
        type=dt.date.fromisoformat,
        default=None,
        help="for rows without reference_date (default: today, Europe/Helsinki)",
    )
    parser.add_argument("--chunk-size", type=int, default=100_000)
    parser.add_argument("--no-progress", action="store_true")


def _django_options(parser: argparse.ArgumentParser) -> None:
    """The options every Django command takes, accepted (and shown) as before; none of them
    changes anything for a command that sets no Django up."""
    parser.add_argument(
        "--version",
        action="version",
        version=_django_version(),
        help="Show program's version number and exit.",
    )
    parser.add_argument(
        "-v",
        "--verbosity",
        default=1,
        type=int,
        choices=[0, 1, 2, 3],
        help="Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, "
        "3=very verbose output",
    )
    parser.add_argument(
        "--settings",
        help="The Python path to a settings module, e.g. "
        '"myproject.settings.main". If this isn\'t provided, the '
        "DJANGO_SETTINGS_MODULE environment variable will be used.",
    )
    parser.add_argument(
        "--pythonpath",
        help='A directory to add to the Python path, e.g. "/home/djangoprojects/myproject".',
    )
    parser.add_argument(
        "--traceback",
        action="store_true",
        help="Display a full stack trace on CommandError exceptions.",
    )
    parser.add_argument(
        "--no-color", action="store_true", help="Don't colorize the command output."
    )
    parser.add_argument(
        "--force-color", action="store_true", help="Force colorization of the command output."
    )


def _django_version() -> str:
    """What Django's ``--version`` said, read from the installed package without importing it."""
    from importlib.metadata import version

    return version("django")


def screen(options: dict[str, Any], stdout: Writer) -> None:
    """Screen ``options["input"]`` into ``options["output"]``; :class:`ScreenError` on bad input."""
    # Imported here so that --help and argument errors answer before polars loads.
    from tukiverkko.rules.batch import FileError, screen_file
    from tukiverkko.rules.parameters import default
    from tukiverkko.rules.situation import today

    if options["chunk_size"] < 1:
        raise ScreenError("--chunk-size: must be at least 1")
    start = time.perf_counter()
    try:
        result = screen_file(
            options["input"],
            options["output"],
            default(),
            options["reference_date"] or today(),
            chunk_size=options["chunk_size"],
            progress=not options["no_progress"],
        )
    except FileError as exc:
        raise ScreenError(str(exc)) from None
    seconds = time.perf_counter() - start
    stdout.write(
        f"{result.rows} rows: {result.screened} screened → {result.output}; "
        f"{result.errors} with errors → {result.error_file} "
        f"({seconds:.2f} s, {result.rows / max(seconds, 1e-9):,.0f} rows/s)\n"
    )


def main(argv: Sequence[str]) -> int:
    """``tukiverkko screen ARGV…``: the exit status (0, or 2 on bad input)."""
    parser = argparse.ArgumentParser(prog="tukiverkko screen", description=HELP)
    add_arguments(parser)
    _django_options(parser)
    options = vars(parser.parse_args(list(argv)))  # usage errors: exit 2 (SystemExit)
    try:
        screen(options, sys.stdout)
    except ScreenError as exc:
        if options["traceback"]:
            raise
        sys.stderr.write(f"CommandError: {exc}\n")
        return 2
    return 0
