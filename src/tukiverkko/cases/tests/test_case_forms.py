"""The client page's action forms, loaded on demand (decision 0337): the page shows each form
closed, with the link that loads it; the form comes as an htmx fragment, or as a page of its
own without JavaScript; it is authorised and logged like its POST; a refused POST shows the
client page again with that form open and its field errors in Finnish."""

from __future__ import annotations

import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import AccessLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import (
    a_case_in_phase,
    a_consent,
    a_member,
    a_professional,
    an_organisation,
)

pytestmark = pytest.mark.django_db

FORMS = ["phase", "handover", "network", "checklist", "journal"]
# A field of each form that only the form itself renders.
FIELD = {
    "phase": 'name="to"',
    "handover": 'name="to_worker"',
    "network": 'name="organisation"',
    "checklist": 'name="follow_up_by"',
    "journal": 'name="text"',
}


def logged_in(user):
    http = HttpClient()
    http.force_login(user)
    return http


def _form_url(key, case):
    return reverse(f"cases:{key}_form", args=[case.pk])


def test_the_client_page_offers_each_form_closed_with_its_loading_link():
    # given the responsible worker of an open case
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    # when they open the client page
    body = logged_in(worker).get(reverse("cases:detail", args=[case.client_id])).content.decode()
    for key in FORMS:
        url = _form_url(key, case)
        # then each form is a closed <details> that loads it once, when first opened
        details = re.search(rf'<details class="case-form" id="{key}-form"[^>]*>', body)
        assert details, key
        assert " open" not in details.group(0), key
        assert f'hx-get="{url}"' in details.group(0), key
        assert 'hx-trigger="toggle once"' in details.group(0), key
        assert f'hx-target="#{key}-form-body"' in details.group(0), key
        # and without JavaScript a plain link opens the form's own page
        assert f'<a href="{url}">' in body, key
        # and the form itself is not rendered on the page
        assert FIELD[key] not in body, key


@pytest.mark.parametrize("key", FORMS)
def test_a_form_comes_as_a_fragment_for_htmx_and_as_a_page_without(key):
    worker = a_professional()
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, worker)
    http = logged_in(worker)
    url = _form_url(key, case)
    reads = AccessLogEntry.objects.filter(what=f"case_{key}_form", allowed=True)
    # when htmx asks for the form
    fragment = http.get(url, headers={"HX-Request": "true"})
    # then it is the form alone, posting where it always has, never cached
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert "<html" not in html and "<h1" not in html
    assert f'action="{reverse(f"cases:{key}", args=[case.pk])}"' in html
    assert FIELD[key] in html and "csrfmiddlewaretoken" in html
    assert "no-store" in fragment["Cache-Control"]
    assert "HX-Request" in fragment["Vary"]
    # and the read is logged, with the client
    assert reads.count() == 1
    assert reads.get().client_id == case.client_id
    # when a browser without JavaScript follows the link
    page = http.get(url)
    html = page.content.decode()
    # then it is a page with the form and the way back to the client
    assert page.status_code == 200
    assert "<html" in html and "<h1>" in html
    assert FIELD[key] in html
    assert f'href="{reverse("cases:detail", args=[case.client_id])}"' in html
    assert "no-store" in page["Cache-Control"]
    assert reads.count() == 2


def test_the_forms_hold_the_case_version_and_the_case_choices():
    worker = a_professional()
    colleague = a_professional("kollega", org=worker.organisation)
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    http = logged_in(worker)
    hx = {"HX-Request": "true"}
    phase = http.get(_form_url("phase", case), headers=hx).content.decode()
    assert f'name="version" value="{case.version}"' in phase
    handover = http.get(_form_url("handover", case), headers=hx).content.decode()
    assert f'value="{colleague.pk}"' in handover


def test_a_network_member_of_another_organisation_gets_the_journal_form_only():
    # given a professional of another organisation in the client's network (may write, not steer)
    worker = a_professional()
    member = a_professional("te", org=an_organisation("te-palvelut"), role=Role.EMPLOYMENT_EXPERT)
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    a_consent(case.client, worker, organisations=[member.organisation], categories=["employment"])
    a_member(case, member, role="TE")
    http = logged_in(member)
    # when they open the client page
    body = http.get(reverse("cases:detail", args=[case.client_id])).content.decode()
    # then only the journal form is offered
    assert 'id="journal-form"' in body
    for key in ["phase", "handover", "network", "checklist"]:
        assert f'id="{key}-form"' not in body, key
    # and asking for a steering form anyway is refused, with the reason, and logged
    refused = http.get(_form_url("phase", case), headers={"HX-Request": "true"})
    assert refused.status_code == 403
    assert AccessLogEntry.objects.filter(what="case_phase_form", allowed=False).count() == 1
    assert http.get(_form_url("journal", case)).status_code == 200


def test_an_outsider_gets_no_form_and_the_attempt_is_logged():
    worker = a_professional()
    outsider = a_professional("ulkopuolinen", org=an_organisation("muu-kunta"))
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    http = logged_in(outsider)
    for key in FORMS:
        response = http.get(_form_url(key, case), headers={"HX-Request": "true"})
        assert response.status_code == 404, key
    assert AccessLogEntry.objects.filter(allowed=False, what__endswith="_form").count() == 5
    # and an absent case is the same 404
    assert http.get(reverse("cases:journal_form", args=[10**9])).status_code == 404


def test_a_pending_handover_offers_no_second_one():
    worker = a_professional()
    colleague = a_professional("kollega", org=worker.organisation)
    case = a_case_in_phase(Phase.JOINT_PLAN, worker)
    http = logged_in(worker)
    http.post(
        reverse("cases:handover", args=[case.pk]), {"to_worker": colleague.pk, "reason": "Loma"}
    )
    body = http.get(reverse("cases:detail", args=[case.client_id])).content.decode()
    assert "Siirtopyyntö odottaa" in body
    assert 'id="handover-form"' not in body
    assert 'id="phase-form"' in body


def test_a_refused_post_shows_that_form_open_with_its_finnish_field_errors():
    # given the responsible worker
    worker = a_professional()
    case = a_case_in_phase(Phase.IMPLEMENTATION, worker)
    http = logged_in(worker)
    # when a journal entry without text is posted
    response = http.post(reverse("cases:journal", args=[case.pk]), {"category": "health"})
    body = response.content.decode()
    # then the client page comes back with the journal form open and the field's error
    assert response.status_code == 400
    assert re.search(r'<details class="case-form" id="journal-form" open>', body)
    assert 'name="text"' in body
    assert re.search(r'<ul class="errorlist" id="id_text-errors"><li>Tämä kenttä vaaditaan', body)
    assert "Tallennus ei onnistunut" in body
    # and the other forms stay closed, loaded on demand
    assert re.search(r'<details class="case-form" id="phase-form" hx-get=', body)
    assert 'name="to"' not in body
