"""The social-care decision that IPS needs, and the period through the five phases of seed 003."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import (
    Capability,
    coaches_ips,
    has,
    register_of,
    works_with_clients,
)
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.actions._common import _source
from tukiverkko.cases.facts import case_facts
from tukiverkko.cases.models import Case, Phase
from tukiverkko.catalogue.models import Service
from tukiverkko.core import limits
from tukiverkko.ips.actions._common import (
    REVIEW_MONTHS,
    _bump,
    _check_coach,
    _check_open,
    _check_texts,
    _check_version,
)
from tukiverkko.ips.models import (
    IPS_SERVICE_TYPE,
    TRANSITIONS,
    EndReason,
    IpsDecision,
    IpsPeriod,
    IpsPhase,
    IpsTransition,
)
from tukiverkko.plans.checks import months_ahead
from tukiverkko.rules.prerequisites import unmet_prerequisites

# -- the social-care decision -------------------------------------------------------------


@transaction.atomic
def record_decision(
    *,
    case: Case,
    by: Professional,
    reference: str,
    decided_on: dt.date | None,
    valid_until: dt.date | None = None,
) -> IpsDecision:
    """The social-care service decision for IPS ([003] "Palvelu vaatii aina sosiaalihuollon
    palvelupäätöksen"; [001] "Sosiaalihuollon palveluista päättää … sosiaalihuollon
    ammattihenkilö"): recorded by a social-care professional, in their register."""
    if register_of(by) != "social_care" or not has(by, Capability.SERVICE_NEEDS_ASSESSMENT):
        raise ValidationError(
            _(
                "Sosiaalihuollon palvelupäätöksen kirjaa sosiaalihuollon ammattihenkilö "
                "(sosiaalityöntekijä tai sosiaaliohjaaja) sosiaalihuollon yksiköstä."
            ),
            code="not_social_care",
        )
    reference = reference.strip()
    errors: dict[str, list[str]] = {}
    if not reference:
        errors["reference"] = [_("Anna päätöksen numero.")]
    today = timezone.localdate()
    if decided_on is None:
        errors["decided_on"] = [_("Anna päätöspäivä.")]
    elif decided_on > today:
        errors["decided_on"] = [_("Päätöspäivä ei voi olla tulevaisuudessa.")]
    elif valid_until is not None and valid_until < decided_on:
        errors["valid_until"] = [_("Voimassaolo ei voi päättyä ennen päätöspäivää.")]
    errors |= limits.check_texts({"reference": (reference, limits.SHORT)})
    if errors or decided_on is None:
        raise ValidationError(errors)
    decision = IpsDecision.objects.create(
        case=case,
        reference=reference,
        decided_on=decided_on,
        valid_until=valid_until,
        decided_by=by,
        **_source(by),
    )
    record_event(by, case.client_id, EventType.IPS_DECISION, decision.pk)
    return decision


def current_decision(case: Case, today: dt.date | None = None) -> IpsDecision | None:
    day = today or timezone.localdate()
    for decision in IpsDecision.objects.filter(case=case):
        if decision.is_valid_on(day):
            return decision
    return None


def entry_facts(case: Case, decision: IpsDecision | None) -> dict[str, Any]:
    """What the rules read of an entry: the case's facts (cases.facts) and whether a social-care
    decision for IPS is in force on the case."""
    facts: dict[str, Any] = dict(case_facts(case))
    facts["social_care_decision"] = decision is not None
    return facts


# -- the period ---------------------------------------------------------------------------


@transaction.atomic
def start_period(
    *,
    case: Case,
    by: Professional,
    coach: User | None,
    service: Service | None = None,
    started_on: dt.date | None = None,
) -> IpsPeriod:
    """The client enters IPS (phase 1, hakeutuminen) with ``coach``. Refused without the
    social-care decision the rules name for IPS (rules: ips-tyohonvalmennus requires
    social_care_decision), on a closed case, or while another period is open."""
    today = timezone.localdate()
    started_on = started_on or today
    if not works_with_clients(by):
        raise ValidationError(_("Vain asiakastyötä tekevä ammattilainen voi aloittaa jakson."))
    if case.phase == Phase.CLOSED:
        raise ValidationError(
            _("Päättyneelle asiakkuudelle ei voi aloittaa työhönvalmennusta."), code="case_closed"
        )
    if IpsPeriod.objects.filter(case=case).exclude(phase=IpsPhase.ENDED).exists():
        raise ValidationError(
            _("Asiakkaalla on jo avoin työhönvalmennusjakso."), code="period_open"
        )
    errors: dict[str, list[str]] = {}
    if coach is None or not coaches_ips(coach):
        errors["coach"] = [_("Valitse työhönvalmentaja (rooli työhönvalmentaja).")]
    if service is not None and (
        service.service_type.slug != IPS_SERVICE_TYPE or not service.is_valid_on(today)
    ):
        errors["service"] = [_("Valitse voimassa oleva IPS-työhönvalmennuspalvelu.")]
    if started_on > today:
        errors["started_on"] = [_("Aloituspäivä ei voi olla tulevaisuudessa.")]
    if errors or coach is None:
        raise ValidationError(errors)
    decision = current_decision(case, started_on)
    unmet = unmet_prerequisites(
        IPS_SERVICE_TYPE, entry_facts(case, decision), reference_date=started_on
    )
    if unmet or decision is None:
        raise ValidationError(
            _(
                "Työhönvalmennusta ei voi aloittaa: IPS-työhönvalmennus edellyttää ensin: "
                "%(requirements)s. Sosiaalihuollon ammattihenkilö kirjaa palvelupäätöksen "
                "asiakkuudelle."
            )
            % {"requirements": "; ".join(_(r.text) for r in unmet)},
            code="prerequisite",
        )
    period = IpsPeriod.objects.create(
        case=case,
        decision=decision,
        service=service,
        coach=coach,
        started_on=started_on,
        next_review_on=months_ahead(started_on, REVIEW_MONTHS),
        created_by=by,
        **_source(by),
    )
    IpsTransition.objects.create(
        period=period, from_phase="", to_phase=IpsPhase.APPLICATION, by=by, **_source(by)
    )
    record_event(by, case.client_id, EventType.IPS_START, period.pk)
    return period


@transaction.atomic
def move_period(
    *,
    period: IpsPeriod,
    to: str,
    by: Professional,
    expected_version: int | None = None,
    note: str = "",
    end_reason: str = "",
) -> IpsPeriod:
    """The coach moves the period to the next phase (``TRANSITIONS``); ending needs a reason.
    Each move is one log row and one event, and brings the next review three months on."""
    _check_coach(period, by)
    _check_version(period, expected_version)
    if to not in IpsPhase.values:
        raise ValidationError({"to": [_("Tuntematon vaihe.")]})
    came_from, target = IpsPhase(period.phase), IpsPhase(to)
    if target not in TRANSITIONS[came_from]:
        raise ValidationError(
            _("Jaksoa ei voi siirtää vaiheesta %(from)s vaiheeseen %(to)s.")
            % {"from": came_from.label, "to": target.label},
            code="transition",
        )
    changes: dict[str, Any] = {"phase": target}
    today = timezone.localdate()
    if target == IpsPhase.ENDED:
        if end_reason not in EndReason.values:
            raise ValidationError(
                {"end_reason": [_("Kerro, miksi työhönvalmennus päättyy.")]}, code="end_reason"
            )
        changes |= {"ended_on": today, "end_reason": end_reason}
    else:
        changes["next_review_on"] = months_ahead(today, REVIEW_MONTHS)
    note = note.strip()
    _check_texts({"note": (note, limits.REASON)})
    period = _bump(period, expected_version, **changes)
    IpsTransition.objects.create(
        period=period, from_phase=came_from, to_phase=target, by=by, note=note, **_source(by)
    )
    record_event(by, period.case.client_id, EventType.IPS_PHASE, f"{period.pk}:{target}")
    return period


@transaction.atomic
def review_period(
    *, period: IpsPeriod, by: Professional, expected_version: int | None = None
) -> IpsPeriod:
    """The coach has reviewed the period with the client: the next review is three months on
    (the follow-up task, ips.selectors.due_reviews, is then no longer due)."""
    _check_coach(period, by)
    _check_open(period)
    _check_version(period, expected_version)
    today = timezone.localdate()
    period = _bump(
        period,
        expected_version,
        last_reviewed_on=today,
        next_review_on=months_ahead(today, REVIEW_MONTHS),
    )
    record_event(by, period.case.client_id, EventType.IPS_REVIEW, period.pk)
    return period
