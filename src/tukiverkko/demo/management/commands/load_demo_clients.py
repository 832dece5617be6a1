"""tukiverkko load-demo-clients: demo clients with their paths (demo and test modes only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tukiverkko.accounts.models import Region
from tukiverkko.demo import followup
from tukiverkko.demo.paths import Cast
from tukiverkko.demo.stories import load_stories
from tukiverkko.demo.synthetic import FakerMissing, load_synthetic
from tukiverkko.demo.teams import load_teams


class Command(BaseCommand):
    help = (
        "Create demo clients: the seeds' stories (Maija, Matti, Moona, Ari) and synthetic "
        "clients in every phase across the regions, a few things coming due and one run of the "
        "follow-up reminder job. Fictitious henkilötunnus only (900–999). "
        "Run after load-catalogue and load-demo. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=48, help="synthetic clients (default 48)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo clients are never created in production mode.")
        if options["count"] < 0:
            raise CommandError("--count must be 0 or more.", returncode=2)
        cast = Cast()
        if not cast.workers:
            raise CommandError("Create the demo accounts first: tukiverkko load-demo")
        try:
            with transaction.atomic():
                stories = load_stories(cast)
                load_teams(cast)
                synthetic = load_synthetic(cast, options["count"])
                followup.make_due(cast)
        except FakerMissing as exc:
            raise CommandError(str(exc), returncode=2) from exc
        # The reminder job once, as the worker would at 06:00: the demo users have tasks.
        tasks = followup.run_once()
        regions = ", ".join(Region.objects.values_list("name_fi", flat=True)) or "-"
        self.stdout.write(
            f"Demo clients: stories {', '.join(stories) or 'already loaded'}; "
            f"{synthetic} synthetic created (regions: {regions}); {tasks} open follow-up tasks."
        )
