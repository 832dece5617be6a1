"""The demo world holds Iida's IPS period (made through the actions) and an IPS-25 review of
the Varha IPS service (issue 16)."""

import pytest
from django.core.management import call_command

from tukiverkko.audit.models import DisclosureLogEntry
from tukiverkko.clients.models import Client
from tukiverkko.ips.models import FidelityReview, IpsPeriod, IpsPhase

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_ips_client_and_a_review_of_the_varha_ips_service():
    out = open("/dev/null", "w")  # noqa: SIM115
    call_command("load_catalogue", stdout=out)
    call_command("load_demo", stdout=out)
    call_command("load_demo_clients", count=0, stdout=out)
    iida = Client.objects.get(first_name="Iida")
    period = IpsPeriod.objects.get(case__client=iida)
    assert period.phase == IpsPhase.JOB_SEARCH and period.profile.skills
    assert period.service.slug == "varha-ips-tyohonvalmennus"
    assert (
        DisclosureLogEntry.objects.filter(client_id=iida.pk, purpose="employer_contact").count()
        == 1
    )
    review = FidelityReview.objects.get(service__slug="varha-ips-tyohonvalmennus")
    assert (review.total, review.band) == (117, "exemplary")
    # loading again changes nothing
    call_command("load_demo_clients", count=0, stdout=out)
    assert IpsPeriod.objects.count() == 1 and FidelityReview.objects.count() == 1
