"""Load, the short form: professionals at work against the production server on loopback
(benchmarks/locustfile.py's mix through benchmarks/load.py), no request failing, and the audit
chain verifying afterwards. The full run and its figures: benchmarks/load.py, docs/performance.md.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.live import ROOT, verify_audit

# What every short run must have made (the rarer kinds of the mix may not come up in 15 s).
MIX = {"/palvelut/?q=", "/asiakkaat/[id]/", "/api/v1/clients/cases/[id]/journal"}


def test_ten_professionals_for_fifteen_seconds_with_no_error(demo_db, workdir, start_server):
    # given the production server on a demo database
    server = start_server(workers=3)
    # when ten professionals log in and work for fifteen seconds
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--host", server.url,
         "--users", "10", "--seconds", "15", "--json"],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # then searches and client pages (at least) were made, and no request failed
    assert result["failures"] == 0, result
    assert {name for name, row in result["by_name"].items() if row["requests"] > 0} >= MIX, result
    assert result["requests"] >= 20
    # and the audit chain, written by every client page and journal entry, verifies
    assert verify_audit(demo_db, workdir).startswith("OK (")
