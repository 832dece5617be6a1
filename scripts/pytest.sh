#!/usr/bin/env bash
# Run the whole suite. pytest exit code 5 ("no tests collected") is a failure, not success.
set -uo pipefail
cd "$(dirname "$0")/.."
export TUKIVERKKO_ENV=test
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing." >&2
  exit 1
fi
exit "$status"
