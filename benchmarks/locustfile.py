"""The load mix: professionals at work, over HTTP (locust).

Each simulated professional logs in once (a demo or benchmark account, round-robin from
TV_LOAD_USERS, password TV_LOAD_PASSWORD) and opens the list of its clients (the logins are
reported apart, as set-up), then makes one round of the core kinds — a search, a client page, a
journal entry — so that even a short run has made each of them. Then, with 0.5–2 s between
actions, each:

- searches the service catalogue (weight 4),
- opens a client page (4) or the list of its clients (1),
- writes a journal entry through the API (2), on a case it has seen on a client page,
- posts the Työkykymittari form (2),
- fetches a static file (2) — the trivial floor that every figure is read beside.

Run by benchmarks/load.py (full figures) and tests/test_load.py (a short form in CI). With
TV_LOAD_ROUND_ONLY=1 (load.py --round-only) each professional stops after that first round and the
run ends when the last one has: the CI form, which then depends on no clock.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import threading

import gevent
from locust import HttpUser, between, task
from locust.exception import StopUser

USERNAMES = [u for u in os.environ.get("TV_LOAD_USERS", "koordinaattori").split(",") if u]
PASSWORD = os.environ.get("TV_LOAD_PASSWORD", "tukiverkko-demo")
_next_user = itertools.cycle(USERNAMES)
_lock = threading.Lock()
ROUND_ONLY = os.environ.get("TV_LOAD_ROUND_ONLY") == "1"
_rounds_done = 0
CLIENT_LINK = re.compile(r'href="/asiakkaat/(\d+)/"')
CASE_FORM = re.compile(r'action="/asiakkaat/asiakkuus/(\d+)/kirjaus/"')

SEARCHES = ["kuntoutus", "työkyky", "nuorten työpajat", "mielenterveys", "", "päihde", "työkokeilu"]
SITUATIONS = [
    {
        "age": "34",
        "municipality": "Heinola",
        "employment_status": "unemployed",
        "unemployment_months_continuous": "14",
        "work_ability_score": "5",
    },
    {"age": "19", "employment_status": "student", "is_student": "true"},
    {
        "age": "52",
        "municipality": "Lahti",
        "employment_status": "employed",
        "has_occupational_health_care": "true",
        "work_disability_threat": "true",
    },
]


class Professional(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        with _lock:
            self.username = next(_next_user)
        self.client.get("/tili/kirjaudu/", name="login")
        answer = self.client.post(
            "/tili/kirjaudu/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self._csrf()},
            name="login",
            allow_redirects=False,
        )
        if answer.status_code != 302:
            raise RuntimeError(f"{self.username} could not log in ({answer.status_code})")
        mine = self.client.get("/asiakkaat/", name="/asiakkaat/")
        self.client_ids = sorted({int(i) for i in CLIENT_LINK.findall(mine.text)})
        if not self.client_ids:  # responsible for none: the organisation's clients (20, audited)
            visible = self.client.get("/api/v1/clients/?limit=20", name="/api/v1/clients/").json()
            self.client_ids = [c["id"] for c in visible]
        self.case_ids: list[int] = []
        self.first_round()

    def first_round(self) -> None:
        self.search()
        self.client_page()
        for _ in range(5):  # a case still open to write on (some demo clients' cases are closed)
            if self.case_ids or not self.client_ids:
                break
            self._learn_a_case()
        self.journal()
        if ROUND_ONLY:
            global _rounds_done
            with _lock:
                _rounds_done += 1
                last = _rounds_done >= (self.environment.parsed_options.num_users or 1)
            if last:  # quit from its own greenlet: stop() waits for the users, this one too
                gevent.spawn(self.environment.runner.quit)
            raise StopUser

    def _csrf(self) -> str:
        return str(self.client.cookies.get("csrftoken", ""))

    @task(4)
    def search(self) -> None:
        self.client.get("/palvelut/", params={"q": random.choice(SEARCHES)}, name="/palvelut/?q=")

    @task(4)
    def client_page(self) -> None:
        if self.client_ids:
            self.client.get(
                f"/asiakkaat/{random.choice(self.client_ids)}/", name="/asiakkaat/[id]/"
            )

    @task(1)
    def my_clients(self) -> None:
        self.client.get("/asiakkaat/", name="/asiakkaat/")

    def _learn_a_case(self) -> None:
        """A professional writes on a case they have open: read one client's record (audited,
        as the page would) to learn its open case."""
        client_id = random.choice(self.client_ids)
        record = self.client.get(f"/api/v1/clients/{client_id}", name="/api/v1/clients/[id]")
        case = record.json().get("case") if record.status_code == 200 else None
        if case and case.get("phase") != "closed":
            self.case_ids.append(int(case["id"]))

    @task(2)
    def journal(self) -> None:
        if not self.case_ids and self.client_ids:
            self._learn_a_case()
        if self.case_ids:
            self.client.post(
                f"/api/v1/clients/cases/{random.choice(self.case_ids)}/journal",
                json={
                    "category": "employment",
                    "text": "Sovittu seuraava tapaaminen ja tavoitteet.",
                },
                headers={"X-CSRFToken": self._csrf()},
                name="/api/v1/clients/cases/[id]/journal",
            )

    @task(2)
    def tyokykymittari(self) -> None:
        self.client.post(
            "/tyokykymittari/",
            {**random.choice(SITUATIONS), "csrfmiddlewaretoken": self._csrf()},
            name="/tyokykymittari/",
        )

    @task(2)
    def static_floor(self) -> None:
        self.client.get("/static/core/site.css", name="static (floor)")
