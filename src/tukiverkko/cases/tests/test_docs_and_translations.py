"""Docs are tested: every client-data page, API route and command is named in docs/clients.md;
and the pages speak Swedish and English."""

import re

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from tukiverkko.access.tests.test_authorisation_matrix import API, PAGES
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional

DOC = (settings.BASE_DIR / "docs" / "clients.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(k for k in PAGES if not k.startswith("audit:")))
def test_every_page_is_documented(name):
    assert f"`{name}`" in DOC


AUDIT_DOC = (settings.BASE_DIR / "docs" / "audit.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("route", sorted(API))
def test_every_api_route_is_documented(route):
    # the audit app documents its own routes in docs/audit.md
    assert f"`{route}" in (AUDIT_DOC if route.startswith("GET /api/v1/audit/") else DOC)


def test_the_command_is_documented():
    assert "load-demo-clients" in DOC


def test_every_translation_is_filled():
    for app in ("clients", "consent"):
        for lang in ("sv", "en"):
            po = (
                settings.BASE_DIR
                / "src"
                / "tukiverkko"
                / app
                / "locale"
                / lang
                / "LC_MESSAGES"
                / "django.po"
            )
            text = po.read_text(encoding="utf-8")
            empty = re.findall(r'msgstr(?:\[\d\])? ""\n\n', text.split("\n\n", 1)[1] + "\n\n")
            assert empty == [], (app, lang)
            assert "#, fuzzy" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "heading"),
    [("", "Asiakkaan verkosto"), ("/sv", "Klientens nätverk"), ("/en", "The client's network")],
)
def test_the_client_page_speaks_finnish_swedish_and_english(prefix, heading):
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    http = HttpClient()
    http.force_login(worker)
    with translation.override("fi"):  # an earlier request may have left another language active
        url = prefix + reverse("cases:detail", args=[case.client_id])
    response = http.get(url)
    body = response.content.decode()
    assert response.status_code == 200, url
    assert f'<h2 id="net-h">{heading}</h2>' in body
