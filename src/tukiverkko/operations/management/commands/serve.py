"""tukiverkko serve — the production web server (gunicorn, WhiteNoise) and the task worker."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from tukiverkko.operations import health
from tukiverkko.operations.server import Plan, Supervisor, default_workers

_BIND = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$|^unix:/.+$")


class Command(BaseCommand):
    help = (
        "Serve Tukiverkko with gunicorn (static files through WhiteNoise) and run the task "
        "worker beside it; /healthz and /readyz for a load balancer. Checks first that the "
        "database answers and is migrated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default="127.0.0.1:8000", help="HOST:PORT or unix:PATH (default %(default)s)"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="web server processes (default WEB_CONCURRENCY, else 2 × cores + 1, at most 8)",
        )
        parser.add_argument(
            "--threads", type=int, default=2, help="threads per process (default 2)"
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=30,
            help="seconds before a stuck request's worker is restarted",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="no task worker here (another server or a `tukiverkko worker` service runs it)",
        )
        parser.add_argument(
            "--dev",
            action="store_true",
            help="Django's auto-reloading development server instead of gunicorn (make dev)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not _BIND.match(options["bind"]):
            raise CommandError(
                f"--bind must be HOST:PORT or unix:PATH, not {options['bind']!r}", returncode=2
            )
        workers = options["workers"] or default_workers()
        if workers < 1 or options["threads"] < 1 or options["timeout"] < 1:
            raise CommandError(
                "--workers, --threads and --timeout must be at least 1", returncode=2
            )
        self._preflight()
        plan = Plan(
            bind=options["bind"],
            workers=workers,
            threads=options["threads"],
            timeout=options["timeout"],
            worker=not options["no_worker"] and health.uses_worker(),
            dev=options["dev"],
        )
        code = Supervisor(plan).run()
        if code:
            raise SystemExit(code)

    def _preflight(self) -> None:
        """What would otherwise surface as errors on the first request, said once, here."""
        # An unreachable database raises here, and `tukiverkko` says which one and what to do.
        connection.ensure_connection()
        migrations = health.migrations()
        if migrations != "ok":
            raise CommandError(f"cannot serve: migrations {migrations}", returncode=2)
        if settings.PRODUCTION:
            manifest = Path(str(settings.STATIC_ROOT)) / "staticfiles.json"
            if not manifest.is_file():
                raise CommandError(
                    f"cannot serve: no static files in {settings.STATIC_ROOT}: run "
                    "`tukiverkko collectstatic --noinput` first",
                    returncode=2,
                )
