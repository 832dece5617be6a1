"""`tukiverkko serve` keeps the task worker going, stops cleanly, and refuses to start on a
database that is not ready."""

from __future__ import annotations

import os
import signal
import time

import requests

from tests.live import tukiverkko


def worker_pids(db) -> set[int]:
    with db.connect() as conn:
        return {int(r[0]) for r in conn.execute("SELECT pid FROM operations_workerheartbeat")}


def test_a_dead_worker_is_restarted_and_a_clean_stop_leaves_no_heartbeat(demo_db, start_server):
    # given a server whose task worker has sent its heartbeat
    server = start_server(worker=True)
    (first,) = worker_pids(demo_db)
    # when the worker process is killed
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (worker_pids(demo_db) - {first}):
        time.sleep(0.3)
    restarted = worker_pids(demo_db) - {first}
    ready = requests.get(f"{server.url}/readyz", timeout=10)
    server.stop()
    # then the server started a new worker, stayed ready, and on stop the worker said goodbye
    assert restarted, server.log_text()[-2000:]
    assert "task worker exited" in server.log_text()
    assert ready.status_code == 200
    assert server.process.returncode == 0
    assert worker_pids(demo_db) <= {first}, server.log_text()[
        -3000:
    ]  # only the killed one's row, which went stale


def test_serve_refuses_a_database_without_its_migrations(workdir):
    # given an empty database; when serve starts on it
    done = tukiverkko(
        ["serve", "--bind", "127.0.0.1:9"], f"sqlite:///{workdir / 'empty.sqlite3'}",
        cwd=workdir, check=False,
    )  # fmt: skip
    # then one line says what to do, and nothing was started
    assert done.returncode == 2
    assert "cannot serve: migrations" in done.stderr and "tukiverkko migrate" in done.stderr
    assert done.stderr.count("\n") == 1
