import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from stdnum.fi import hetu

from tukiverkko.audit.models import EventLogEntry
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import a_municipality, an_organisation
from tukiverkko.clients.models import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    a_municipality()
    for slug in ("paijat-hameen-hyvinvointialue", "paijat-hameen-tyollisyysalue", "kela"):
        an_organisation(slug)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_clients_tell_the_seed_stories_and_cover_every_phase(catalogue):
    # when the demo clients are loaded
    call_command("load_demo_clients", count=12, stdout=open("/dev/null", "w"))  # noqa: SIM115
    # then the four seed stories are there with their paths
    by_name = {
        c.first_name: c
        for c in Client.objects.filter(first_name__in=["Maija", "Matti", "Moona", "Ari"])
    }
    assert set(by_name) == {"Maija", "Matti", "Moona", "Ari"}
    matti = by_name["Matti"].cases.get()
    assert (matti.phase, matti.outcome) == (Phase.CLOSED, "open_labour_market")
    moona = by_name["Moona"].cases.get()
    assert moona.handoff_count() == 1
    assert by_name["Maija"].cases.get().phase == Phase.IMPLEMENTATION
    assert by_name["Maija"].consents.filter(form="kela_y100").exists()
    maija_plan = by_name["Maija"].cases.get().plan
    assert maija_plan.versions.count() == 2 and maija_plan.actions.count() == 3
    assert by_name["Ari"].cases.get().journal.count() == 4
    # and every phase has a case; every code is fictitious and valid
    assert set(Case.objects.values_list("phase", flat=True)) == set(Phase.values)
    for client in Client.objects.all():
        code = client.henkilotunnus
        assert hetu.is_valid(code, allow_temporary=True)
        assert 900 <= int(code[7:10]) <= 999
    # and the paths were made through the actions, so they are in the audit log
    assert EventLogEntry.objects.filter(event="case_phase").exists()


def test_the_demo_has_its_work_ability_team_and_the_sote_centres_team_without_cases(catalogue):
    from tukiverkko.teams.models import Team

    call_command("load_demo_clients", count=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    team = Team.objects.get(name="Päijät-Hämeen työkyvyn tuen tiimi")
    assert team.takes_cases
    coordinating = team.members.current().get(coordinating=True)
    assert coordinating.user.username == "koordinaattori"
    assert team.members.current().filter(membership="on_demand").count() == 3
    assert team.series.get().rrule == "FREQ=WEEKLY;INTERVAL=2"
    general = Team.objects.get(name="Heinolan sote-keskuksen moniammatillinen tiimi")
    assert not general.takes_cases and general.series.get().duration_minutes == 30
    call_command("load_demo_clients", count=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Team.objects.count() == 2


def test_loading_twice_changes_nothing(catalogue):
    call_command("load_demo_clients", count=6, stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = (Client.objects.count(), Case.objects.count())
    call_command("load_demo_clients", count=6, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Client.objects.count(), Case.objects.count()) == before


@override_settings(PRODUCTION=True)
def test_never_in_production(catalogue):
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_clients")
    assert Client.objects.count() == 0


def test_demo_professionals_of_the_county_work_in_health_or_social_care_units(catalogue):
    from tukiverkko.accounts.models import Register, User

    # the demo accounts were loaded by the fixture: the county's nurse is in health care, its
    # social worker in social care, and Kela's expert in no unit of the county
    assert User.objects.get(username="terveydenhoitaja").unit.register == Register.HEALTH_CARE
    assert User.objects.get(username="sosiaalityo").unit.register == Register.SOCIAL_CARE
    assert User.objects.get(username="kela").unit is None


def test_the_demo_runs_the_reminder_job_once_so_its_professionals_have_tasks(catalogue):
    from django.test import Client as HttpClient

    from tukiverkko.followup.models import ReminderRun, Task

    # when the demo clients are loaded (twice: safe)
    call_command("load_demo_clients", count=12, stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = set(Task.objects.open().values_list("kind", "key", "owner_id"))
    call_command("load_demo_clients", count=12, stdout=open("/dev/null", "w"))  # noqa: SIM115
    # then the job ran, and the plan reviews and expiring consents made there are tasks
    assert ReminderRun.objects.filter(ok=True).count() == 2
    assert {"plan_review", "consent_expiring"} <= {kind for kind, _key, _owner in first}
    assert set(Task.objects.open().values_list("kind", "key", "owner_id")) == first
    # and a demo professional sees theirs on /tehtavat/
    task = Task.objects.open().filter(kind="plan_review").select_related("owner").first()
    http = HttpClient()
    http.force_login(task.owner)
    body = http.get("/tehtavat/").content.decode()
    assert "Suunnitelman arviointi erääntyy" in body and task.url in body
