"""Real servers on loopback for the system tests: a demo database, `tukiverkko serve` started as
a user would start it, and demo professionals who log in and work over HTTP.

These tests know the service only from outside — URL paths, forms, the JSON API, the
`tukiverkko` command and the database file or server — so they hold however the apps inside
are arranged. The database is SQLite, or the PostgreSQL that DATABASE_URL names in
`.ci/run`'s PostgreSQL pass; every test here runs in both passes.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "tukiverkko-demo"  # README: every demo account
# Every server of a test shares the secret key, as every app server of one installation must.
SECRET_KEY = "system-tests-only-" + "k" * 40
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def measurement() -> dict[str, str]:
    """Coverage's own variable (``[tool.coverage.run] patch = subprocess``), so that what a child
    process runs is measured too. It configures the measurement, never the product."""
    return {k: v for k, v in os.environ.items() if k.startswith("COVERAGE_")}


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """A clean environment: nothing of the test run's own leaks into the server."""
    env = {
        **measurement(),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
        "LANG": "C.UTF-8",
        "TUKIVERKKO_ENV": "demo",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": database_url,
    }
    env.update(extra)
    return env


def tukiverkko(
    args: list[str], database_url: str, *, cwd: Path, check: bool = True, **extra: str
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tukiverkko", *args],
        env=environment(database_url, **extra),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"tukiverkko {' '.join(args)} → {done.returncode}:\n{done.stderr}")
    return done


# --- databases -----------------------------------------------------------------------------


@dataclass
class Database:
    url: str
    vendor: str  # sqlite | postgresql
    path: Path | None = None  # SQLite file

    def connect(self) -> Any:
        if self.vendor == "sqlite":
            return sqlite3.connect(str(self.path))
        import psycopg

        return psycopg.connect(self.url.replace("postgres://", "postgresql://", 1))

    def canonical_dump(self) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """Every table's rows in a fixed order: equal dumps mean equal data."""
        with self.connect() as db:
            if self.vendor == "sqlite":
                names = [
                    r[0]
                    for r in db.execute(
                        "SELECT name FROM sqlite_master WHERE type='table' "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                    )
                ]
            else:
                names = [
                    r[0]
                    for r in db.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname='public' "
                        "ORDER BY tablename"
                    )
                ]
            out = []
            for name in names:
                cursor = db.execute(f'SELECT * FROM "{name}"')  # noqa: S608 — our own table names
                rows = sorted(cursor.fetchall(), key=repr)
                out.append((name, rows))
            return out

    def scalar(self, sql: str) -> Any:
        with self.connect() as db:
            return db.execute(sql).fetchone()[0]


def _pg_admin(url: str) -> Any:
    import psycopg

    parts = urlsplit(url.replace("postgres://", "postgresql://", 1))
    admin = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin, autocommit=True)


def _pg_url(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


class Databases:
    """One demo database built once per test run (migrate, catalogue, demo accounts and
    clients), copied for each test: a file copy on SQLite, CREATE DATABASE … TEMPLATE on
    PostgreSQL."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.server_url = os.environ.get("DATABASE_URL", "")
        self.vendor = "postgresql" if self.server_url.startswith("postgres") else "sqlite"
        self.template: Database | None = None
        self.made: list[Database] = []
        self.build_logs: list[str] = []  # the log lines (stderr) of every command of the build

    def _new(self, name: str) -> Database:
        if self.vendor == "sqlite":
            path = self.workdir / f"{name}.sqlite3"
            return Database(f"sqlite:///{path}", "sqlite", path)
        with _pg_admin(self.server_url) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return Database(_pg_url(self.server_url, name), "postgresql")

    def _build_template(self) -> Database:
        db = self._new(f"tv_system_template_{os.getpid()}")
        for args in (
            ["migrate", "--noinput", "-v0"],
            ["load-catalogue"],
            ["load-demo"],
            ["load-demo-clients", "--count", "12"],
        ):
            done = tukiverkko(args, db.url, cwd=self.workdir)
            self.build_logs.append(done.stderr)
        if db.vendor == "sqlite":
            with sqlite3.connect(str(db.path)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return db

    def demo_copy(self) -> Database:
        if self.template is None:
            self.template = self._build_template()
        name = f"tv_system_{uuid.uuid4().hex[:10]}"
        if self.vendor == "sqlite":
            assert self.template.path is not None
            path = self.workdir / f"{name}.sqlite3"
            shutil.copyfile(self.template.path, path)
            db = Database(f"sqlite:///{path}", "sqlite", path)
        else:
            with _pg_admin(self.server_url) as admin:
                admin.execute(
                    f'CREATE DATABASE "{name}" TEMPLATE "{self.template.url.rsplit("/", 1)[1]}"'
                )
            db = Database(_pg_url(self.server_url, name), "postgresql")
        self.made.append(db)
        return db

    def drop_all(self) -> None:
        if self.vendor != "postgresql":
            return
        dbs = [*self.made, *([self.template] if self.template else [])]
        with _pg_admin(self.server_url) as admin:
            for db in dbs:
                admin.execute(f'DROP DATABASE IF EXISTS "{db.url.rsplit("/", 1)[1]}" WITH (FORCE)')


# --- servers -------------------------------------------------------------------------------


@dataclass
class Server:
    database: Database
    workdir: Path
    worker: bool = True
    workers: int = 2
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self, timeout: float = 90) -> Server:
        self.log = self.workdir / f"server-{self.port}-{int(time.time() * 1000)}.log"
        command = [sys.executable, "-m", "tukiverkko", "serve", "--bind", f"{LOOPBACK}:{self.port}"]
        command += ["--workers", str(self.workers), *([] if self.worker else ["--no-worker"])]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                env=environment(self.database.url, **self.env),
                cwd=self.workdir,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killed as a whole
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited {self.process.returncode}:\n{self.log_text()}")
            try:
                if requests.get(f"{self.url}/readyz", timeout=5).status_code == 200:
                    return self
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or still loading
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"server not ready in {timeout} s:\n{self.log_text()}")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log else ""

    def kill(self) -> None:
        """SIGKILL to every process of the server at once: no clean-up of any kind."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(40)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)


# --- professionals -------------------------------------------------------------------------


class Professional:
    """A demo account working over HTTP; ``server`` may change between any two requests."""

    def __init__(self, username: str, server: Server) -> None:
        self.username = username
        self.server = server
        self.http = requests.Session()

    def _csrf(self) -> str:
        return str(self.http.cookies.get("csrftoken", ""))

    def request(
        self, method: str, path: str, server: Server | None = None, **kwargs: Any
    ) -> requests.Response:
        base = (server or self.server).url
        headers = kwargs.pop("headers", {})
        if method != "GET":
            headers.setdefault("X-CSRFToken", self._csrf())
            headers.setdefault("Referer", base + "/")
        return self.http.request(
            method, base + path, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )

    def get(self, path: str, server: Server | None = None, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, server, **kwargs)

    def post_form(
        self, path: str, data: dict[str, Any], server: Server | None = None
    ) -> requests.Response:
        return self.request(
            "POST", path, server, data={**data, "csrfmiddlewaretoken": self._csrf()}
        )

    def post_json(self, path: str, body: Any, server: Server | None = None) -> requests.Response:
        return self.request("POST", path, server, json=body)

    def login(self, server: Server | None = None) -> Professional:
        self.get("/tili/kirjaudu/", server)
        answer = self.post_form(
            "/tili/kirjaudu/", {"username": self.username, "password": DEMO_PASSWORD}, server
        )
        assert answer.status_code == 302, f"{self.username} could not log in: {answer.status_code}"
        return self

    def clients(self, server: Server | None = None) -> list[dict[str, Any]]:
        answer = self.get("/api/v1/clients/?limit=200", server)
        assert answer.status_code == 200, answer.text
        return list(answer.json())

    def client(self, client_id: int, server: Server | None = None) -> dict[str, Any]:
        answer = self.get(f"/api/v1/clients/{client_id}", server)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


def open_cases(professional: Professional) -> list[tuple[int, int]]:
    """(client id, case id) of every client with an open case the professional may see."""
    found = []
    for client in professional.clients():
        case = professional.client(client["id"]).get("case")
        if case and case["phase"] != "closed":
            found.append((client["id"], case["id"]))
    return found


def verify_audit(database: Database, workdir: Path, anchor: str | None = None) -> str:
    args = ["verify-audit", *(["--anchor", anchor] if anchor else [])]
    done = tukiverkko(args, database.url, cwd=workdir, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def head_of(verify_output: str) -> str:
    match = re.search(r"^head (\d+:[0-9a-f]{64})$", verify_output, re.M)
    assert match, verify_output
    return match.group(1)
