"""The dashboard over HTTP: only the manager reads it, each read (page or CSV) writes one
aggregate-read event naming no client, bad filters are a clear 400, and the CSV holds exactly
what the page shows."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.audit.events import EventType
from tukiverkko.audit.models import AccessLogEntry, EventLogEntry
from tukiverkko.cases.models import Case
from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.monitoring.tests import world as w

pytestmark = pytest.mark.django_db

URL = reverse("monitoring:dashboard")
CSV_URL = reverse("monitoring:dashboard_csv")


class Tables(HTMLParser):
    """The page's data tables: caption and rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._text: list[str] | None = None
        self._row: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "caption":
            self._in_caption, self._text = True, []
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._text is not None:
            self.tables[-1] = ("".join(self._text).strip(), self.tables[-1][1])
            self._in_caption, self._text = False, None
        elif tag in ("th", "td") and self._row is not None and self._text is not None:
            self._row.append("".join(self._text).strip())
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def _page_cells(html: str) -> list[list[str]]:
    """The page's tables as the CSV's lines: indicator, row, column, unit, shown cell."""
    parser = Tables()
    parser.feed(html)
    out = []
    for caption, rows in parser.tables:
        title, unit = caption.rsplit(" (", 1)
        header, body = rows[0], rows[1:]
        for row in body:
            if len(row) == 1:  # "no data" row
                continue
            for column, shown in zip(header[1:], row[1:], strict=True):
                out.append([title, row[0], column, unit.rstrip(")"), shown])
    return out


@pytest.fixture
def world():
    made = w.a_world()
    mine, others = w.cases(made, 6), w.cases(made, 2, org=made.other)
    for case in mine:
        w.was(made, case, 4, 7)
        w.plan(made, case, goals=[[0]], actions=["done", "planned"])
        w.referral(made, case, answered_after=5, due_in=10)
    Case.objects.filter(pk__in=[c.pk for c in others]).update(
        phase="closed", closed_on=timezone.localdate(), outcome="pension"
    )
    return made


def test_anonymous_is_sent_to_log_in(client: Client):
    # when an anonymous visitor opens the dashboard, then the login page
    response = client.get(URL)
    assert response.status_code == 302
    assert "/kirjaudu" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize(
    "role",
    [Role.SOCIAL_WORKER, Role.DATA_PROTECTION, Role.ADMINISTRATOR, Role.WORK_ABILITY_COORDINATOR],
)
def test_other_roles_get_403_and_nothing_is_logged_as_read(client: Client, world, role):
    # given a professional of another role
    client.force_login(a_professional(role=role))
    # when they open the page or the CSV, then 403, and no read event
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403
    assert not EventLogEntry.objects.filter(event=EventType.MONITORING_READ).exists()


def test_the_manager_reads_and_each_read_is_one_aggregate_event(client: Client, world):
    # given the manager
    client.force_login(world.manager)
    reads_before = AccessLogEntry.objects.count()
    # when they open the dashboard filtered by the county's organisation
    response = client.get(URL, {"organisation": world.county.pk})
    # then the page shows the indicators
    assert response.status_code == 200
    html = response.content.decode()
    assert "Työkykypistemäärä alussa ja arvioinneissa" in html
    assert "<svg" in html and 'scope="row"' in html
    # and exactly one monitoring event, with the filters and no client, and no client read
    events = list(EventLogEntry.objects.filter(event=EventType.MONITORING_READ))
    assert len(events) == 1
    event = events[0]
    assert event.client_id is None
    assert event.username == world.manager.username
    assert event.ref.startswith("page;") and f"organisation={world.county.pk}" in event.ref
    assert AccessLogEntry.objects.filter(client_id__isnull=False).count() == 0
    assert AccessLogEntry.objects.count() == reads_before
    # when they download the CSV, then one more event, of the CSV
    assert client.get(CSV_URL, {"organisation": world.county.pk}).status_code == 200
    refs = list(
        EventLogEntry.objects.filter(event=EventType.MONITORING_READ).values_list("ref", flat=True)
    )
    assert len(refs) == 2 and refs[1].startswith("csv;")


def test_a_read_of_kept_figures_is_logged_and_the_page_says_how_old_they_are(client: Client, world):
    # given the manager who has read the dashboard
    client.force_login(world.manager)
    client.get(URL)
    # when a case is closed and they read it again within the minutes the figures are kept
    Case.objects.filter(pk=Case.objects.first().pk).update(
        phase="closed", closed_on=timezone.localdate(), outcome="studies"
    )
    html = client.get(URL).content.decode()
    # then each read is logged, and the page says when its figures were counted
    assert EventLogEntry.objects.filter(event=EventType.MONITORING_READ).count() == 2
    assert "Luvut laskettu " in html and "(0 min sitten)" in html
    assert "yli 5 minuuttia vanhoja" in html


def test_the_csv_is_exactly_what_the_page_shows(client: Client, world):
    # given the manager and filters
    client.force_login(world.manager)
    query = {"grouping": "organisation"}
    # when they read the page and the CSV
    page = _page_cells(client.get(URL, query).content.decode())
    response = client.get(CSV_URL, query)
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    # then the CSV's lines (after its header) are the page's cells, totals and "< 5" too
    assert lines[0] == ["indikaattori", "rivi", "sarake", "yksikkö", "arvo"]
    assert lines[1:] == page
    assert any(line[4] == "< 5" for line in lines[1:])  # the other organisation's two pensions
    assert any(line[4] == "6" for line in lines[1:])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "31.2.2026"}, "Alkaen"),
        ({"start": "2.2.2026", "end": "1.2.2026"}, "Päättyen"),
        ({"organisation": "99999999999999999999999"}, "Organisaatio"),
        ({"grouping": "client"}, "Ryhmittely"),
    ],
)
def test_bad_filters_are_a_clear_400_naming_the_field(client: Client, world, query, field):
    # given the manager, when they give a bad filter
    client.force_login(world.manager)
    response = client.get(URL, query)
    # then 400, naming the field, in Finnish, and nothing is read or logged
    assert response.status_code == 400
    assert field in response.content.decode()
    assert client.get(CSV_URL, query).status_code == 400
    assert not EventLogEntry.objects.filter(event=EventType.MONITORING_READ).exists()


def test_the_menu_leads_the_manager_and_only_the_manager_to_the_dashboard(client: Client, world):
    link = f'href="{URL}"'
    # a coordinator's menu has no link to it
    client.force_login(a_professional(role=Role.WORK_ABILITY_COORDINATOR))
    assert link not in client.get(reverse("core:home")).content.decode()
    # the manager's has, marked as the current page on the dashboard
    client.force_login(world.manager)
    assert link in client.get(reverse("core:home")).content.decode()
    assert f'{link} aria-current="page">Seuranta</a>' in client.get(URL).content.decode()


def test_the_managers_menu_has_no_client_list_of_its_own(client: Client, world):
    mine = f'href="{reverse("cases:mine")}"'
    # a professional's menu leads to their clients
    client.force_login(a_professional(role=Role.WORK_ABILITY_COORDINATOR))
    assert mine in client.get(reverse("core:home")).content.decode()
    # a manager works with no clients: no empty "Asiakkaani" in the menu
    client.force_login(world.manager)
    assert mine not in client.get(reverse("core:home")).content.decode()
