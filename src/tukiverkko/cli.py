"""The ``tukiverkko`` command: the project's own commands first, then every Django command.

Two kinds of command, dispatched differently:

- **Pure** commands (``score``, ``recommend``, ``screen``) work on files and standard input
  only. They run without Django's set-up: no settings, no secrets, no database, and a start
  that costs their own imports only. Every ``--help`` is answered the same way.
- Every other command needs the settings (and most the database). A setting that is missing
  or wrong, a database that cannot be reached or lacks its migrations, ends in one line that
  says what to do and exit status 2 — never a traceback (``--traceback`` shows one).

Command names use hyphens on the command line (``load-catalogue``) and underscores as
Django module names (``load_catalogue``).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# Pure commands: name → the module of their Django command class (which also serves
# ``manage.py``-style use once Django is set up).
PURE = {
    "score": "tukiverkko.screening.management.commands.score",
    "recommend": "tukiverkko.rules.management.commands.recommend",
    "screen": "tukiverkko.rules.management.commands.screen",
}
# Pure commands that need not even Django's management machinery: name → a module whose
# ``main(argv)`` returns the exit status (the same arguments, output and status as its class).
PLAIN = {"screen": "tukiverkko.rules.screen_command"}

# What ``tukiverkko --help`` shows, in this order. A project command that is found on disk
# but is missing here is still listed, under "Other" (tests/test_cli.py keeps this complete).
GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Pure (files and standard input only: no database, no secrets)",
        [
            ("score", "score a screening instrument's answers (JSON)"),
            ("recommend", "one ClientSituation → one Recommendation"),
            ("screen", "population screening, CSV or Parquet in and out"),
        ],
    ),
    (
        "Run the service",
        [
            ("serve", "production server (gunicorn, WhiteNoise) and the task worker"),
            ("worker", "the background task worker alone (django-tasks, database backend)"),
            ("reminders", "run the follow-up reminder job now (the worker runs it at 06:00)"),
            ("portal-code", "a one-time login code for a client's own view (Oma Tukiverkko)"),
            ("migrate", "create or update the database tables (Django)"),
            ("check", "system checks; --deploy for production settings (Django)"),
            ("collectstatic", "static files into var/static for production (Django)"),
            ("createsuperuser", "an administrator account (Django)"),
            ("runserver", "the auto-reloading development server (Django; make dev)"),
        ],
    ),
    (
        "Data",
        [
            ("load-catalogue", "load data/catalogue/*.yaml (all or nothing)"),
            ("load-demo", "demo accounts, one per role (demo/test mode only)"),
            ("load-demo-clients", "synthetic demo clients and the seeds' stories"),
            ("export-hsds", "the catalogue as Open Referral HSDS 3.0 JSON"),
            ("export-csv", "the catalogue as CSV, one row per service"),
            ("import-csv", "import that CSV back (all or nothing)"),
            ("export-openapi", "the /api/v1/ OpenAPI document"),
            ("export-ptv", "services and channels in the Suomi.fi catalogue's (PTV) V11 JSON"),
            ("import-ptv", "import such a PTV file (all or nothing; --dry-run)"),
        ],
    ),
    (
        "Keep the data safe",
        [
            ("backup", "a consistent copy of the database (SQLite or PostgreSQL)"),
            ("restore", "replace the database with a backup"),
            ("verify-audit", "walk the audit hash chain; exit 1 if tampered with"),
            ("rotate-keys", "re-encrypt every henkilötunnus under the current key"),
            ("api-token", "integration tokens of other systems: create, revoke, list"),
            ("flush", "Django's flush; refused on the append-only audit log outside tests"),
        ],
    ),
]

USAGE = "usage: tukiverkko COMMAND [options]   (tukiverkko COMMAND --help for one command)"


def _project_commands() -> list[str]:
    """Every management command of the project's own apps, found on disk (no Django set-up)."""
    return sorted(
        path.stem.replace("_", "-")
        for path in PACKAGE.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    )


def help_text() -> str:
    listed = {name for _title, commands in GROUPS for name, _summary in commands}
    other = [name for name in _project_commands() if name not in listed]
    groups = [*GROUPS, *([("Other", [(name, "") for name in other])] if other else [])]
    width = max(len(name) for _title, commands in groups for name, _summary in commands)
    lines = [
        "Tukiverkko — työkyvyn tuen palvelukokonaisuus.",
        USAGE,
    ]
    for title, commands in groups:
        lines += ["", f"{title}:"]
        lines += [f"  {name.ljust(width)}  {summary}".rstrip() for name, summary in commands]
    lines += [
        "",
        "Settings come from the environment or a .env file in the current directory (see",
        ".env.example; `make run` writes a demo one). Django's own commands (dbshell, shell,",
        "showmigrations, …): tukiverkko help --commands",
    ]
    return "\n".join(lines)


def _fail(message: str, status: int = 2) -> int:
    sys.stderr.write(f"tukiverkko: {message}\n")
    return status


def _run_pure(name: str, argv: Sequence[str]) -> int:
    # No DJANGO_SETTINGS_MODULE: nothing below may reach for the settings.
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        if name in PLAIN:
            return int(importlib.import_module(PLAIN[name]).main(argv))
        importlib.import_module(PURE[name]).Command().run_from_argv(["tukiverkko", name, *argv])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return 130
    return 0


def _setup_django() -> str | None:
    """Import the settings and set Django up; the one-line problem, or None when all is well."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tukiverkko.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        return str(exc)
    return None


def _database_problem(exc: BaseException) -> str | None:
    """Why a database error happened, said so that the user knows what to do; None when
    it is neither an unreachable database nor missing migrations."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    if not isinstance(exc, DatabaseError):
        return None
    from tukiverkko.operations.backup import database_label

    where = database_label()
    try:
        connection.close()
        connection.ensure_connection()
    except DatabaseError as down:
        reason = str(down).strip().splitlines()[0] if str(down).strip() else type(down).__name__
        return (
            f"cannot reach the database {where} ({reason}). Start the database server "
            "or correct DATABASE_URL (.env.example)."
        )
    try:
        executor = MigrationExecutor(connection)
        unapplied = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        unapplied = True  # not even the migrations table can be read
    if unapplied:
        return f"the database {where} is missing tables or columns: run `tukiverkko migrate` first."
    return None


def _asks_for_help(args: list[str]) -> bool:
    return args[1] == "help" or "-h" in args[2:] or "--help" in args[2:]


def _run_django(args: list[str]) -> int:
    problem = _setup_django()
    if problem is not None and _asks_for_help(args):
        # Help needs no secrets and no database: describe the commands with the demo's
        # settings rather than refuse because production ones are missing.
        for name in ("TUKIVERKKO_ENV", "DATABASE_URL", "TUKIVERKKO_ENV_FILE"):
            os.environ.pop(name, None)
        os.environ["TUKIVERKKO_ENV"] = "demo"
        problem = _setup_django()
    if problem is not None:
        return _fail(problem)
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if "--traceback" in args:
            raise
        said = _database_problem(exc)
        if said is not None:
            return _fail(said)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return _fail(
            f"{args[1].replace('_', '-')} failed: {type(exc).__name__}: {first} "
            "(run it again with --traceback to see where)",
            status=1,
        )
    return 0


def main(argv: Sequence[str] | None = None) -> None:
    args = ["tukiverkko", *(sys.argv[1:] if argv is None else argv)]
    if len(args) == 1 or args[1] in {"-h", "--help"} or args[1:] == ["help"]:
        print(help_text())
        sys.exit(0)
    if args[1] == "help" and len(args) == 3 and args[2].replace("_", "-") in PURE:
        args = ["tukiverkko", args[2], "--help"]
    name = args[1].replace("_", "-")
    if name in PURE:
        sys.exit(_run_pure(name, args[2:]))
    if not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    sys.exit(_run_django(args))


if __name__ == "__main__":
    main()
