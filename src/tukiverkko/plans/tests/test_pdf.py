"""The plan's PDF, the paper a professional hands to the client: plain Finnish, the items flagged
for the client, the sentence that the plan grants no rights, set in the print font, every page
with its footer and number."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.core.tests.pdf import problems, read_pdf, squeezed
from tukiverkko.plans.tests.factories import a_plan_with_goals

pytestmark = pytest.mark.django_db


def test_the_plan_pdf_is_the_clients_paper():
    # given a plan with a goal and two actions
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    http = HttpClient()
    http.force_login(worker)
    # when its PDF is downloaded
    response = http.get(reverse("plans:pdf", args=[plan.case_id]))
    # then it is a PDF of the plan in plain Finnish, without the page's buttons
    today = timezone.localdate()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="tyokyvyn-tuen-suunnitelma-{today:%Y-%m-%d}.pdf"'
    )
    pages = read_pdf(response.content)
    text = squeezed("".join(p.text for p in pages))
    assert squeezed("Työkyvyn tuen suunnitelmasi") in text
    assert squeezed("Työkokeilu alkaa") in text
    assert squeezed("Hakee työkokeilupaikkaa") in text
    assert squeezed("Suunnitelma ei itse takaa oikeuksia eri palveluihin") in text
    assert "LataaPDF" not in text and "Tulosta" not in text
    client = plan.case.client
    footer = (
        f"Työkyvyn tuen suunnitelma: {client.first_name} {client.last_name} · "
        f"tulostettu {today:%-d.%-m.%Y}"
    )
    assert problems(pages, footer) == []
