"""Load, the short form: professionals at work against the production server on loopback
(benchmarks/locustfile.py's mix through benchmarks/load.py), no request failing, and the audit
chain verifying afterwards. The full run and its figures: benchmarks/load.py, docs/performance.md.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.live import ROOT, verify_audit

# The first round every professional makes (benchmarks/locustfile.py): the core of the mix.
SEARCH, CLIENT_PAGE, JOURNAL = (
    "/palvelut/?q=",
    "/asiakkaat/[id]/",
    "/api/v1/clients/cases/[id]/journal",
)


def test_ten_professionals_at_once_with_no_error(demo_db, workdir, start_server):
    # given the production server on a demo database
    server = start_server(workers=3)
    # when ten professionals log in at once and each makes a search, opens a client page and
    # writes a journal entry (no clock: the run ends when the last one is done; 150 s at most)
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--host", server.url,
         "--users", "10", "--seconds", "150", "--round-only", "--json"],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    by_name = result["by_name"]
    # then every one of them logged in and made its round, and no request failed
    assert result["failures"] == 0, result
    assert by_name["login"]["requests"] == 20, result  # the form, then the post
    assert by_name[SEARCH]["requests"] == 10, result
    # (a page and an entry by each of those who have clients: three of the ten demo roles have none)
    assert by_name[CLIENT_PAGE]["requests"] >= 5, result
    assert by_name[JOURNAL]["requests"] >= 5, result
    assert result["seconds"] < 150, result  # ended by the last round, not by the limit
    # and the audit chain, written by every client page and journal entry, verifies
    assert verify_audit(demo_db, workdir).startswith("OK (")
