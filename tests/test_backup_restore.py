"""`tukiverkko backup` and `restore` on the database in use (SQLite, or PostgreSQL in the
PostgreSQL pass): a restore gives identical data, and the audit chain verifies against the
head anchored before the backup."""

from __future__ import annotations

import re

from tests.live import head_of, tukiverkko, verify_audit


def test_restore_gives_identical_data_and_an_intact_chain(demo_db, workdir):
    # given a demo database, its audit head anchored, and a backup taken
    anchor = head_of(verify_audit(demo_db, workdir))
    target = workdir / "tukiverkko.backup"
    backed_up = tukiverkko(["backup", str(target)], demo_db.url, cwd=workdir)
    before = demo_db.canonical_dump()
    # when the database changes afterwards (more clients, more audit entries) and the
    # backup is restored
    tukiverkko(["load-demo-clients", "--count", "20"], demo_db.url, cwd=workdir)
    changed = demo_db.canonical_dump()
    restored = tukiverkko(["restore", str(target), "--noinput"], demo_db.url, cwd=workdir)
    after = demo_db.canonical_dump()
    # then every table is as it was at the backup, to the row
    assert changed != before
    assert after == before
    assert sum(len(rows) for _table, rows in after) > 1000
    # and the backup printed the anchor, and the restored chain holds it
    assert re.search(rf"^audit anchor {anchor}$", backed_up.stdout, re.M)
    assert "verify-audit --anchor" in restored.stdout
    assert verify_audit(demo_db, workdir, anchor=anchor).startswith("OK (")


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(demo_db, workdir):
    # given a file that is no backup of either kind
    bogus = workdir / "notes.txt"
    bogus.write_text("tämä ei ole varmuuskopio\n", encoding="utf-8")
    before = demo_db.canonical_dump()
    # when it is restored
    done = tukiverkko(["restore", str(bogus), "--noinput"], demo_db.url, cwd=workdir, check=False)
    # then one plain line says why, with status 2, and the database is untouched
    assert done.returncode == 2
    assert "neither a SQLite backup nor a pg_dump custom-format file" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert demo_db.canonical_dump() == before
