#!/usr/bin/env bash
# Run the whole suite. pytest exit code 5 ("no tests collected") is a failure, not success.
set -uo pipefail
cd "$(dirname "$0")/.."
export TUKIVERKKO_ENV=test
# In parallel (pytest-xdist), one worker per core unless TUKIVERKKO_TEST_WORKERS says otherwise
# (0 = in this process); "worksteal" evens out the long end-to-end and server tests.
.venv/bin/python -m pytest -n "${TUKIVERKKO_TEST_WORKERS:-auto}" --dist worksteal "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing." >&2
  exit 1
fi
exit "$status"
