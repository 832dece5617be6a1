"""Backups of the whole database, and restoring one.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot
  while the server keeps running; restoring copies the file back the same way, page by page,
  under SQLite's own locks.
- PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot, compressed) and
  ``pg_restore --clean --if-exists --single-transaction``: the restore replaces every object
  of the dump in one transaction, so a failed restore leaves the database as it was.

A file's kind is read from its first bytes, so a PostgreSQL dump is never fed to SQLite or
the other way round. Both keep the audit log's triggers and its chain head as they were.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Said to the user as one line; nothing was changed."""


@dataclass
class Outcome:
    database: str
    kind: str
    size: int


def database_label(alias: str = "default") -> str:
    """The database as a user can recognise it, never with its password."""
    connection = connections[alias]
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(settings_dict["NAME"])
    host = settings_dict.get("HOST") or "localhost"
    user = settings_dict.get("USER") or ""
    return f"{connection.vendor}://{user}@{host}:{settings_dict.get('PORT') or ''}/{settings_dict['NAME']}"


def _settings(alias: str) -> dict[str, Any]:
    return connections[alias].settings_dict


def kind_of_database(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups are for SQLite and PostgreSQL, not {vendor}")
    return vendor


def kind_of_file(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither a SQLite backup nor a pg_dump custom-format file")


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client (postgresql-client)"
        )
    return candidates[-1]


def _pg_args(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])  # never on the command line
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise BackupError(
            f"{Path(command[0]).name} failed: {lines[-1] if lines else done.returncode}"
        )


def backup(target: Path, alias: str = "default") -> Outcome:
    kind = kind_of_database(alias)
    settings_dict = _settings(alias)
    partial = target.with_name(target.name + ".partial")
    if kind == "sqlite":
        source = sqlite3.connect(str(settings_dict["NAME"]))
        try:
            copy = sqlite3.connect(str(partial))
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
    else:
        args, env = _pg_args(settings_dict)
        _run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--file",
                str(partial),
                *args,
                "--dbname",
                str(settings_dict["NAME"]),
            ],
            env,
        )
    partial.replace(target)  # a backup file is either whole or not there
    return Outcome(str(settings_dict["NAME"]), kind, target.stat().st_size)


def restore(source: Path, alias: str = "default") -> Outcome:
    kind = kind_of_database(alias)
    found = kind_of_file(source)
    if found != kind:
        raise BackupError(f"{source} is a {found} backup, but the database is {kind}")
    settings_dict = _settings(alias)
    connections.close_all()
    if kind == "sqlite":
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            check = backup_db.execute("PRAGMA integrity_check").fetchone()
            if not check or check[0] != "ok":
                raise BackupError(f"{source} is damaged (SQLite integrity check: {check})")
            live = sqlite3.connect(str(settings_dict["NAME"]), timeout=30)
            try:
                backup_db.backup(live)
            finally:
                live.close()
        finally:
            backup_db.close()
    else:
        args, env = _pg_args(settings_dict)
        _run(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "--dbname",
                str(settings_dict["NAME"]),
                str(source),
            ],
            env,
        )
    return Outcome(str(settings_dict["NAME"]), kind, source.stat().st_size)
