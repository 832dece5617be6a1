"""Crash safety: a bounded stream of writes to a real server, SIGKILL in the middle of it, a
restart — and every write the server acknowledged is there, whole, and the audit chain holds.

Acknowledged means what the client was told: 201 for a journal entry and 200 for a phase change
(the JSON API), 302 back to the client page for a consent (the page's form, Post/Redirect/Get).
A write that got no answer may or may not have committed; if it did, it must be whole too.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import requests

from tests.live import Professional, Server, open_cases, verify_audit

TOGGLE = {
    "identification": "joint_assessment",
    "joint_assessment": "joint_plan",
    "joint_plan": "joint_assessment",
    "implementation": "follow_up",
    "follow_up": "implementation",
}
CATEGORIES = ["health", "employment"]
KILL_AFTER = 24  # acknowledged writes before the kill
PER_CASE = 12  # writes per case (journal, consent, phase in turn)


@dataclass
class Stream:
    """What one case's writer sent and what it was told."""

    client_id: int
    case_id: int
    phase: str
    version: int
    journal_acked: list[str] = field(default_factory=list)
    journal_unanswered: list[str] = field(default_factory=list)
    consents_acked: list[str] = field(default_factory=list)
    consents_unanswered: list[str] = field(default_factory=list)
    phase_in_flight: str | None = None


def run_case(me: Professional, stream: Stream, org_ids: list[int], n: int, acked, killed) -> None:
    for i in range(n):
        try:
            if i % 3 == 0:
                text = (
                    f"Kirjaus {stream.case_id}-{i}: sovittu työkokeilun jatkosta ja tavoitteista."
                )
                answer = me.post_json(
                    f"/api/v1/clients/cases/{stream.case_id}/journal",
                    {"category": "employment", "text": text},
                )
                (
                    stream.journal_acked if answer.status_code == 201 else stream.journal_unanswered
                ).append(text)
                ok = answer.status_code == 201
            elif i % 3 == 1:
                # (a consent starts at most a year back: distinct days within the last 200)
                today = dt.datetime.now(ZoneInfo("Europe/Helsinki")).date()
                day = (today - dt.timedelta(days=200 - i)).isoformat()
                answer = me.post_form(
                    f"/suostumukset/asiakas/{stream.client_id}/uusi/",
                    {
                        "organisations": org_ids,
                        "categories": CATEGORIES,
                        "purposes": ["information_exchange"],
                        "form": "regional_form",
                        "signature_method": "handwritten",
                        "evidence_reference": f"lomake {stream.case_id}-{i}",
                        "valid_from": day,
                    },
                )
                ok = answer.status_code == 302 and answer.headers["Location"].endswith(
                    f"/asiakkaat/{stream.client_id}/"
                )
                (stream.consents_acked if ok else stream.consents_unanswered).append(day)
            else:
                target = TOGGLE[stream.phase]
                stream.phase_in_flight = target
                answer = me.post_json(
                    f"/api/v1/clients/cases/{stream.case_id}/phase",
                    {"to": target, "version": stream.version, "reason": "Verkostossa sovittu."},
                )
                ok = answer.status_code == 200
                if ok:
                    stream.phase, stream.version = answer.json()["phase"], answer.json()["version"]
                    stream.phase_in_flight = None
                elif answer.status_code == 409:
                    return  # a lost answer left our version behind: stop this case's stream
            if ok:
                acked.append(1)
            elif not killed.is_set():
                raise AssertionError(
                    f"refused before the kill: {answer.status_code} {answer.text[:300]}"
                )
        except requests.ConnectionError:
            if i % 3 == 0:
                stream.journal_unanswered.append(text)
            elif i % 3 == 1:
                stream.consents_unanswered.append(day)
            return  # the server is gone: this writer's stream ends


def test_sigkill_mid_stream_loses_no_acknowledged_write(demo_db, workdir, start_server, servers):
    # given a coordinator with open cases on a real server
    server = start_server()
    me = Professional("koordinaattori", server).login()
    cases = open_cases(me)[:4]
    org_ids = sorted(
        {
            int(v)
            for v in re.findall(
                r'name="organisations" value="(\d+)"',
                me.get(f"/suostumukset/asiakas/{cases[0][0]}/uusi/").text,
            )
        }
    )[:2]
    streams = []
    for client_id, case_id in cases:
        case = me.client(client_id)["case"]
        streams.append(Stream(client_id, case_id, case["phase"], case["version"]))
    acked: list[int] = []
    killed = threading.Event()
    # (the coordinator sees only the cases she is in since issue 8: kill halfway through)
    kill_after = min(KILL_AFTER, len(streams) * PER_CASE // 2)

    # when four writers stream journal entries, consents and phase changes, and the whole
    # server is killed with SIGKILL once 24 writes have been acknowledged
    def killer() -> None:
        while len(acked) < kill_after:
            threading.Event().wait(0.005)
        killed.set()
        server.kill()

    with ThreadPoolExecutor(len(streams) + 1) as pool:
        kill = pool.submit(killer)
        writers = [pool.submit(run_case, me, s, org_ids, PER_CASE, acked, killed) for s in streams]
        for writer in writers:
            writer.result(timeout=300)
        kill.result(timeout=300)
    restarted = Server(demo_db, workdir).start()
    servers.append(restarted)
    me.server = restarted

    # then the kill came mid-stream: some writes were acknowledged, some never answered
    assert killed.is_set()
    assert kill_after <= len(acked) < len(streams) * PER_CASE
    for stream in streams:
        detail = me.client(stream.client_id)
        texts = [entry["text"] for entry in detail["case"]["journal"]]
        consents = me.get(f"/api/v1/consents/?client_id={stream.client_id}").json()
        by_day = {c["valid_from"]: c for c in consents}
        # every acknowledged journal entry is there once, whole; an unanswered one at most once
        for text in stream.journal_acked:
            assert texts.count(text) == 1, text
        for text in stream.journal_unanswered:
            assert texts.count(text) <= 1
        assert all(t.endswith("tavoitteista.") for t in texts if t.startswith("Kirjaus "))
        # every acknowledged consent is there with all its organisations and categories
        for day in stream.consents_acked:
            assert day in by_day, day
        for day in stream.consents_acked + [d for d in stream.consents_unanswered if d in by_day]:
            assert sorted(by_day[day]["organisation_ids"]) == org_ids
            assert sorted(by_day[day]["categories"]) == sorted(CATEGORIES)
        # the phase is the last acknowledged one, or the one in flight at the kill
        assert detail["case"]["phase"] in {stream.phase, stream.phase_in_flight}
        assert detail["case"]["version"] >= stream.version
    # and the audit chain over everything that committed verifies
    assert verify_audit(demo_db, workdir).startswith("OK (")
