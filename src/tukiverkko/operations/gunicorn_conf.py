"""gunicorn's settings for `tukiverkko serve` (bind, workers and threads come on its command
line). Read by gunicorn itself: ``gunicorn -c python:tukiverkko.operations.gunicorn_conf``."""

import gc
from typing import Any

#: The collector's thresholds in a worker: generation 2 (a full collection, ~70 ms with the
#: 20,000-service catalogue) ten times rarer than Python's default (700, 10, 10).
GC_THRESHOLDS = (700, 10, 100)

# Threads: a worker goes on serving while one request waits on the database, and slow
# clients do not hold a whole process (there may be no buffering proxy in front of a demo).
worker_class = "gthread"
# Workers are recycled now and then, so that a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
timeout = 30
graceful_timeout = 20
keepalive = 5
# Several servers may run on one host (tests, two app servers): no shared control socket.
control_socket_disable = True
# Django logs every request itself (tukiverkko.operations.logs), without query strings;
# gunicorn's access log would carry them.
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tukiverkko.operations.logs.json_formatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}


def post_worker_init(worker: Any) -> None:
    """After the worker has loaded Django: what start-up made lives as long as the process, so
    it is collected once here and frozen out of every later collection (``gc.freeze``), and full
    collections come rarer — they no longer land on a request now and then (issue 15, item 2)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
