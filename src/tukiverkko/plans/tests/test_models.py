"""A plan version is written once: no update, no delete, whatever the database."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from tukiverkko.cases.tests.factories import a_professional
from tukiverkko.plans.enums import Responsible
from tukiverkko.plans.models import PlanAction, PlanVersion
from tukiverkko.plans.querysets import ImmutableVersion
from tukiverkko.plans.tests.factories import a_plan, a_plan_with_goals

pytestmark = pytest.mark.django_db


def test_a_version_cannot_be_saved_again():
    # given a plan's first version
    version = a_plan(by=a_professional()).versions.get()
    version.snapshot = {"plan": {"client_goal": "muutettu"}}
    # when it is saved again / then it is refused and the stored one is unchanged
    with pytest.raises(ImmutableVersion):
        version.save()
    with pytest.raises(ImmutableVersion):
        version.save(update_fields=["snapshot"])
    assert (
        PlanVersion.objects.get(pk=version.pk).snapshot["plan"]["client_goal"] == "Pääsen töihin."
    )


def test_a_version_cannot_be_deleted_one_by_one_or_in_bulk():
    version = a_plan(by=a_professional()).versions.get()
    with pytest.raises(ImmutableVersion):
        version.delete()
    with pytest.raises(ImmutableVersion):
        PlanVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(ImmutableVersion):
        PlanVersion.objects.filter(pk=version.pk).update(number=99)
    assert PlanVersion.objects.filter(pk=version.pk, number=1).exists()


def test_a_version_number_is_taken_once_per_plan():
    plan = a_plan(by=a_professional())
    with pytest.raises(IntegrityError):
        PlanVersion.objects.create(
            plan=plan, number=1, author=plan.case.responsible_worker, change="save", snapshot={}
        )


def test_the_database_holds_one_responsible_per_action_too():
    # given a plan whose actions the action validated
    worker = a_professional()
    plan = a_plan_with_goals(by=worker)
    # when a row names both the client and a professional, bypassing the action
    with pytest.raises(IntegrityError):
        PlanAction.objects.create(
            plan=plan, text="x", responsible=Responsible.CLIENT, responsible_user=worker
        )


def test_labels_name_the_responsible_and_the_companion():
    worker = a_professional("kaisa")
    plan = a_plan_with_goals(by=worker)
    labels = [a.responsible_label for a in plan.actions.all()]
    assert labels == ["asiakas", str(worker)]
    assert [a.service_label for a in plan.actions.all()] == ["", ""]
    assert plan.companion == ""
    assert str(plan) == f"plan of case {plan.case_id}"
    assert str(plan.versions.first()) == f"plan {plan.pk} v1"
