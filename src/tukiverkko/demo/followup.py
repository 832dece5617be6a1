"""Follow-up in the demo: a few things coming due, made through the actions as a professional
would — a plan reviewed in ten days, a consent running out in three weeks — for the first open
cases of each demo professional who takes clients on; then one run of the reminder job, so the
demo users find tasks on /tehtavat/ (and the demo's console shows any notice e-mail). Safe to
run again: a case that has its plan or its demo consent is left as it is."""

from __future__ import annotations

import datetime as dt
import typing

from django.utils import timezone

from tukiverkko.accounts.models import Organisation
from tukiverkko.cases.models import Case
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import ConsentForm, Purpose, SignatureMethod
from tukiverkko.demo.paths import Cast
from tukiverkko.followup import jobs
from tukiverkko.followup.models import Task
from tukiverkko.plans import actions as plan_actions
from tukiverkko.plans.actions import PlanFields
from tukiverkko.plans.models import Plan

EVIDENCE = "DEMO-SEURANTA"


def make_due(cast: Cast) -> int:
    """Due things for each demo intake professional's first two open cases; how many made."""
    today = timezone.localdate()
    made = 0
    for worker in cast.intake:
        cases = list(
            Case.objects.open()
            .filter(responsible_worker=worker)
            .select_related("client")
            .order_by("pk")[:2]
        )
        if cases and not Plan.objects.filter(case=cases[0]).exists():
            plan_actions.create_plan(
                case=cases[0],
                by=worker,
                fields=PlanFields(
                    client_goal="Arki sujuu ja työkokeilu alkaa.",
                    next_review_on=today + dt.timedelta(days=10),
                ),
            )
            made += 1
        if (
            len(cases) > 1
            and not cases[1].client.consents.filter(evidence_reference=EVIDENCE).exists()
        ):
            consent_actions.record_consent(
                client=cases[1].client,
                by=worker,
                organisations=[typing.cast(Organisation, worker.organisation)],  # the Cast has one
                categories=["employment"],
                purposes=[Purpose.INFORMATION_EXCHANGE],
                form=ConsentForm.OTHER_WRITTEN,
                signature_method=SignatureMethod.HANDWRITTEN,
                evidence_reference=EVIDENCE,
                valid_from=today - dt.timedelta(days=300),
                valid_until=today + dt.timedelta(days=21),
            )
            made += 1
    return made


def run_once() -> int:
    """One reminder run; the open tasks there are after it."""
    jobs.run_reminders()
    return Task.objects.open().count()
