#!/usr/bin/env bash
# Do the packaged contracts (the product's source of truth) still honour the workspace's shared
# ones? The packaged copy may grow ahead (new optional fields, new enum values) but never break
# the shared one (tukiverkko.contracts.compat). A check of the workspace, not of the product, so
# it runs in .ci/run, not in the test suite: it reads $TUKIVERKKO_SHARED_DIR/contracts (default
# ../shared/contracts) and skips, saying so, when there is no shared directory.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${TUKIVERKKO_SHARED_DIR:-../shared}/contracts"
if [ ! -d "$shared" ]; then
  echo "shared contracts: skipped ($shared does not exist)"
  exit 0
fi
TUKIVERKKO_ENV=test .venv/bin/python - "$shared" <<'PY'
import json, sys
from pathlib import Path

from tukiverkko.contracts import DIR
from tukiverkko.contracts.compat import breaks

shared = Path(sys.argv[1])
problems = []
for path in sorted(shared.glob("*.json")):
    packaged = DIR / path.name
    if not packaged.exists():
        problems.append(f"{path.name} is shared but not packaged in {DIR}")
        continue
    problems += [f"{path.name}: {p}" for p in breaks(json.loads(path.read_text()), json.loads(packaged.read_text()))]
for path in sorted(DIR.glob("*.schema.json")):
    if not (shared / path.name).exists():
        problems.append(f"{path.name} is packaged but not in {shared}")
for problem in problems:
    print(f"shared contracts: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"shared contracts: the packaged contracts honour {shared}")
PY
