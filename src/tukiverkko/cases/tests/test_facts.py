"""Apps that know a fact about a case declare it in ``case_facts`` (cases/facts.py)."""

import pytest
from django.apps import apps

from tukiverkko.cases import facts
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional

pytestmark = pytest.mark.django_db


def in_toteutus(case):
    return {"case_in_implementation": case.phase == Phase.IMPLEMENTATION}


def agrees(case):
    return {"case_in_implementation": case.phase == Phase.IMPLEMENTATION, "other": 1}


def disagrees(case):
    return {"case_in_implementation": "maybe"}


def declare(monkeypatch, *names):
    config = apps.get_app_config("cases")
    paths = tuple(f"tukiverkko.cases.tests.test_facts.{n}" for n in names)
    monkeypatch.setattr(config, "case_facts", paths, raising=False)
    facts.providers.cache_clear()


@pytest.fixture(autouse=True)
def _fresh():
    facts.providers.cache_clear()
    yield
    facts.providers.cache_clear()


def test_the_declared_providers_facts_are_merged(monkeypatch):
    # given two providers that agree
    declare(monkeypatch, "in_toteutus", "agrees")
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, a_professional())
    # then the case's facts are their union
    assert facts.case_facts(case) == {"case_in_implementation": False, "other": 1}


def test_providers_that_disagree_on_a_fact_are_refused(monkeypatch):
    declare(monkeypatch, "in_toteutus", "disagrees")
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, a_professional())
    with pytest.raises(ValueError, match="disagree on the case fact 'case_in_implementation'"):
        facts.case_facts(case)


def test_without_providers_nothing_is_known(monkeypatch):
    declare(monkeypatch)
    case = a_case_in_phase(Phase.JOINT_ASSESSMENT, a_professional())
    assert facts.case_facts(case) == {}
