"""`tukiverkko serve`: the web server and the task worker as two child processes, kept going.

A small supervisor rather than a process manager: one command must start everything on a
demo machine (`make run`), and in production the same command runs under systemd or a
container runtime, which restart *it*. Here it starts gunicorn and `tukiverkko worker`,
passes SIGTERM/SIGINT on to both, restarts the worker when it dies (with a growing pause),
and ends — stopping the worker — when the web server ends (decision 0172).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import FrameType

logger = logging.getLogger("tukiverkko.serve")

STOP_SECONDS = 30.0


def default_workers() -> int:
    """gunicorn's advice, 2 × cores + 1, capped: more processes than that only queue."""
    raw = os.environ.get("WEB_CONCURRENCY", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return min(2 * (os.cpu_count() or 1) + 1, 8)


@dataclass
class Plan:
    bind: str
    workers: int
    threads: int
    timeout: int
    worker: bool
    dev: bool

    def web_command(self) -> list[str]:
        if self.dev:
            return [sys.executable, "-m", "tukiverkko", "runserver", self.bind]
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:tukiverkko.operations.gunicorn_conf",
            "--bind",
            self.bind,
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--timeout",
            str(self.timeout),
            "tukiverkko.wsgi:application",
        ]

    def worker_command(self) -> list[str]:
        reload = "--reload" if self.dev else "--no-reload"
        return [sys.executable, "-m", "tukiverkko", "worker", reload]


def _die_with_parent() -> None:
    if sys.platform == "linux":
        import ctypes

        PR_SET_PDEATHSIG = 1  # the name in <sys/prctl.h>
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Supervisor:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.stopping = False
        self.web: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None

    def _start(self, command: Sequence[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(command)  # noqa: S603 — our own interpreter and module

    def _start_worker(self) -> subprocess.Popen[bytes]:
        """The task worker in a process group of its own, so that a signal to the whole group
        (Ctrl+C in a terminal, systemd's stop) reaches it once — passed on by ``_on_signal`` —
        and not twice, which django-tasks takes for "force: terminate the current task". It
        dies with the supervisor (Linux parent-death signal), as it did inside the group."""
        return subprocess.Popen(  # noqa: S603 — our own interpreter and module
            self.plan.worker_command(), start_new_session=True, preexec_fn=_die_with_parent
        )

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping = True
        for child in (self.web, self.worker):
            if child is not None and child.poll() is None:
                child.send_signal(signum)

    def run(self) -> int:
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        kind = "runserver (auto-reload)" if self.plan.dev else "gunicorn"
        logger.info(
            "starting %s on http://%s (%d workers × %d threads), task worker %s",
            kind,
            self.plan.bind,
            self.plan.workers,
            self.plan.threads,
            "on" if self.plan.worker else "off",
        )
        self.web = self._start(self.plan.web_command())
        if self.plan.worker:
            self.worker = self._start_worker()
        pause = 1.0
        restart_at: float | None = None
        while True:
            code = self.web.poll()
            if code is not None:
                self._stop_worker()
                if not self.stopping:
                    logger.error("web server exited with status %s", code)
                return code if code >= 0 else 128 - code
            if self.worker is not None and self.worker.poll() is not None and not self.stopping:
                if restart_at is None:
                    logger.error(
                        "task worker exited with status %s; restarting in %.0f s",
                        self.worker.returncode,
                        pause,
                    )
                    restart_at = time.monotonic() + pause
                elif time.monotonic() >= restart_at:
                    self.worker = self._start_worker()
                    restart_at, pause = None, min(pause * 2, 60.0)
            time.sleep(0.2)

    def _stop_worker(self) -> None:
        if self.worker is None or self.worker.poll() is not None:
            return
        self.worker.terminate()
        try:
            self.worker.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.worker.kill()
            self.worker.wait()
