"""The search page and the API on more services than a page shows: the count, the first page
and its order are those of every match sorted by (name_fi, slug) — checked against a reference
computed in Python from the services' own base forms, not from the query code (decision 0333)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tukiverkko.catalogue.models import Service
from tukiverkko.catalogue.tests.webdata import load_web_catalogue
from tukiverkko.catalogue.validity import is_valid_on
from tukiverkko.catalogue.views import RESULTS_SHOWN
from tukiverkko.core.text import query_base_forms

pytestmark = pytest.mark.django_db

# Names that sort in a different order than the slugs, ties on the name (broken by the slug)
# and a mixed case and Ä/Ö, so that an order by slug or by id alone would differ.
NAMES = ["Ö-palvelu", "Aamupaja", "aamupaja", "Äijäpaja", "Bussi", "Aamupaja", "Zeta", "Öljy"]


@pytest.fixture
def many(tmp_path):
    load_web_catalogue(tmp_path)
    today = timezone.localdate()
    sources = list(Service.objects.all())
    for i in range(3 * RESULTS_SHOWN):
        s = Service.objects.get(pk=sources[i % len(sources)].pk)
        s.pk = None
        s.slug = f"kopio-{(7 * i) % 151:03d}"
        s.name_fi = f"{NAMES[i % len(NAMES)]} {i % 9}"
        if i % 11 == 0:
            s.valid_to = today - dt.timedelta(days=1)  # ended yesterday: hidden by default
        elif i % 13 == 0:
            s.valid_from = today + dt.timedelta(days=1)  # begins tomorrow: hidden
        s.save()  # writes its search tokens from the copied base forms
    return today


def reference(q: str, today: dt.date, include_ended: bool = False) -> list[str]:
    """Every matching slug in the one order: each query word a prefix of some base form."""
    words = query_base_forms(q)
    found = [
        s
        for s in Service.objects.all()
        if (include_ended or is_valid_on(s, today))
        and all(
            any(
                lemma.startswith(form) for form in alternatives for lemma in s.search_lemmas.split()
            )
            for alternatives in words
        )
    ]
    return [s.slug for s in sorted(found, key=lambda s: (s.name_fi, s.slug))]


def shown_slugs(html: str) -> list[str]:
    return re.findall(r'<h3[^>]*><a href="/palvelut/([^/]+)/"', html)


@pytest.mark.parametrize(
    ("q", "include_ended"),
    [("", False), ("työkyvyn", False), ("kuntoutus", True), ("nuorten", False)],
)
def test_search_page_counts_every_match_and_shows_the_first_by_name(client, many, q, include_ended):
    # given the expected matches, more than a page for the empty query
    expected = reference(q, many, include_ended)
    assert expected
    # when
    params = {"q": q, "include_ended": "on"} if include_ended else {"q": q}
    html = client.get("/palvelut/", params).content.decode()
    # then the count is every match, and the page the first ones in order
    assert re.search(rf">\s*{len(expected)} palvelua?\s*<", html)
    assert shown_slugs(html) == expected[:RESULTS_SHOWN]
    assert ("ensimmäistä" in html) == (len(expected) > RESULTS_SHOWN)


def test_the_live_results_are_the_same_list(client, many):
    expected = reference("työkyky", many)
    html = client.get("/palvelut/", {"q": "työkyky"}, HTTP_HX_REQUEST="true").content.decode()
    assert shown_slugs(html) == expected[:RESULTS_SHOWN]


def test_a_query_nothing_matches_shows_no_list(client, many):
    html = client.get("/palvelut/", {"q": "zzzyyxx"}).content.decode()
    assert ">0 palvelua<" in html.replace("\n", "") and shown_slugs(html) == []


def test_api_pages_follow_the_same_order(client, many):
    expected = reference("", many)
    assert len(expected) > 40
    body = client.get("/api/v1/services", {"page": 2, "page_size": 20}).json()
    assert body["count"] == len(expected)
    assert [s["slug"] for s in body["items"]] == expected[20:40]
