#!/usr/bin/env bash
# make bench: a throw-away PostgreSQL 15 on loopback with fsync on (the audit figures need a
# durable commit), then every benchmark (benchmarks/run_all.py), which writes its figures into
# docs/performance.md. Arguments go to run_all.py (--clients, --requests, --only).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
start_postgres on
TUKIVERKKO_BENCH_PG="postgres://postgres@127.0.0.1:$PGPORT" .venv/bin/python benchmarks/run_all.py "$@"
