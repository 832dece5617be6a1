"""A real production server for the benchmarks: gunicorn with the product's own configuration
(``tukiverkko.operations.gunicorn_conf``), logged in as a professional over HTTP, with the
floor pages the figures are put beside (issue 15: runserver stalls ~40 ms on kept-alive
connections, so no benchmark measures through it).

    with Server(port=8190, workers=2) as server:
        http = server.login("bench-0", PASSWORD)
        floor = server.times(http, ["/ei-ole/"] * 200)          # a 404 of the same server
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

import requests

ROOT = Path(__file__).resolve().parent.parent


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(label: str, seconds: list[float], floor: list[float] | None = None) -> str:
    """``label  p50 … ms  p95 … ms`` and, beside a floor, the p95 ratio."""
    p50, p95 = pct(seconds, 50) * 1000, pct(seconds, 95) * 1000
    line = f"  {label:<34} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   n={len(seconds)}"
    if floor:
        line += f"   p95 ÷ floor p95 = {p95 / (pct(floor, 95) * 1000):.1f}×"
    return line


def machine() -> str:
    return (
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


class Server:
    """gunicorn on 127.0.0.1:``port`` serving the settings of this process's environment."""

    def __init__(
        self,
        *,
        port: int,
        workers: int = 2,
        threads: int = 1,
        src: Path = ROOT / "src",
        env: dict[str, str] | None = None,
    ) -> None:
        """``src``: the code to serve (another commit's ``src`` for a before/after run);
        ``env``: the environment instead of this process's (its settings, its database)."""
        self.src = src
        self.env = env
        self.base = f"http://127.0.0.1:{port}"
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:tukiverkko.operations.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "tukiverkko.wsgi:application",
        ]
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        env = {**(os.environ if self.env is None else self.env), "PYTHONPATH": str(self.src)}
        self.process = subprocess.Popen(
            self.command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(150):
            try:  # a worker still loading the application may answer its first GET late
                requests.get(self.base + "/tili/kirjaudu/", timeout=10)
                return self
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        self.process.terminate()
        self.process.wait(timeout=20)
        raise RuntimeError("gunicorn did not start")

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def login(self, username: str, password: str) -> requests.Session:
        http = requests.Session()
        http.get(self.base + "/tili/kirjaudu/")
        r = http.post(
            self.base + "/tili/kirjaudu/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": http.cookies["csrftoken"],
            },
            headers={"Referer": self.base + "/tili/kirjaudu/"},
            allow_redirects=False,
        )
        if r.status_code != 302:
            raise RuntimeError(f"login as {username} failed: {r.status_code}")
        return http

    def times(
        self,
        http: requests.Session,
        paths: Iterable[str],
        *,
        expect: int | tuple[int, ...] = 200,
        warm_up: int = 10,
    ) -> list[float]:
        """Seconds per GET of each path (after ``warm_up`` untimed ones); a wrong status stops."""
        paths = list(paths)
        wanted = (expect,) if isinstance(expect, int) else expect
        for path in paths[:warm_up]:
            http.get(self.base + path)
        seconds = []
        for path in paths:
            started = time.perf_counter()
            r = http.get(self.base + path)
            seconds.append(time.perf_counter() - started)
            if r.status_code not in wanted:
                raise RuntimeError(f"GET {path} answered {r.status_code}")
        return seconds

    def timed_posts(
        self,
        http: requests.Session,
        requests_: Iterable[tuple[str, dict[str, object]]],
        *,
        expect: tuple[int, ...] = (200, 201, 302),
        json: bool = False,
        check: Callable[[requests.Response], None] | None = None,
    ) -> list[float]:
        """Seconds per POST (a form with the CSRF token, or JSON with the CSRF header)."""
        seconds = []
        for path, data in requests_:
            token = http.cookies.get("csrftoken", "")
            started = time.perf_counter()
            if json:
                r = http.post(
                    self.base + path,
                    json=data,
                    headers={"X-CSRFToken": token, "Referer": self.base + path},
                )
            else:
                r = http.post(
                    self.base + path,
                    data={**data, "csrfmiddlewaretoken": token},
                    headers={"Referer": self.base + path},
                    allow_redirects=False,
                )
            seconds.append(time.perf_counter() - started)
            if r.status_code not in expect:
                raise RuntimeError(f"POST {path} answered {r.status_code}: {r.text[:300]}")
            if check is not None:
                check(r)
        return seconds


def mean_ms(seconds: list[float]) -> float:
    return statistics.mean(seconds) * 1000
