"""Stateless app servers: two `tukiverkko serve` processes on one database, and a professional
whose consecutive requests alternate between them."""

from __future__ import annotations

import re

from tests.live import Professional, head_of, open_cases, verify_audit


def test_session_form_post_and_audited_read_work_across_two_servers(demo_db, workdir, start_server):
    # given two app servers on one database (only the first runs the task worker)
    a = start_server(worker=True)
    b = start_server(worker=False)
    before = demo_db.scalar("SELECT COUNT(*) FROM audit_accesslogentry")
    # when a coordinator logs in on A, and every later request goes to the other server
    coordinator = Professional("koordinaattori", a).login(a)
    client_id, case_id = open_cases(coordinator)[0]
    page_b = coordinator.get(f"/asiakkaat/{client_id}/", b)  # the session made on A, read on B
    text = "Kahden palvelimen kirjaus 7f3a"
    form_page = coordinator.get(f"/asiakkaat/{client_id}/", a)  # CSRF token from A's page …
    posted = coordinator.post_form(  # … accepted by B
        f"/asiakkaat/asiakkuus/{case_id}/kirjaus/", {"category": "employment", "text": text}, b
    )
    seen_on_a = coordinator.client(client_id, a)
    seen_on_b = coordinator.get(f"/asiakkaat/{client_id}/", b)
    for i in range(6):  # audited reads, alternating
        assert coordinator.get(f"/asiakkaat/{client_id}/", (a, b)[i % 2]).status_code == 200
    # then everything worked on both, whichever server made the session or the form
    assert page_b.status_code == 200 and form_page.status_code == 200
    assert posted.status_code == 302
    assert posted.headers["Location"].endswith(f"/asiakkaat/{client_id}/")
    assert text in [entry["text"] for entry in seen_on_a["case"]["journal"]]
    assert text in seen_on_b.text
    # and both wrote to one audit chain: linear (verify-audit walks it) and gapless
    after = demo_db.scalar("SELECT COUNT(*) FROM audit_accesslogentry")
    assert after - before >= 10
    report = verify_audit(demo_db, workdir)
    # (on PostgreSQL the worker's sequencer chains the entries: the walk covers those up to the
    # head it read; one chained later lies above it)
    head = int(head_of(report).split(":")[0])
    union = (
        "SELECT seq FROM audit_accesslogentry UNION ALL SELECT seq FROM audit_disclosurelogentry "
        "UNION ALL SELECT seq FROM audit_eventlogentry"
    )
    seqs = demo_db.scalar(f"SELECT COUNT(*) FROM ({union}) s WHERE seq <= {head:d}")  # noqa: S608
    assert re.search(rf"^OK \({seqs} entries\)$", report, re.M)
    assert head == seqs
