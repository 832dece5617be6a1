"""The IPS actions: entry needs the rules' social-care decision, only the coach coaches, the
phase table holds, and an employer is contacted only under the client's consent for it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.accounts.models import Role
from tukiverkko.audit.models import DisclosureLogEntry, EventLogEntry
from tukiverkko.cases.models import Phase
from tukiverkko.cases.tests.factories import a_case_in_phase, a_professional, a_unit
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import Consent, ConsentForm
from tukiverkko.ips import actions
from tukiverkko.ips.models import EmployerContact, IpsPhase, IpsTransition
from tukiverkko.ips.tests.factories import (
    EMPLOYER,
    OTHER_EMPLOYER,
    a_decision,
    a_period,
    a_world,
    contact_data,
    employer_consent,
)
from tukiverkko.referrals.tests.factories import a_service

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def events(kind: str) -> int:
    return EventLogEntry.objects.filter(event=kind).count()


# -- the decision and the entry -----------------------------------------------------------


def test_entry_is_refused_without_the_social_care_decision_the_rules_name():
    w = a_world()
    with pytest.raises(ValidationError) as exc:
        actions.start_period(case=w.case, by=w.social_worker, coach=w.coach, service=w.service)
    assert exc.value.code == "prerequisite"
    assert "Sosiaalihuollon päätös" in exc.value.messages[0]
    assert not w.case.ips_periods.exists()


def test_with_the_decision_the_client_enters_ips_in_its_first_phase_logged():
    w = a_world()
    decision = a_decision(w)
    period = actions.start_period(case=w.case, by=w.social_worker, coach=w.coach, service=w.service)
    assert period.phase == IpsPhase.APPLICATION
    assert period.decision == decision
    assert period.next_review_on > timezone.localdate()
    assert [t.to_phase for t in period.transitions.all()] == [IpsPhase.APPLICATION]
    assert events("ips_start") == 1 and events("ips_decision") == 1


def test_only_a_social_care_professional_records_the_decision():
    w = a_world()
    with pytest.raises(ValidationError) as exc:
        actions.record_decision(
            case=w.case, by=a_professional(role=Role.DOCTOR), reference="x", decided_on=TODAY()
        )
    assert exc.value.code == "not_social_care"


@pytest.mark.parametrize(
    ("reference", "decided_on", "valid_until", "field"),
    [
        ("", TODAY(), None, "reference"),
        ("1", None, None, "decided_on"),
        ("1", TODAY() + dt.timedelta(days=1), None, "decided_on"),
        ("1", TODAY(), TODAY() - dt.timedelta(days=1), "valid_until"),
    ],
)
def test_a_bad_decision_names_its_field(reference, decided_on, valid_until, field):
    w = a_world()
    with pytest.raises(ValidationError) as exc:
        actions.record_decision(
            case=w.case,
            by=w.social_worker,
            reference=reference,
            decided_on=decided_on,
            valid_until=valid_until,
        )
    assert field in exc.value.message_dict


def test_an_expired_decision_does_not_open_the_entry():
    w = a_world()
    actions.record_decision(
        case=w.case,
        by=w.social_worker,
        reference="vanha",
        decided_on=TODAY() - dt.timedelta(days=400),
        valid_until=TODAY() - dt.timedelta(days=30),
    )
    assert actions.current_decision(w.case) is None
    with pytest.raises(ValidationError, match="Sosiaalihuollon päätös"):
        actions.start_period(case=w.case, by=w.social_worker, coach=w.coach)


def test_entry_refusals_name_the_coach_the_service_and_the_date():
    w = a_world()
    a_decision(w)
    other = a_service(w.service.organisation, "tyokykykoordinaattori")
    with pytest.raises(ValidationError) as exc:
        actions.start_period(
            case=w.case,
            by=w.social_worker,
            coach=w.social_worker,
            service=other,
            started_on=TODAY() + dt.timedelta(days=1),
        )
    assert set(exc.value.message_dict) == {"coach", "service", "started_on"}
    with pytest.raises(ValidationError) as exc:
        actions.start_period(case=w.case, by=w.social_worker, coach=None)
    assert "coach" in exc.value.message_dict


def test_one_open_period_at_a_time_and_none_on_a_closed_case_or_by_a_non_client_role():
    w = a_world()
    a_period(w)
    with pytest.raises(ValidationError) as exc:
        actions.start_period(case=w.case, by=w.social_worker, coach=w.coach)
    assert exc.value.code == "period_open"
    with pytest.raises(ValidationError):
        actions.start_period(case=w.case, by=w.editor, coach=w.coach)
    closed = a_case_in_phase(Phase.CLOSED, w.social_worker)
    with pytest.raises(ValidationError) as exc:
        actions.start_period(case=closed, by=w.social_worker, coach=w.coach)
    assert exc.value.code == "case_closed"


# -- the phases ---------------------------------------------------------------------------


def test_the_coach_moves_the_period_along_the_table_each_move_logged():
    w = a_world()
    period = a_period(w)
    for to in (IpsPhase.PROFILING, IpsPhase.JOB_SEARCH, IpsPhase.WORKING, IpsPhase.FOLLOW_ALONG):
        period = actions.move_period(
            period=period, to=to, by=w.coach, expected_version=period.version, note="ok"
        )
    assert period.phase == IpsPhase.FOLLOW_ALONG
    assert IpsTransition.objects.filter(period=period).count() == 5
    assert events("ips_phase") == 4


def test_a_phase_may_not_be_skipped_nor_moved_by_another():
    w = a_world()
    period = a_period(w)
    with pytest.raises(ValidationError) as exc:
        actions.move_period(period=period, to=IpsPhase.WORKING, by=w.coach)
    assert exc.value.code == "transition"
    with pytest.raises(ValidationError) as exc:
        actions.move_period(period=period, to=IpsPhase.PROFILING, by=w.social_worker)
    assert exc.value.code == "not_coach"
    with pytest.raises(ValidationError) as exc:
        actions.move_period(period=period, to="nowhere", by=w.coach)
    assert "to" in exc.value.message_dict


def test_a_stale_form_is_a_conflict():
    w = a_world()
    period = a_period(w)
    with pytest.raises(actions.ConflictError):
        actions.move_period(
            period=period, to=IpsPhase.PROFILING, by=w.coach, expected_version=period.version + 1
        )
    stale = type(period).objects.get(pk=period.pk)
    actions.move_period(period=period, to=IpsPhase.PROFILING, by=w.coach)
    with pytest.raises(actions.ConflictError):
        actions.move_period(period=stale, to=IpsPhase.PROFILING, by=w.coach)


def test_ending_needs_a_reason_and_then_nothing_more_is_recorded():
    w = a_world()
    period = a_period(w)
    with pytest.raises(ValidationError) as exc:
        actions.move_period(period=period, to=IpsPhase.ENDED, by=w.coach)
    assert "end_reason" in exc.value.message_dict
    period = actions.move_period(
        period=period, to=IpsPhase.ENDED, by=w.coach, end_reason="open_market_job"
    )
    assert period.ended_on == timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        actions.save_profile(period=period, by=w.coach, skills=["a"], wishes=["b"])
    assert exc.value.code == "ended"


def test_the_coach_reviews_the_period_three_months_on():
    w = a_world()
    period = a_period(w)
    type(period).objects.filter(pk=period.pk).update(next_review_on=TODAY())
    period.refresh_from_db()
    period = actions.review_period(period=period, by=w.coach, expected_version=period.version)
    assert period.last_reviewed_on == TODAY()
    assert period.next_review_on > TODAY() + dt.timedelta(days=80)
    assert events("ips_review") == 1


# -- the profile --------------------------------------------------------------------------


def test_the_coach_records_the_profile_as_structured_lists():
    w = a_world()
    period = a_period(w)
    profile = actions.save_profile(
        period=period,
        by=w.coach,
        skills=["asiakaspalvelu", " "],
        wishes=["ulkotyö"],
        restrictions=["ei raskaita nostoja"],
    )
    assert profile.skills == ["asiakaspalvelu"]
    again = actions.save_profile(period=period, by=w.coach, skills=["a"], wishes=["b"])
    assert again.pk == profile.pk and again.restrictions == []
    assert profile.content_register == "social_care"


def test_a_profile_needs_skills_and_wishes_within_limits_and_is_the_coachs():
    w = a_world()
    period = a_period(w)
    with pytest.raises(ValidationError) as exc:
        actions.save_profile(period=period, by=w.coach, skills=[], wishes=["x" * 400] * 31)
    assert set(exc.value.message_dict) == {"skills", "wishes"}
    with pytest.raises(ValidationError):
        actions.save_profile(period=period, by=w.social_worker, skills=["a"], wishes=["b"])


# -- employer contacts --------------------------------------------------------------------


def test_a_contact_with_a_consented_employer_is_recorded_and_logged_as_a_disclosure():
    w = a_world()
    period = a_period(w)
    consent = employer_consent(w)
    contact = actions.record_contact(period=period, by=w.coach, data=contact_data())
    assert contact.consent_id == consent.pk
    entry = DisclosureLogEntry.objects.get(what=f"ips_employer_contact:{contact.pk}")
    assert entry.to_organisation_id is None
    assert EMPLOYER[0] in entry.to_organisation_name and EMPLOYER[1] in entry.to_organisation_name
    assert entry.basis == f"consent:{consent.pk}"
    assert entry.purpose == "employer_contact" and entry.categories == ["employment"]
    assert events("ips_employer_contact") == 1


def test_a_contact_with_another_employer_is_refused_with_a_clear_message():
    w = a_world()
    period = a_period(w)
    employer_consent(w)
    with pytest.raises(ValidationError) as exc:
        actions.record_contact(period=period, by=w.coach, data=contact_data(OTHER_EMPLOYER))
    message = exc.value.message_dict["business_id"][0]
    assert "Kone Oyj (1927400-1)" in message and "suostumus ei kata" in message
    assert not EmployerContact.objects.exists()
    assert not DisclosureLogEntry.objects.filter(what__startswith="ips_employer").exists()


def test_a_known_employer_without_a_consent_for_the_purpose_is_refused():
    w = a_world()
    period = a_period(w)
    employer_consent(w, OTHER_EMPLOYER)
    # the other employer exists as a recipient now; revoke the consent naming it
    consent = Consent.objects.get()
    consent_actions.revoke_consent(consent=consent, by=w.coach, channel="phone")
    with pytest.raises(ValidationError, match="suostumus ei kata"):
        actions.record_contact(period=period, by=w.coach, data=contact_data(OTHER_EMPLOYER))


def test_an_oral_consent_covers_one_contact():
    w = a_world()
    period = a_period(w)
    employer_consent(w, form=ConsentForm.ORAL)
    actions.record_contact(period=period, by=w.coach, data=contact_data())
    assert Consent.objects.get().used_at is not None
    with pytest.raises(ValidationError):
        actions.record_contact(period=period, by=w.coach, data=contact_data())


def test_a_disclosure_prohibition_forbids_the_contact():
    w = a_world()
    period = a_period(w)
    employer_consent(w)
    consent_actions.record_prohibition(client=w.case.client, by=w.coach, channel="phone")
    with pytest.raises(ValidationError, match="luovutuskielto"):
        actions.record_contact(period=period, by=w.coach, data=contact_data())


def test_a_consent_of_another_register_does_not_let_the_coach_contact():
    w = a_world()
    period = a_period(w)
    other_unit = a_unit(w.service.organisation, "other", slug="muu")
    elsewhere = a_professional(role=Role.JOB_COACH, unit=other_unit)
    w2 = type(w)(w.social_worker, elsewhere, w.editor, w.case, w.service)
    employer_consent(w2)
    with pytest.raises(ValidationError, match="suostumus ei kata"):
        actions.record_contact(period=period, by=w.coach, data=contact_data())


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"employer_name": " "}, "employer_name"),
        ({"business_id": "1234567-1"}, "business_id"),
        ({"contacted_on": None}, "contacted_on"),
        ({"contacted_on": TODAY() + dt.timedelta(days=1)}, "contacted_on"),
        ({"contacted_on": TODAY() - dt.timedelta(days=30)}, "contacted_on"),
        ({"kind": "pigeon"}, "kind"),
        ({"outcome": "maybe"}, "outcome"),
    ],
)
def test_a_bad_contact_names_its_field(extra, field):
    w = a_world()
    period = a_period(w)
    employer_consent(w)
    with pytest.raises(ValidationError) as exc:
        actions.record_contact(period=period, by=w.coach, data=contact_data(**extra))
    assert field in exc.value.message_dict


def test_only_the_coach_contacts_employers():
    w = a_world()
    period = a_period(w)
    with pytest.raises(ValidationError) as exc:
        actions.record_contact(period=period, by=w.social_worker, data=contact_data())
    assert exc.value.code == "not_coach"


def test_a_phase_note_over_its_limit_is_refused_at_its_field():
    w = a_world()
    period = a_period(w)
    with pytest.raises(ValidationError) as exc:
        actions.move_period(period=period, to=IpsPhase.PROFILING, by=w.coach, note="x" * 100_000)
    assert "note" in exc.value.message_dict
