"""Every change of IPS job coaching: each action validates first, then writes its rows and one
audit event in one transaction (nothing half-saved). The view has authorised the client; these
hold the rest — the social-care decision the rules name (rules.prerequisites), that only the
period's coach coaches, the transition table, and the client's consent for each employer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.models import User, validate_business_id
from tukiverkko.accounts.roles import (
    Capability,
    coaches_ips,
    has,
    note_category,
    register_of,
    reviews_fidelity,
    works_with_clients,
)
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.facts import case_facts
from tukiverkko.cases.models import Case, Phase
from tukiverkko.catalogue.models import Service
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import ExternalRecipient, InfoCategory, Purpose, RecipientKind
from tukiverkko.consent.policy import Source, may_disclose_to_external
from tukiverkko.consent.querysets import disclosure_facts
from tukiverkko.core import limits
from tukiverkko.ips import fidelity
from tukiverkko.ips.models import (
    IPS_SERVICE_TYPE,
    OPEN_PHASES,
    TRANSITIONS,
    ContactKind,
    ContactOutcome,
    EmployerContact,
    EndReason,
    FidelityReview,
    FidelityScore,
    IpsDecision,
    IpsPeriod,
    IpsPhase,
    IpsTransition,
    VocationalProfile,
)
from tukiverkko.plans.checks import months_ahead
from tukiverkko.rules.prerequisites import unmet_prerequisites

# The period is reviewed every three months, and at every change of phase (decision 0301).
REVIEW_MONTHS = 3
# What an employer contact discloses, and for what (seed 003; consent.models.Purpose).
CONTACT_CATEGORY = InfoCategory.EMPLOYMENT
CONTACT_PURPOSE = Purpose.EMPLOYER_CONTACT
# A profile list holds at most this many items.
MAX_ITEMS = 30


class ConflictError(ValidationError):
    """Someone else changed the period after this form was opened."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Toinen käyttäjä on muuttanut työhönvalmennusjaksoa sillä välin. Muutoksiasi ei "
                "tallennettu: lataa sivu uudelleen ja tee muutos uudestaan."
            ),
            code="conflict",
        )


def _source(by: Professional) -> dict[str, Any]:
    return {
        "source_organisation_id": by.organisation_id,
        "source_register": register_of(by) or "",
        "source_category": note_category(by),
    }


def _check_texts(fields: dict[str, tuple[str, int]]) -> None:
    errors = limits.check_texts(fields)
    if errors:
        raise ValidationError(errors)


def _check_coach(period: IpsPeriod, by: Professional) -> None:
    if not coaches_ips(by) or by.pk != period.coach_id:
        raise ValidationError(
            _("Vain jakson työhönvalmentaja voi kirjata työhönvalmennukseen."), code="not_coach"
        )


def _check_open(period: IpsPeriod) -> None:
    if period.phase == IpsPhase.ENDED:
        raise ValidationError(
            _("Työhönvalmennusjakso on päättynyt: siihen ei voi enää kirjata."), code="ended"
        )


def _check_version(period: IpsPeriod, expected_version: int | None) -> None:
    if expected_version is not None and period.version != expected_version:
        raise ConflictError()


def _bump(period: IpsPeriod, expected_version: int | None, **changes: Any) -> IpsPeriod:
    qs = IpsPeriod.objects.filter(pk=period.pk, version=period.version)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1, **changes) != 1:
        raise ConflictError()
    period.refresh_from_db()
    return period


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


# -- the vocational profile ---------------------------------------------------------------


def _items(values: Sequence[str], field: str, errors: dict[str, list[str]]) -> list[str]:
    items = [v.strip() for v in values if v.strip()]
    if len(items) > MAX_ITEMS:
        errors.setdefault(field, []).append(_("Enintään %(n)s kohtaa.") % {"n": MAX_ITEMS})
    for item in items:
        errors.setdefault(field, []).extend(limits.text_errors(item, limits.SHORT))
    if not errors.get(field):
        errors.pop(field, None)
    return items


@transaction.atomic
def save_profile(
    *,
    period: IpsPeriod,
    by: Professional,
    skills: Sequence[str],
    wishes: Sequence[str],
    restrictions: Sequence[str] = (),
) -> VocationalProfile:
    """The coach records the vocational profile: skills and strengths, the client's wishes, and
    the restrictions the work must respect (one item a line). Skills and wishes are needed."""
    _check_coach(period, by)
    _check_open(period)
    errors: dict[str, list[str]] = {}
    skill_items = _items(skills, "skills", errors)
    wish_items = _items(wishes, "wishes", errors)
    restriction_items = _items(restrictions, "restrictions", errors)
    if not skill_items:
        errors.setdefault("skills", []).append(_("Kirjaa ainakin yksi osaaminen tai vahvuus."))
    if not wish_items:
        errors.setdefault("wishes", []).append(_("Kirjaa ainakin yksi asiakkaan toive."))
    if errors:
        raise ValidationError(errors)
    profile, _created = VocationalProfile.objects.update_or_create(
        period=period,
        defaults={
            "skills": skill_items,
            "wishes": wish_items,
            "restrictions": restriction_items,
            "updated_at": timezone.now(),
            "updated_by": by,
            **_source(by),
        },
    )
    record_event(by, period.case.client_id, EventType.IPS_PROFILE, period.pk)
    return profile


# -- employer contacts --------------------------------------------------------------------


@dataclass(frozen=True)
class ContactData:
    employer_name: str
    business_id: str
    contacted_on: dt.date | None
    kind: str
    outcome: str
    note: str = ""


def _contact_errors(period: IpsPeriod, data: ContactData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.employer_name.strip():
        errors["employer_name"] = [_("Anna työnantajan nimi.")]
    try:
        validate_business_id(data.business_id.strip())
    except ValidationError as exc:
        errors["business_id"] = list(exc.messages)
    today = timezone.localdate()
    if data.contacted_on is None:
        errors["contacted_on"] = [_("Anna yhteydenoton päivä.")]
    elif data.contacted_on > today:
        errors["contacted_on"] = [_("Yhteydenoton päivä ei voi olla tulevaisuudessa.")]
    elif data.contacted_on < period.started_on:
        errors["contacted_on"] = [_("Yhteydenotto ei voi olla ennen jakson alkua.")]
    if data.kind not in ContactKind.values:
        errors["kind"] = [_("Valitse yhteydenoton tapa.")]
    if data.outcome not in ContactOutcome.values:
        errors["outcome"] = [_("Valitse yhteydenoton tulos.")]
    errors |= limits.check_texts(
        {"employer_name": (data.employer_name, limits.NAME), "note": (data.note, limits.REASON)}
    )
    return errors


@transaction.atomic
def record_contact(*, period: IpsPeriod, by: Professional, data: ContactData) -> EmployerContact:
    """A job-search contact with an employer. Refused unless the client's consent, recorded in
    the coach's register, names this employer (by Y-tunnus) and the employer-contact purpose
    and is valid on the contact's day; the contact is logged as a disclosure to the employer."""
    _check_coach(period, by)
    _check_open(period)
    errors = _contact_errors(period, data)
    if errors or data.contacted_on is None:
        raise ValidationError(errors)
    business_id = data.business_id.strip()
    employer = ExternalRecipient.objects.filter(
        kind=RecipientKind.EMPLOYER, business_id=business_id
    ).first()
    client_id = period.case.client_id
    decision = None
    if employer is not None:
        decision = may_disclose_to_external(
            disclosure_facts(client_id),
            recipient_id=employer.pk,
            source=Source(by.organisation_id, register_of(by) or ""),
            category=CONTACT_CATEGORY,
            purpose=CONTACT_PURPOSE,
            today=data.contacted_on,
        )
    if employer is None or decision is None or not decision.allowed or decision.consent is None:
        name = f"{data.employer_name.strip()} ({business_id})"
        if decision is not None and decision.reason == "prohibited":
            message = _(
                "Työnantajaan %(employer)s ei voi ottaa yhteyttä: asiakas on kieltänyt "
                "tietojensa luovuttamisen (luovutuskielto)."
            ) % {"employer": name}
        else:
            message = _(
                "Työnantajaan %(employer)s ei voi ottaa yhteyttä: asiakkaan voimassa oleva "
                "suostumus ei kata tätä työnantajaa ja käyttötarkoitusta ”%(purpose)s”. "
                "Kirjaa asiakkaan suostumus tälle työnantajalle ensin."
            ) % {"employer": name, "purpose": CONTACT_PURPOSE.label}
        raise ValidationError({"business_id": [message]}, code="no_consent")
    contact = EmployerContact.objects.create(
        period=period,
        employer=employer,
        contacted_on=data.contacted_on,
        kind=data.kind,
        outcome=data.outcome,
        note=data.note.strip(),
        consent_id=decision.consent.id,
        by=by,
        **_source(by),
    )
    consent_actions.disclose_to_external(
        by=by,
        client_id=client_id,
        recipient=employer,
        consent=decision.consent,
        categories=[CONTACT_CATEGORY],
        purpose=CONTACT_PURPOSE,
        what=f"ips_employer_contact:{contact.pk}",
    )
    record_event(by, client_id, EventType.IPS_EMPLOYER_CONTACT, contact.pk)
    return contact


# -- the IPS-25 fidelity review -----------------------------------------------------------


@dataclass(frozen=True)
class ItemScore:
    score: int | None
    note: str = ""


@transaction.atomic
def record_fidelity_review(
    *,
    service: Service,
    by: Professional,
    reviewed_on: dt.date | None,
    reviewers: str,
    scores: Mapping[str, ItemScore],
    summary: str = "",
) -> FidelityReview:
    """An IPS-25 review of an IPS service: every one of the 25 items scored 1–5 (a note each
    where wanted), the total and its band. Entered by a catalogue editor (decision 0302)."""
    if not reviews_fidelity(by):
        raise ValidationError(
            _("IPS-25-laatuarvioinnin kirjaa palvelutietojen ylläpitäjä."), code="not_reviewer"
        )
    errors: dict[str, list[str]] = {}
    if service.service_type.slug != IPS_SERVICE_TYPE:
        errors["service"] = [_("Laatuarvioinnin voi kirjata vain IPS-työhönvalmennukselle.")]
    if reviewed_on is None:
        errors["reviewed_on"] = [_("Anna arviointipäivä.")]
    elif reviewed_on > timezone.localdate():
        errors["reviewed_on"] = [_("Arviointipäivä ei voi olla tulevaisuudessa.")]
    reviewers = reviewers.strip()
    if not reviewers:
        errors["reviewers"] = [_("Kerro arvioijat.")]
    scale = fidelity.scale()
    unknown = set(scores) - set(scale.codes)
    if unknown:
        errors["scores"] = [
            _("Tuntematon arviointikohta: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        ]
    for item in scale.items:
        given = scores.get(item.code)
        field = f"score_{item.code}"
        if given is None or given.score is None:
            errors[field] = [_("Pisteytä kohta %(item)s (1–5).") % {"item": item.name}]
        elif not fidelity.MIN_SCORE <= given.score <= fidelity.MAX_SCORE:
            errors[field] = [_("Kohdan %(item)s pisteet ovat 1–5.") % {"item": item.name}]
        if given is not None:
            errors |= limits.check_texts({f"note_{item.code}": (given.note, limits.REASON)})
    errors |= limits.check_texts(
        {"reviewers": (reviewers, limits.NAME), "summary": (summary, limits.JOURNAL_TEXT)}
    )
    if errors or reviewed_on is None:
        raise ValidationError(errors)
    total = sum(int(scores[code].score or 0) for code in scale.codes)
    review = FidelityReview.objects.create(
        service=service,
        reviewed_on=reviewed_on,
        reviewers=reviewers,
        total=total,
        band=fidelity.band_of(total),
        summary=summary.strip(),
        recorded_by=by,
    )
    FidelityScore.objects.bulk_create(
        FidelityScore(
            review=review,
            item=code,
            score=int(scores[code].score or 0),
            note=scores[code].note.strip(),
        )
        for code in scale.codes
    )
    record_event(by, None, EventType.IPS_FIDELITY_REVIEW, f"{service.slug}:{review.pk}")
    return review


__all__ = [
    "OPEN_PHASES",
    "ConflictError",
    "ContactData",
    "ItemScore",
    "current_decision",
    "move_period",
    "record_contact",
    "record_decision",
    "record_fidelity_review",
    "review_period",
    "save_profile",
    "start_period",
]
