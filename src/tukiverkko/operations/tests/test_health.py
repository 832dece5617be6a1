"""/healthz and /readyz as a load balancer sees them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tukiverkko.operations.models import WorkerHeartbeat

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def a_heartbeat(seconds_ago: float) -> WorkerHeartbeat:
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(
        worker_id=f"w{seconds_ago}", host="app-1", pid=4321, started_at=seen, seen_at=seen
    )


def test_healthz_answers_without_the_database_whatever_the_host_and_scheme(client, settings):
    # given production-like host checks and HTTPS redirects (and no database access allowed)
    settings.ALLOWED_HOSTS = ["tukiverkko.example.fi"]
    settings.SECURE_SSL_REDIRECT = True
    # when a load balancer probes by IP over plain HTTP
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    # then the process answers that it is up, and nothing caches it
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_is_ready_with_a_live_worker(client, settings):
    # given tasks queued in the database and a worker seen 3 s ago
    settings.TASKS = DB_TASKS
    a_heartbeat(3)
    # when probed
    response = client.get("/readyz/")
    # then every check is ok
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok (1 alive)"},
    }


@pytest.mark.django_db
def test_readyz_is_not_ready_when_the_worker_went_quiet(client, settings):
    # given only a worker whose last heartbeat is 45 s old
    settings.TASKS = DB_TASKS
    a_heartbeat(45)
    # when probed
    response = client.get("/readyz")
    # then 503, naming the worker check and what to do
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == "ok" and body["checks"]["migrations"] == "ok"
    assert "no task worker has sent a heartbeat in 30 s" in body["checks"]["worker"]
    assert "tukiverkko worker" in body["checks"]["worker"]


@pytest.mark.django_db
def test_readyz_needs_no_worker_where_tasks_run_at_once(client):
    # given the test settings (django-tasks' immediate backend) and no worker at all
    # when probed
    response = client.get("/readyz")
    # then ready, saying why no worker is needed
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == "ok (tasks run at once, no worker needed)"
