"""Every refusal of what a client does in the portal — a self-assessment, confirming a prepared
consent, marking an own task, feedback — says what is wrong and saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.actors import ClientActor
from tukiverkko.assessments.actions import record_self_assessment
from tukiverkko.assessments.models import InstrumentAssessment
from tukiverkko.audit.models import EventLogEntry
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import Consent, SignatureMethod
from tukiverkko.plans.actions import update_own_action
from tukiverkko.plans.enums import ActionStatus
from tukiverkko.plans.models import PlanAction
from tukiverkko.portal import actions
from tukiverkko.portal.models import Feedback
from tukiverkko.portal.tests.story import maija

pytestmark = pytest.mark.django_db

STRANGER = ClientActor(client_id=10**9)


def _events() -> int:
    return EventLogEntry.objects.count()


def test_a_self_assessment_only_for_oneself_and_of_an_instrument_the_portal_offers():
    story = maija()
    her = ClientActor(client_id=story.case.client_id)
    before = _events()
    # another client's case / an instrument the portal does not offer
    with pytest.raises(ValidationError) as not_own:
        record_self_assessment(case=story.case, by=STRANGER, instrument="was", answers={})
    assert not_own.value.error_dict["instrument"][0].code == "not_own"
    for instrument in ("no-such-instrument", "audit"):
        with pytest.raises(ValidationError) as unknown:
            record_self_assessment(case=story.case, by=her, instrument=instrument, answers={})
        assert unknown.value.error_dict["instrument"][0].code == "unknown_instrument"
    assert not InstrumentAssessment.objects.filter(case=story.case).exists()
    assert _events() == before


def test_confirming_refuses_another_clients_a_wrong_method_and_a_settled_consent():
    story = maija()
    her = ClientActor(client_id=story.case.client_id)
    two = SignatureMethod.TWO_FACTOR
    with pytest.raises(ValidationError) as not_own:
        consent_actions.confirm_consent(consent=story.pending, by=STRANGER, method=two)
    assert not_own.value.code == "not_own"
    with pytest.raises(ValidationError) as method:
        consent_actions.confirm_consent(
            consent=story.pending, by=her, method=SignatureMethod.HANDWRITTEN
        )
    assert method.value.message_dict == {"method": ["Vahvista suostumus kahdella tekijällä."]}
    # one confirmed at signing awaits nothing
    with pytest.raises(ValidationError) as settled:
        consent_actions.confirm_consent(consent=story.consent, by=her, method=two)
    assert settled.value.code == "not_awaiting"
    # one whose time has run out: ask the worker for a new one
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Consent.objects.filter(pk=story.pending.pk).update(
        valid_from=yesterday - dt.timedelta(days=30), valid_until=yesterday
    )
    with pytest.raises(ValidationError) as expired:
        consent_actions.confirm_consent(consent=story.pending, by=her, method=two)
    assert expired.value.code == "expired"
    # and one revoked
    Consent.objects.filter(pk=story.pending.pk).update(revoked_at=timezone.now())
    with pytest.raises(ValidationError) as revoked:
        consent_actions.confirm_consent(consent=story.pending, by=her, method=two)
    assert revoked.value.code == "already_revoked"
    assert Consent.objects.get(pk=story.pending.pk).confirmed_at is None


def test_a_malformed_henkilotunnus_is_refused_on_its_field():
    story = maija()
    her = ClientActor(client_id=story.case.client_id)
    with pytest.raises(ValidationError) as bad:
        actions.confirm_own_consent(consent=story.pending, by=her, henkilotunnus="123")
    assert list(bad.value.message_dict) == ["henkilotunnus"]
    assert Consent.objects.get(pk=story.pending.pk).awaits_confirmation


def test_only_her_own_task_not_cancelled_and_a_comment_keeps_a_planned_task_planned():
    story = maija()
    her = ClientActor(client_id=story.case.client_id)
    task = story.own_task
    with pytest.raises(ValidationError) as not_own:
        update_own_action(action=task, by=STRANGER, done=True, comment="")
    assert not_own.value.code == "not_own"
    # a word on a task not yet begun leaves it planned
    PlanAction.objects.filter(pk=task.pk).update(status=ActionStatus.PLANNED)
    update_own_action(action=task, by=her, done=False, comment="Aloitan ensi viikolla.")
    task.refresh_from_db()
    assert task.status == ActionStatus.PLANNED
    assert task.client_comment == "Aloitan ensi viikolla."
    # a cancelled one cannot be marked
    PlanAction.objects.filter(pk=task.pk).update(status=ActionStatus.CANCELLED)
    with pytest.raises(ValidationError) as cancelled:
        update_own_action(action=task, by=her, done=True, comment="")
    assert cancelled.value.message_dict == {"done": ["Tehtävä on peruttu: sitä ei voi merkitä."]}
    assert PlanAction.objects.get(pk=task.pk).status == ActionStatus.CANCELLED


def test_feedback_only_on_her_own_path_and_on_a_known_subject():
    story = maija()
    her = ClientActor(client_id=story.case.client_id)
    with pytest.raises(ValidationError) as not_own:
        actions.give_feedback(case=story.case, by=STRANGER, on="path", rating=4, text="")
    assert "omasta asiakkuudestasi" in not_own.value.messages[0]
    with pytest.raises(ValidationError) as subject:
        actions.give_feedback(case=story.case, by=her, on="weather", rating=4, text="")
    assert subject.value.message_dict == {"on": ["Valitse, mistä annat palautetta."]}
    assert not Feedback.objects.exists()
