#!/usr/bin/env bash
# Are the packaged contracts (the product's source of truth) still the workspace's shared ones?
# A check of the workspace, not of the product, so it runs in .ci/run, not in the test suite:
# it compares src/tukiverkko/contracts/*.schema.json with $TUKIVERKKO_SHARED_DIR/contracts
# (default ../shared/contracts) and skips, saying so, when there is no shared directory.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${TUKIVERKKO_SHARED_DIR:-../shared}/contracts"
packaged=src/tukiverkko/contracts
if [ ! -d "$shared" ]; then
  echo "shared contracts: skipped ($shared does not exist)"
  exit 0
fi
status=0
for path in "$shared"/*.json; do
  name=$(basename "$path")
  if [ ! -f "$packaged/$name" ]; then
    echo "shared contracts: $name is shared but not packaged in $packaged" >&2
    status=1
  elif ! cmp -s "$path" "$packaged/$name"; then
    echo "shared contracts: $packaged/$name differs from $path" >&2
    status=1
  fi
done
for path in "$packaged"/*.schema.json; do
  name=$(basename "$path")
  if [ ! -f "$shared/$name" ]; then
    echo "shared contracts: $name is packaged but not in $shared" >&2
    status=1
  fi
done
if [ "$status" -eq 0 ]; then
  echo "shared contracts: the packaged contracts equal $shared"
fi
exit "$status"
