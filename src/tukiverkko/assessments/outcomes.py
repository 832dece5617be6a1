"""What the doctor's check leads to, made at once (seed 002; issue 10): each outcome creates the
plan action or the referral it names, for the professionals to complete.

- sairauspäiväraha, sairauksien hoito, verkostotyön käynnistäminen, monialainen neuvonpito →
  an action in the case's work-ability support plan (the plan is started when there is none),
  all in one new plan version — when the doctor may steer the case (its organisation's
  professional or the responsible worker); otherwise the check says the plan is the steering
  professionals' to add to;
- ohjaus kuntoutukseen, lähete erikoissairaanhoitoon → a draft referral, from the doctor, to the
  valid offering of that service in the client's municipality — when the catalogue has one;
  the doctor completes and sends it (the consent and the prerequisites are checked on sending).

What was made is kept on the check (``HealthCheck.followups``) and shown on its page.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.assessments.models import DoctorOutcome, HealthCheck
from tukiverkko.catalogue.models import ServiceType
from tukiverkko.catalogue.querysets import valid_offerings
from tukiverkko.plans import actions as plan_actions
from tukiverkko.plans.checks import ActionData
from tukiverkko.plans.enums import Responsible
from tukiverkko.referrals import actions as referral_actions

# outcome → (the plan action's text, who answers for it, the catalogue service type it links to)
PLAN_ACTIONS: dict[str, tuple[str, str, str]] = {
    DoctorOutcome.SICKNESS_ALLOWANCE: (
        "Sairauspäivärahan hakeminen Kelasta lääkärintodistuksella",
        Responsible.CLIENT,
        "kela-etuudet",
    ),
    DoctorOutcome.TREATMENT: (
        "Sairauksien hoito",
        Responsible.PROFESSIONAL,
        "perusterveydenhuolto",
    ),
    DoctorOutcome.NETWORK_WORK: (
        "Verkostotyön käynnistäminen",
        Responsible.PROFESSIONAL,
        "tyokykykoordinaattori",
    ),
    DoctorOutcome.MULTIPROFESSIONAL_CONSULTATION: (
        "Monialainen neuvonpito asiakkaan kanssa",
        Responsible.PROFESSIONAL,
        "tyokyvyn-tuen-tiimi",
    ),
}
# outcome → the service type a draft referral goes to
REFERRALS: dict[str, str] = {
    DoctorOutcome.REHABILITATION: "kuntoutuspalvelut",
    DoctorOutcome.SPECIALIST_CARE: "erikoissairaanhoito",
}


def _may_steer(check: HealthCheck, by: Professional) -> bool:
    case = check.case
    return by.pk == case.responsible_worker_id or by.organisation_id == case.organisation_id


def follow_up(check: HealthCheck, by: Professional) -> dict[str, Any]:
    """Create what the check's outcomes name; return what was made, for ``followups``. The texts
    are written into the client's record in Finnish, whatever the doctor's page language."""
    with translation.override("fi"):
        return _follow_up(check, by)


def _follow_up(check: HealthCheck, by: Professional) -> dict[str, Any]:
    case = check.case
    made: dict[str, Any] = {"plan_version": None, "plan_skipped": False, "referrals": {}}
    wanted = [o for o in check.outcomes if o in PLAN_ACTIONS]
    if wanted and _may_steer(check, by):
        types = {
            t.slug: t
            for t in ServiceType.objects.filter(slug__in=[PLAN_ACTIONS[o][2] for o in wanted])
        }
        new = []
        for outcome in wanted:
            text, responsible, type_slug = PLAN_ACTIONS[outcome]
            who = by if outcome == DoctorOutcome.TREATMENT else case.responsible_worker
            new.append(
                ActionData(
                    text=text,
                    responsible=responsible,
                    responsible_user=who if responsible == Responsible.PROFESSIONAL else None,
                    service_type=types.get(type_slug),
                    starts_on=timezone.localdate(),
                )
            )
        made["plan_version"] = plan_actions.add_actions(case=case, by=by, actions=new).number
    elif wanted:
        made["plan_skipped"] = True
    municipality = case.client.municipality.name_fi if case.client.municipality else None
    for outcome in (o for o in check.outcomes if o in REFERRALS):
        offered = valid_offerings([REFERRALS[outcome]], municipality, timezone.localdate())
        services = offered.get(REFERRALS[outcome], [])
        if not services:
            made["referrals"][outcome] = None
            continue
        draft = referral_actions.create_draft(
            case=case,
            by=by,
            service=services[0],
            situation=check.doctor_summary,
            question=_("Lääkärin tarkastuksen tulos: %(outcome)s. Jäljellä oleva työkyky: %(rest)s")
            % {"outcome": DoctorOutcome(outcome).label, "rest": check.remaining_work_ability},
            categories=["health"],
        )
        made["referrals"][outcome] = draft.pk
    return made
