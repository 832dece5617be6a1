"""Apps above cases add sections to the client page by declaring ``case_panels`` (cases/panels.py)."""

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.test import Client as HttpClient
from django.urls import reverse

from tukiverkko.cases import panels
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional

pytestmark = pytest.mark.django_db

SHOWN = panels.Panel(
    name="example",
    title="Esimerkkiosio",
    template="cases/tests/_example_panel.html",
    context=lambda viewer, case, purpose: {"text": f"{viewer.username}/{case.pk}/{purpose}"},
)
HIDDEN = panels.Panel(
    name="hidden",
    title="Piilotettu osio",
    template="cases/tests/_example_panel.html",
    context=lambda viewer, case, purpose: None,
    order=1,
)
NOT_A_PANEL = object()


@pytest.fixture
def declared(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The cases app itself declares the two example panels for the test."""
    config = apps.get_app_config("cases")
    monkeypatch.setattr(
        config,
        "case_panels",
        ("tukiverkko.cases.tests.test_panels.SHOWN", "tukiverkko.cases.tests.test_panels.HIDDEN"),
        raising=False,
    )
    panels.panels.cache_clear()
    yield
    panels.panels.cache_clear()


def test_a_declared_panel_is_shown_on_the_client_page_with_its_own_context(declared):
    # given a case and its responsible worker
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    http = HttpClient()
    http.force_login(worker)
    # when the client page is opened
    page = http.get(reverse("cases:detail", args=[case.client_id])).content.decode()
    # then the panel's section is there, headed and filled by its context function
    assert '<h2 id="example-h">Esimerkkiosio</h2>' in page
    expected = f"{worker.username}/{case.pk}/information_exchange"
    assert f'<p class="example-panel">{expected}</p>' in page
    # and a panel whose context is None is left out
    assert "Piilotettu osio" not in page


def test_panels_come_in_their_order(declared):
    # (the installed apps' own panels, e.g. referrals', come in between by their order)
    declared_here = {"hidden", "example"}
    assert [p.name for p in panels.panels() if p.name in declared_here] == ["hidden", "example"]


def test_a_declaration_that_is_not_a_panel_is_refused(monkeypatch: pytest.MonkeyPatch):
    config = apps.get_app_config("cases")
    monkeypatch.setattr(
        config, "case_panels", ("tukiverkko.cases.tests.test_panels.NOT_A_PANEL",), raising=False
    )
    panels.panels.cache_clear()
    try:
        with pytest.raises(TypeError, match=r"not a cases\.panels\.Panel"):
            panels.panels()
    finally:
        panels.panels.cache_clear()


def test_two_panels_of_one_name_are_refused(monkeypatch: pytest.MonkeyPatch):
    config = apps.get_app_config("cases")
    path = "tukiverkko.cases.tests.test_panels.SHOWN"
    monkeypatch.setattr(config, "case_panels", (path, path), raising=False)
    panels.panels.cache_clear()
    try:
        with pytest.raises(ValueError, match="share a name"):
            panels.panels()
    finally:
        panels.panels.cache_clear()
