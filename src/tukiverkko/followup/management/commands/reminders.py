"""tukiverkko reminders — run the reminder job now (followup.jobs) and print what it did."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tukiverkko.followup import jobs


class Command(BaseCommand):
    help = (
        "Run the follow-up reminder job now: every due thing the apps declare becomes a task, "
        "a task no longer due is closed, owners with a new task get one e-mail. The worker runs "
        "it every day at 06:00 Europe/Helsinki by itself; this runs it at once (safe to repeat)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--day",
            help="the day to ask the sources about, d.m.yyyy or yyyy-mm-dd (default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = _parse(options["day"]) if options["day"] else None
        run = jobs.run_reminders(day)
        if run is None:
            self.stdout.write("Another reminder run is under way: nothing done.")
            return
        self.stdout.write(
            f"Reminder run {run.pk} for {run.day:%-d.%-m.%Y}: {run.dues} due, "
            f"{run.opened} opened, {run.updated} updated, {run.closed} closed, "
            f"{run.reopened} reopened, {run.mails} e-mails, {run.seconds or 0:.1f} s."
        )
        for path in run.failed_sources:
            self.stderr.write(f"Source failed (its tasks left as they were): {path}")


def _parse(text: str) -> dt.date:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 — a date only
        except ValueError:
            continue
    raise CommandError(f"--day: not a date: {text!r} (use d.m.yyyy or yyyy-mm-dd)")
