"""Logs without personal data: the whole demo story — building the demo, then a coordinator's
day on the production server — and not one log line or outgoing e-mail carries a
henkilötunnus, a client's name or a health word. Every server line is JSON with a request id.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.live import Professional, Server, open_cases

HETU_SHAPED = re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b")
HEALTH_WORDS = [
    "masennus", "masentunut", "ahdistus", "päihde", "alkoholi", "diagnoosi", "sairaus",
    "mielenterveys", "psykoosi", "unettomuus", "selkäkipu", "lääkitys",
]  # fmt: skip
NEW_CLIENT = {"henkilotunnus": "150375-998M", "first_name": "Lokitta", "last_name": "Salaisenpää"}
JOURNAL = "Masennus ja päihdeongelma vaikeuttavat arkea; lääkitys aloitettu, unettomuus jatkuu."


def findings(text: str, names: set[str]) -> list[str]:
    found = [f"henkilötunnus-shaped {m}" for m in HETU_SHAPED.findall(text)]
    lowered = text.lower()
    found += [f"health word {w}" for w in HEALTH_WORDS if w in lowered]
    found += [f"name {n}" for n in names if re.search(rf"\b{re.escape(n)}\b", text)]
    return found


def test_the_scan_finds_what_it_looks_for():
    # given a log line and an e-mail that do carry personal data
    line = '{"message": "client 131052-308T Maija Meikäläinen, masennus"}'
    # when scanned
    found = findings(line, {"Meikäläinen"})
    # then every kind is found
    assert found == [
        "henkilötunnus-shaped 131052-308T",
        "health word masennus",
        "name Meikäläinen",
    ]


def client_names(db) -> set[str]:
    with db.connect() as conn:
        rows = conn.execute("SELECT first_name, last_name FROM clients_client").fetchall()
    return {part for row in rows for name in row for part in name.split() if len(part) >= 3}


def a_coordinators_day(me: Professional, workdir: Path) -> list[str]:
    """Everything a coordinator does in a day; returns what the server showed that is secret."""
    shown = []
    # a mistyped login: the henkilötunnus in the username field
    me.post_form("/tili/kirjaudu/", {"username": NEW_CLIENT["henkilotunnus"], "password": "x"})
    me.login()
    assert me.get("/asiakkaat/").status_code == 200
    cases = open_cases(me)
    for client_id, _case_id in cases[:4]:
        assert me.get(f"/asiakkaat/{client_id}/").status_code == 200
    revealed = me.post_form(f"/asiakkaat/{cases[0][0]}/henkilotunnus/", {})
    shown += HETU_SHAPED.findall(revealed.text)
    created = me.post_form("/asiakkaat/uusi/", NEW_CLIENT)
    assert created.status_code == 302, created.status_code
    client_id, case_id = cases[1]
    assert (
        me.post_form(
            f"/asiakkaat/asiakkuus/{case_id}/kirjaus/", {"category": "health", "text": JOURNAL}
        ).status_code
        == 302
    )
    assert me.post_form(f"/asiakkaat/asiakkuus/{case_id}/kirjaus/", {"text": ""}).status_code == 400
    version = me.client(client_id)["case"]["version"]
    me.post_form(
        f"/asiakkaat/asiakkuus/{case_id}/vaihe/",
        {"to": "closed", "version": version, "reason": "Masennus hoidossa muualla."},
    )  # refused (no outcome given): the error page names no one in the log either
    me.post_form(
        f"/suostumukset/asiakas/{client_id}/uusi/",
        {"categories": ["health"], "purposes": ["information_exchange"],
         "form": "oral", "valid_from": "2025-06-01", "note": "Suostui masennuksen hoidon tietoihin."},
    )  # fmt: skip
    assert me.get("/palvelut/", params={"q": "masennus päihde"}).status_code == 200
    me.post_form(
        "/tyokykymittari/", {"age": "44", "municipality": "Heinola", "work_ability_score": "3"}
    )
    assert me.get("/asiakkaat/999999/").status_code == 404
    me.get(f"/api/v1/clients/{client_id}")
    me.post_form("/tili/ulos/", {})
    return shown


def test_the_demo_story_leaves_no_personal_data_in_logs_or_mail(databases, demo_db, workdir):
    # given the demo built from scratch (its commands' log lines kept) and a server that writes
    # any e-mail it sends into a folder
    mail = workdir / "mail"
    server = Server(
        demo_db,
        workdir,
        env={
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(mail),
        },
    ).start()
    # when a coordinator's day runs through it
    try:
        shown = a_coordinators_day(Professional("koordinaattori", server), workdir)
    finally:
        server.stop()
    server_lines = server.log_text().splitlines()
    mails = [p.read_text(encoding="utf-8") for p in mail.glob("*")] if mail.exists() else []
    names = client_names(demo_db)
    # then the story did touch secrets (the server showed a henkilötunnus; names exist) …
    assert shown and NEW_CLIENT["last_name"] in names and len(names) > 20
    lines = [json.loads(line) for line in server_lines]  # every line is JSON
    requests_logged = [r for r in lines if r["logger"] == "tukiverkko.request"]
    assert len(requests_logged) >= 15
    # … every request line has its request id …
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["request_id"]) for r in requests_logged)
    # … and no line of the build, the server or any e-mail carries any of it
    everything = {
        "demo build": "\n".join(databases.build_logs),
        "server log": "\n".join(server_lines),
        **{f"e-mail {i}": text for i, text in enumerate(mails)},
    }
    problems = {where: findings(text, names) for where, text in everything.items()}
    assert problems == {where: [] for where in everything}
