"""The hash chain: written in one sequence over both logs; verify-audit finds the first change,
deletion or insertion, as an attacker with rights on the database would make them."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tukiverkko.audit.actions import record_access, record_disclosure
from tukiverkko.audit.chain import FIELDS, GENESIS, OPTIONAL, canonical, digest, key_id_for
from tukiverkko.audit.models import AccessLogEntry, ChainHead, DisclosureLogEntry
from tukiverkko.audit.sequencer import sequence_all
from tukiverkko.audit.tests.conftest import tamper


def verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


@pytest.fixture(params=["inline", "deferred"])
def chain(request: Any, settings: Any, nurse: Any, other_organisation: Any) -> list[Any]:
    """Six entries: odd sequence numbers in the access log, even ones in the disclosure log —
    chained by their writers, or written unchained and chained by the sequencer (decision
    0330): every finding below must come out the same either way."""
    settings.AUDIT_SEQUENCING = request.param
    entries: list[Any] = []
    for n in range(3):
        entries.append(
            record_access(
                user=nurse, client_id=10 + n, what="client_page", purpose="hoito", allowed=True
            )
        )
        entries.append(
            record_disclosure(
                user=nurse,
                client_id=10 + n,
                from_organisation_id=None,
                from_register="health_care",
                basis="consent:1",
                to_organisation=other_organisation,
                categories=["health", "employment"],
                purpose="lähete",
                what=f"referral:{n}",
                consent_id=n + 1,
            )
        )
    if request.param == "deferred":
        assert all(e.seq is None for e in entries)
        assert sequence_all() == 6
        for e in entries:
            e.refresh_from_db()
        settings.AUDIT_SEQUENCING = "inline"
    return entries


def rehash(table: str, kind: str, seq: int, prev_hash: str | None = None) -> str:
    """Recompute one row's hash from its current contents, as an attacker without a key can."""
    model = AccessLogEntry if kind == "access" else DisclosureLogEntry
    row = model.objects.get(seq=seq)
    prev = prev_hash if prev_hash is not None else row.prev_hash
    values = [getattr(row, f) for f in (*FIELDS[kind], *OPTIONAL[kind])]
    new = digest(canonical(kind, seq, prev, values), None)
    tamper(f"UPDATE {table} SET entry_hash = %s, prev_hash = %s WHERE seq = %s", [new, prev, seq])  # noqa: S608
    return new


def test_entries_form_one_gapless_chain_over_both_logs(chain: list[Any]) -> None:
    # given the six entries
    # when
    columns = ("seq", "prev_hash", "entry_hash")
    rows = sorted(
        [
            *AccessLogEntry.objects.values_list(*columns),
            *DisclosureLogEntry.objects.values_list(*columns),
        ]
    )
    # then
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0][1] == GENESIS
    for before, after in itertools.pairwise(rows):
        assert after[1] == before[2]
    head = ChainHead.objects.get()
    assert (head.seq, head.hash) == (6, rows[-1][2])


def test_intact_chain_verifies_and_prints_the_head(chain: list[Any]) -> None:
    # when
    code, out = verify()
    # then
    head = ChainHead.objects.get()
    assert code == 0
    assert out.splitlines()[0] == "OK (6 entries)"
    assert f"head 6:{head.hash}" in out


@pytest.mark.django_db
def test_empty_chain_verifies() -> None:
    # when
    code, out = verify()
    # then
    assert (code, out.splitlines()[0]) == (0, "OK (0 entries)")


def test_a_changed_entry_is_named(chain: list[Any]) -> None:
    # given
    tamper("UPDATE audit_accesslogentry SET allowed = %s WHERE seq = 3", [False])
    # when
    code, message = verify()
    # then
    access_id = AccessLogEntry.objects.get(seq=3).pk
    assert code == 1
    assert "changed" in message
    assert f"seq 3 (audit_accesslogentry id {access_id})" in message


def test_a_changed_disclosure_with_its_hash_recomputed_is_named(chain: list[Any]) -> None:
    # given: the attacker changes seq 4 and recomputes its hash, but not the chain after it
    tamper("UPDATE audit_disclosurelogentry SET to_organisation_name = 'Muu' WHERE seq = %s", [4])
    rehash("audit_disclosurelogentry", "disclosure", 4)
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "seq 4 (audit_disclosurelogentry" in message
    assert "changed" in message


def test_a_deleted_entry_is_named(chain: list[Any]) -> None:
    # given
    tamper("DELETE FROM audit_disclosurelogentry WHERE seq = 4")
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "deleted" in message
    assert "seq 4" in message
    assert "after seq 3 (audit_accesslogentry" in message


def test_a_deleted_entry_is_named_even_when_the_rest_is_renumbered(chain: list[Any]) -> None:
    # given: seq 4 deleted, later entries and the head moved down by one to close the gap
    tamper("DELETE FROM audit_disclosurelogentry WHERE seq = 4")
    tamper("UPDATE audit_accesslogentry SET seq = seq - 1 WHERE seq > 4")
    tamper("UPDATE audit_disclosurelogentry SET seq = seq - 1 WHERE seq > 4")
    tamper("UPDATE audit_chainhead SET seq = 5")
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "deleted" in message
    assert "seq 4 before it was deleted" in message


def test_an_entry_inserted_with_a_duplicate_sequence_number_is_named(
    chain: list[Any],
) -> None:
    # given: a forged disclosure carrying seq 3, which belongs to an access entry
    tamper(
        "INSERT INTO audit_disclosurelogentry (at, username, client_id, categories, purpose, "
        "what, seq, prev_hash, entry_hash, key_id, to_organisation_name) "
        "VALUES (%s, 'hoitaja', 10, '[]', 'lähete', 'forged', 3, %s, %s, '', 'X')",
        [chain[0].at, chain[1].entry_hash, "f" * 64],
    )
    forged = DisclosureLogEntry.objects.get(what="forged")
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "inserted" in message
    assert f"seq 3 (audit_disclosurelogentry id {forged.pk})" in message


def test_an_entry_inserted_with_a_valid_hash_and_renumbering_is_named(
    chain: list[Any],
) -> None:
    # given: the attacker shifts seq 4.. up by one and forges a correctly hashed seq 4
    tamper("UPDATE audit_accesslogentry SET seq = seq + 1 WHERE seq >= 4")
    tamper("UPDATE audit_disclosurelogentry SET seq = seq + 1 WHERE seq >= 4")
    tamper("UPDATE audit_chainhead SET seq = 7")
    prev = chain[2].entry_hash
    at = chain[2].at
    values = [at, None, "hoitaja", None, "", "", 99, "client_page", "", True]
    forged_hash = digest(canonical("access", 4, prev, values), None)
    tamper(
        "INSERT INTO audit_accesslogentry (at, username, organisation_name, role, client_id, "
        "what, purpose, allowed, seq, prev_hash, entry_hash, key_id, basis, request_id, "
        "session_ref, ip) "
        "VALUES (%s, 'hoitaja', '', '', 99, 'client_page', '', %s, 4, %s, %s, '', '', '', '', '')",
        [at, True, prev, forged_hash],
    )
    forged = AccessLogEntry.objects.get(client_id=99)
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "inserted" in message
    assert f"seq 4 (audit_accesslogentry id {forged.pk}) was inserted" in message


def test_an_entry_inserted_beyond_the_head_is_named(chain: list[Any]) -> None:
    # given
    tamper(
        "INSERT INTO audit_accesslogentry (at, username, organisation_name, role, client_id, "
        "what, purpose, allowed, seq, prev_hash, entry_hash, key_id) "
        "VALUES (%s, 'x', '', '', 1, 'client_page', '', %s, 7, %s, %s, '')",
        [chain[0].at, True, chain[5].entry_hash, "e" * 64],
    )
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "inserted" in message
    assert "seq 7" in message


def test_the_newest_entries_deleted_are_found_through_the_head(chain: list[Any]) -> None:
    # given
    tamper("DELETE FROM audit_disclosurelogentry WHERE seq = 6")
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "newest entries seq 6–6 are missing" in message


def test_cutting_back_chain_and_head_is_found_only_with_an_anchor(chain: list[Any]) -> None:
    # given: a head printed earlier and kept elsewhere; then the newest entry and the head cut
    _, out = verify()
    anchor = out.splitlines()[1].removeprefix("head ")
    tamper("DELETE FROM audit_disclosurelogentry WHERE seq = 6")
    tamper("UPDATE audit_chainhead SET seq = 5, hash = %s", [chain[4].entry_hash])
    # when
    without_anchor = verify()
    with_anchor = verify("--anchor", anchor)
    # then: the chain alone cannot tell (documented); the anchor can
    assert without_anchor[0] == 0
    assert with_anchor[0] == 1
    assert "anchored entry seq 6 is not in the chain" in with_anchor[1]


def test_a_rewritten_prefix_is_found_with_an_anchor(chain: list[Any]) -> None:
    # given: the whole chain re-hashed after changing seq 1 — consistent again, but not anchored
    _, out = verify()
    anchor = out.splitlines()[1].removeprefix("head ")
    tamper("UPDATE audit_accesslogentry SET purpose = 'muu' WHERE seq = 1")
    prev = GENESIS
    for seq in range(1, 7):
        kind = "access" if seq % 2 else "disclosure"
        prev = rehash(f"audit_{kind}logentry", kind, seq, prev)
    tamper("UPDATE audit_chainhead SET hash = %s", [prev])
    # when
    without_anchor = verify()
    with_anchor = verify("--anchor", anchor)
    # then
    assert without_anchor[0] == 0
    assert with_anchor[0] == 1
    assert "rewritten" in with_anchor[1]


def test_a_lifted_trigger_is_reported(chain: list[Any]) -> None:
    # given
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_accesslogentry DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_accesslogentry_no_delete")
    # when
    code, message = verify()
    # then
    assert code == 1
    assert "trigger" in message
    assert "audit_accesslogentry" in message


@pytest.mark.django_db
def test_a_bad_anchor_is_refused_with_status_2() -> None:
    # when
    code, message = verify("--anchor", "12:not-a-hash")
    # then
    assert code == 2
    assert "--anchor must be SEQ:HASH" in message


def test_rolled_back_entries_leave_no_gap(nurse: Any) -> None:
    # given
    record_access(user=nurse, client_id=1, what="client_page", purpose="hoito", allowed=True)

    def failing_request() -> None:
        with transaction.atomic():
            record_access(
                user=nurse, client_id=1, what="client_page", purpose="hoito", allowed=True
            )
            raise RuntimeError("the request failed")

    # when
    with pytest.raises(RuntimeError):
        failing_request()
    entry = record_access(
        user=nurse, client_id=1, what="client_page", purpose="hoito", allowed=True
    )
    # then
    assert entry.seq == 2
    assert verify()[0] == 0


def test_hmac_chain_detects_rewriting_without_the_key(
    settings: Any, nurse: Any, other_organisation: Any
) -> None:
    # given: entries written with a key
    settings.AUDIT_HMAC_KEY = "salainen-avain-vain-testiin"
    record_access(user=nurse, client_id=1, what="client_page", purpose="hoito", allowed=True)
    last = record_access(user=nurse, client_id=1, what="client_page", purpose="hoito", allowed=True)
    assert last.key_id
    assert verify()[0] == 0
    # when: the newest entry is changed and re-hashed with plain SHA-256 (the key is unknown)
    tamper("UPDATE audit_accesslogentry SET allowed = %s, key_id = '' WHERE seq = 2", [False])
    new_hash = rehash("audit_accesslogentry", "access", 2)
    tamper("UPDATE audit_chainhead SET hash = %s", [new_hash])
    code, message = verify()
    # then
    assert code == 1
    assert "without the HMAC key" in message


def test_keyed_entries_cannot_be_verified_without_the_key(settings: Any, nurse: Any) -> None:
    # given
    settings.AUDIT_HMAC_KEY = "salainen-avain-vain-testiin"
    record_access(user=nurse, client_id=1, what="client_page", purpose="hoito", allowed=True)
    settings.AUDIT_HMAC_KEY = ""
    # when
    code, message = verify()
    # then
    assert code == 2
    assert "not configured" in message


OLD_KEY, NEW_KEY = "vanha-avain-vain-testiin", "uusi-avain-vain-testiin"


def rotated_chain(settings: Any, nurse: Any) -> None:
    """Two entries under the old key, then the key changed (the old one retired), two more."""
    settings.AUDIT_HMAC_KEY, settings.AUDIT_HMAC_KEYS_PREVIOUS = OLD_KEY, []
    for _ in range(2):
        record_access(user=nurse, client_id=1, what="client_page", purpose="hoito", allowed=True)
    settings.AUDIT_HMAC_KEY, settings.AUDIT_HMAC_KEYS_PREVIOUS = NEW_KEY, [OLD_KEY]
    for _ in range(2):
        record_access(user=nurse, client_id=1, what="client_page", purpose="hoito", allowed=True)


def test_a_new_hmac_key_starts_an_epoch_that_verify_audit_names(settings: Any, nurse: Any) -> None:
    # given a chain written under an old key and then under a new one
    rotated_chain(settings, nurse)
    old_id, new_id = key_id_for(OLD_KEY.encode()), key_id_for(NEW_KEY.encode())
    # when it is verified with the new key and the retired one
    code, out = verify()
    # then it is intact, in two epochs, each entry under its own key
    assert code == 0
    assert "OK (4 entries)" in out
    assert f"epoch seq 1–2: key {old_id}" in out
    assert f"epoch seq 3–4: key {new_id}" in out
    assert [e.key_id for e in AccessLogEntry.objects.order_by("seq")] == [old_id] * 2 + [new_id] * 2


def test_without_the_retired_key_the_old_epoch_cannot_be_checked(settings: Any, nurse: Any) -> None:
    # given a rotated chain, and the retired key dropped from the configuration
    rotated_chain(settings, nurse)
    settings.AUDIT_HMAC_KEYS_PREVIOUS = []
    # when
    code, message = verify()
    # then verify says which entry and which setting, rather than calling it tampered
    assert code == 2
    assert "seq 1" in message and "TUKIVERKKO_AUDIT_HMAC_KEY_PREVIOUS" in message


def test_a_retired_key_cannot_rewrite_an_entry_of_the_new_epoch(settings: Any, nurse: Any) -> None:
    # given a rotated chain, and an attacker who has the database and the OLD (leaked) key
    rotated_chain(settings, nurse)
    row = AccessLogEntry.objects.get(seq=4)
    values = [False if f == "allowed" else getattr(row, f) for f in FIELDS["access"]]
    forged = digest(canonical("access", 4, row.prev_hash, values), OLD_KEY.encode())
    # when the newest entry is changed and re-hashed consistently under the old key
    tamper(
        "UPDATE audit_accesslogentry SET allowed = %s, key_id = %s, entry_hash = %s WHERE seq = 4",
        [False, key_id_for(OLD_KEY.encode()), forged],
    )
    tamper("UPDATE audit_chainhead SET hash = %s", [forged])
    code, message = verify()
    # then the hash is right but the key went backwards: named as a rewrite
    assert code == 1
    assert "seq 4" in message and "older key" in message
