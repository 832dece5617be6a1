"""Each source the apps declare: due and not due, on both sides of its boundary."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from tukiverkko.accounts.actors import SystemActor
from tukiverkko.accounts.models import Role
from tukiverkko.audit import events
from tukiverkko.cases import actions as case_actions
from tukiverkko.cases import due as case_due
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.tests.factories import a_consent, an_organisation
from tukiverkko.catalogue.models import ServiceType
from tukiverkko.consent import due as consent_due
from tukiverkko.consent.models import Consent, ConsentForm
from tukiverkko.core.due import sources
from tukiverkko.followup.tests.factories import a_planned_case, a_worker, days, today
from tukiverkko.plans import due as plan_due
from tukiverkko.plans.checks import months_ahead
from tukiverkko.plans.models import Goal, GoalReview, Plan, PlanAction
from tukiverkko.referrals import due as referral_due
from tukiverkko.referrals.models import Referral, Status
from tukiverkko.referrals.tests.factories import a_referral_in

pytestmark = pytest.mark.django_db


def keys(items):
    return {(d.kind, d.key): d for d in items}


def test_every_app_declares_its_sources():
    paths = {path for path, _fn in sources()}
    assert {
        "tukiverkko.plans.due.plan_reviews",
        "tukiverkko.plans.due.follow_up_dates",
        "tukiverkko.plans.due.ktt_reviews",
        "tukiverkko.plans.due.job_coaching_reviews",
        "tukiverkko.consent.due.expiring",
        "tukiverkko.consent.due.used_up",
        "tukiverkko.referrals.due.overdue",
        "tukiverkko.cases.due.departed_workers",
        "tukiverkko.cases.due.idle_cases",
    } <= paths


# -- plans ----------------------------------------------------------------------------------


def test_a_plan_review_is_due_from_14_days_before_to_the_responsible_worker():
    worker = a_worker()
    case, plan = a_planned_case(worker, review_in=30)
    # 15 days before: not yet; 14 days before: due, on the review date, linking the plan page
    assert list(plan_due.plan_reviews(days(15))) == []
    (due,) = plan_due.plan_reviews(days(16))
    assert (due.kind, due.key, due.owner_id, due.due) == (
        "plan_review",
        f"plan:{plan.pk}",
        worker.pk,
        days(30),
    )
    assert due.url == f"/asiakkaat/asiakkuus/{case.pk}/suunnitelma/"
    assert due.client_id == case.client_id
    # still due after the date (overdue), not once the case is closed
    assert len(list(plan_due.plan_reviews(days(40)))) == 1
    Case.objects.filter(pk=case.pk).update(phase=Phase.CLOSED)
    assert list(plan_due.plan_reviews(days(40))) == []


def test_the_plan_review_is_the_rinnallakulkija_s_when_they_walk_in_the_network():
    worker = a_worker()
    case, plan = a_planned_case(worker, review_in=10)
    companion = a_worker(unit=worker.unit, role=Role.SOCIAL_INSTRUCTOR)
    Plan.objects.filter(pk=plan.pk).update(companion_user=companion)
    # named but not in the client's network: the responsible worker keeps the review
    assert [d.owner_id for d in plan_due.plan_reviews(today())] == [worker.pk]
    member = case_actions.add_network_member(
        case=case,
        by=worker,
        organisation=worker.organisation,
        role="rinnallakulkija",
        user=companion,
    )
    assert [d.owner_id for d in plan_due.plan_reviews(today())] == [companion.pk]
    case_actions.remove_network_member(member=member, by=worker)
    assert [d.owner_id for d in plan_due.plan_reviews(today())] == [worker.pk]


def test_the_follow_up_person_is_reminded_on_the_review_date_itself():
    worker, follower = a_worker(), a_worker()
    case, _plan = a_planned_case(worker, review_in=10)
    Case.objects.filter(pk=case.pk).update(follow_up_by=follower)
    assert list(plan_due.follow_up_dates(days(9))) == []
    (due,) = plan_due.follow_up_dates(days(10))
    assert (due.kind, due.key, due.owner_id, due.due) == (
        "follow_up",
        f"case:{case.pk}",
        follower.pk,
        days(10),
    )
    # the responsible worker as follow-up person has the review task already: no second one
    Case.objects.filter(pk=case.pk).update(follow_up_by=worker)
    assert list(plan_due.follow_up_dates(days(10))) == []


def _service_type(slug):
    return ServiceType.objects.get_or_create(
        slug=slug, defaults={"name_fi": slug, "description_fi": slug}
    )[0]


def _action(plan, slug, *, starts_on, ends_on=None, status="in_progress", user=None):
    return PlanAction.objects.create(
        plan=plan,
        text="Jakso",
        service_type=_service_type(slug),
        responsible="professional" if user else "client",
        responsible_user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
    )


def test_kuntouttava_tyotoiminta_is_reviewed_at_24_months_from_30_days_before():
    worker, instructor = a_worker(), a_worker()
    _case, plan = a_planned_case(worker)
    start = today() - dt.timedelta(days=100)
    action = _action(plan, plan_due.KTT, starts_on=start, user=instructor)
    review = months_ahead(start, 24)
    assert list(plan_due.ktt_reviews(review - dt.timedelta(days=31))) == []
    (due,) = plan_due.ktt_reviews(review - dt.timedelta(days=30))
    assert (due.kind, due.key, due.owner_id, due.due) == (
        "ktt_review",
        f"plan_action:{action.pk}",
        instructor.pk,  # the action's own professional
        review,
    )
    # a professional who left: the responsible worker; a period ending by 24 months: none
    instructor.is_active = False
    instructor.save()
    assert next(iter(plan_due.ktt_reviews(review))).owner_id == worker.pk
    PlanAction.objects.filter(pk=action.pk).update(ends_on=review)
    assert list(plan_due.ktt_reviews(review)) == []
    PlanAction.objects.filter(pk=action.pk).update(ends_on=None, status="done")
    assert list(plan_due.ktt_reviews(review)) == []


def test_a_job_coaching_period_is_reviewed_every_3_months_counted_from_the_last_review():
    worker = a_worker()
    _case, plan = a_planned_case(worker)
    start = today() - dt.timedelta(days=10)
    action = _action(plan, "vammaispalvelujen-tyohonvalmennus", starts_on=start)
    due_on = months_ahead(start, 3)
    assert list(plan_due.job_coaching_reviews(due_on - dt.timedelta(days=15))) == []
    (due,) = plan_due.job_coaching_reviews(due_on - dt.timedelta(days=14))
    assert (due.key, due.owner_id, due.due) == (f"plan_action:{action.pk}", worker.pk, due_on)
    # a goal review today moves it three months on: no longer due
    GoalReview.objects.create(
        goal=Goal.objects.filter(plan=plan).first(),
        reviewed_on=today(),
        attainment=0,
        by=worker,
    )
    assert list(plan_due.job_coaching_reviews(due_on - dt.timedelta(days=14))) == []
    (later,) = plan_due.job_coaching_reviews(months_ahead(today(), 3))
    assert later.due == months_ahead(today(), 3)


def test_a_job_coaching_period_not_started_or_ended_is_not_reviewed():
    worker = a_worker()
    _case, plan = a_planned_case(worker)
    _action(plan, "ips-tyohonvalmennus", starts_on=days(200), status="planned")
    assert list(plan_due.job_coaching_reviews(days(199))) == []
    ended = _action(plan, "ips-tyohonvalmennus", starts_on=days(-10), ends_on=days(20))
    assert list(plan_due.job_coaching_reviews(months_ahead(days(-10), 3))) == []
    PlanAction.objects.filter(pk=ended.pk).update(ends_on=None)
    assert len(list(plan_due.job_coaching_reviews(months_ahead(days(-10), 3)))) == 1


# -- consent --------------------------------------------------------------------------------


def test_a_consent_expiring_within_30_days_is_due_on_its_last_day_until_renewed():
    worker = a_worker()
    case, _plan = a_planned_case(worker)
    kela = an_organisation("kela")
    consent = a_consent(
        case.client, worker, organisations=[kela], categories=["health"], valid_until=days(31)
    )
    assert list(consent_due.expiring(today())) == []
    (due,) = consent_due.expiring(days(1))
    assert (due.kind, due.key, due.owner_id, due.due) == (
        "consent_expiring",
        f"consent:{consent.pk}",
        worker.pk,
        days(31),
    )
    assert due.url == f"/asiakkaat/{case.client_id}/"
    # past its last day it is no longer "expiring"
    assert list(consent_due.expiring(days(32))) == []
    # a new consent of the same register lasting longer renews it
    a_consent(case.client, worker, organisations=[kela], categories=["health"])
    assert list(consent_due.expiring(days(1))) == []


def test_a_consent_of_a_client_without_an_open_case_is_nobodys_task():
    worker = a_worker()
    case, _plan = a_planned_case(worker)
    a_consent(
        case.client,
        worker,
        organisations=[an_organisation("kela")],
        categories=["health"],
        valid_until=days(5),
    )
    assert len(list(consent_due.expiring(today()))) == 1
    Case.objects.filter(pk=case.pk).update(phase=Phase.CLOSED)
    assert list(consent_due.expiring(today())) == []


def test_the_recorder_who_left_hands_the_expiring_consent_to_the_responsible_worker():
    worker, recorder = a_worker(), a_worker(role=Role.SOCIAL_WORKER)
    case, _plan = a_planned_case(worker)
    a_consent(
        case.client,
        recorder,
        organisations=[an_organisation("kela")],
        categories=["social"],
        valid_until=days(3),
    )
    recorder.is_active = False
    recorder.save()
    (due,) = consent_due.expiring(today())
    assert due.owner_id == worker.pk


def test_an_oral_consent_used_up_is_due_until_a_written_one_follows():
    worker = a_worker()
    case, _plan = a_planned_case(worker)
    kela = an_organisation("kela")
    oral = a_consent(
        case.client,
        worker,
        organisations=[kela],
        categories=["health"],
        form=ConsentForm.ORAL,
        valid_from=today(),
    )
    assert list(consent_due.used_up(today())) == []  # not used yet
    Consent.objects.filter(pk=oral.pk).update(used_at=timezone.now())
    (due,) = consent_due.used_up(today())
    assert (due.kind, due.key, due.due) == ("consent_used", f"consent:{oral.pk}", today())
    a_consent(case.client, worker, organisations=[kela], categories=["health"])
    assert list(consent_due.used_up(today())) == []


# -- referrals ------------------------------------------------------------------------------


@pytest.fixture
def a_sent_referral():
    return a_referral_in(Status.SENT)


def test_an_overdue_referral_is_its_senders_task(a_sent_referral):
    referral = a_sent_referral
    assert list(referral_due.overdue(referral.due_on)) == []  # due today: not overdue yet
    (due,) = referral_due.overdue(referral.due_on + dt.timedelta(days=1))
    assert (due.kind, due.key, due.owner_id, due.due) == (
        "referral_overdue",
        f"referral:{referral.pk}",
        referral.sender_id,
        referral.due_on,
    )
    assert due.url == f"/lahetteet/{referral.pk}/"
    Referral.objects.filter(pk=referral.pk).update(status="accepted")
    assert list(referral_due.overdue(referral.due_on + dt.timedelta(days=1))) == []


def test_a_sender_who_left_hands_the_overdue_referral_to_the_responsible_worker(
    a_sent_referral,
):
    referral = a_sent_referral
    worker = a_worker()
    Case.objects.filter(pk=referral.case_id).update(responsible_worker=worker)
    referral.sender.is_active = False
    referral.sender.save()
    (due,) = referral_due.overdue(referral.due_on + dt.timedelta(days=1))
    assert due.owner_id == worker.pk


# -- cases ----------------------------------------------------------------------------------


def test_a_departed_workers_caseload_is_one_task_of_their_organisations_coordinator():
    org = an_organisation("lahtevat")
    leaver = a_worker(org=org)
    coordinator = a_worker(org=org, role=Role.WORK_ABILITY_COORDINATOR)
    a_worker(org=org, role=Role.ADMINISTRATOR)
    first, _ = a_planned_case(leaver)
    a_planned_case(leaver)
    assert list(case_due.departed_workers(today())) == []  # still at work
    leaver.is_active = False
    leaver.save()
    (due,) = case_due.departed_workers(today())
    assert (due.kind, due.key, due.owner_id, due.client_id) == (
        "caseload_handover",
        f"worker:{leaver.pk}",
        coordinator.pk,
        None,
    )
    assert due.due == timezone.localdate(leaver.date_joined) + dt.timedelta(days=7)
    assert due.url == f"/asiakkaat/siirra-asiakkuudet/?tyontekija={leaver.pk}"
    # every open case waiting for its new worker: done
    receiver = a_worker(org=org)
    case_actions.hand_over_caseload(
        from_worker=leaver, to_worker=receiver, by=coordinator, reason="Lähti."
    )
    assert list(case_due.departed_workers(today())) == []
    assert first.handover_requests.count() == 1


def test_without_a_coordinator_the_administrator_hands_over_and_without_either_nobody():
    org = an_organisation("pieni")
    leaver = a_worker(org=org)
    a_planned_case(leaver)
    leaver.is_active = False
    leaver.save()
    assert list(case_due.departed_workers(today())) == []
    admin = a_worker(org=org, role=Role.ADMINISTRATOR)
    (due,) = case_due.departed_workers(today())
    assert due.owner_id == admin.pk


def _event_at(when, actor, client_id):
    """An event written at ``when`` (the event log's own clock moved, nothing else)."""
    with mock.patch.object(events, "timezone", mock.Mock(now=mock.Mock(return_value=when))):
        events.record_event(actor, client_id, events.EventType.JOURNAL_ADD, "x")


def test_a_case_without_activity_in_60_days_is_its_responsible_workers_task():
    worker = a_worker()
    case, _plan = a_planned_case(worker)
    # its own events are today: active for 60 days
    assert list(case_due.idle_cases(days(60))) == []
    (due,) = case_due.idle_cases(days(61))
    assert (due.kind, due.key, due.owner_id, due.due) == (
        "idle_case",
        f"case:{case.pk}",
        worker.pk,
        days(60),
    )
    assert due.url == f"/asiakkaat/{case.client_id}/"
    # the system's own events are no activity; a professional's 30 days on is
    noon = timezone.now().replace(hour=10)
    _event_at(noon + dt.timedelta(days=30), SystemActor("test"), case.client_id)
    assert len(list(case_due.idle_cases(days(61)))) == 1
    _event_at(noon + dt.timedelta(days=30), worker, case.client_id)
    assert list(case_due.idle_cases(days(61))) == []
    (later,) = case_due.idle_cases(days(91))
    assert later.due == days(90)
    # a closed case is nobody's task
    Case.objects.filter(pk=case.pk).update(phase=Phase.CLOSED)
    assert list(case_due.idle_cases(days(200))) == []
