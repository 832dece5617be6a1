"""Issue 16's demo: Iida, a client of Varha's employment-promoting social services, in IPS job
coaching with Veera (the job coach), through the ips actions — the social worker's decision,
the period, the profile, the consent for one employer and the contact with it — and an IPS-25
review of the Varha IPS service by the catalogue editor. Loaded only where the catalogue holds
the Varha IPS service and the demo accounts are in their Varha units."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tukiverkko.accounts.roles import register_of
from tukiverkko.catalogue.models import Service
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import ConsentForm, InfoCategory, Purpose, SignatureMethod
from tukiverkko.demo.hetu import fictitious
from tukiverkko.demo.paths import Cast, exists, take_on
from tukiverkko.ips import actions
from tukiverkko.ips.fidelity import scale
from tukiverkko.ips.models import FidelityReview, IpsPhase

VARHA_IPS = "varha-ips-tyohonvalmennus"
EMPLOYER = consent_actions.Employer("Turun Puistotyö Oy", "0112038-9")
# A demo review: strong on services, weaker on integration with the treatment team.
DEMO_SCORES = {"O1": 3, "O2": 3, "O3": 4, "S1": 4, "P1": 4, "P13": 4}


def load_ips_story(cast: Cast) -> list[str]:
    service = Service.objects.filter(slug=VARHA_IPS).select_related("service_type").first()
    worker = cast.users.get("sosiaalityo-varha")
    coach = cast.users.get("valmentaja")
    editor = cast.users.get("toimittaja")
    if service is None or worker is None or coach is None:
        return []
    if register_of(worker) != "social_care" or register_of(coach) is None:
        return []
    loaded: list[str] = []
    if editor is not None and not FidelityReview.objects.filter(service=service).exists():
        actions.record_fidelity_review(
            service=service,
            by=editor,
            reviewed_on=timezone.localdate() - dt.timedelta(days=60),
            reviewers="Demo: kaksi koulutettua IPS-arvioijaa",
            scores={i.code: actions.ItemScore(DEMO_SCORES.get(i.code, 5)) for i in scale().items},
            summary="Demoarviointi. Integraatio hoitotiimiin vahvistettava.",
        )
        loaded.append("IPS-25 Varha")
    code = fictitious(dt.date(1996, 9, 3), 961)
    if exists(code):
        return loaded
    case = take_on(cast, code, "Iida", "Ikonen", "Turku", worker)
    actions.record_decision(
        case=case,
        by=worker,
        reference="VARHA-SOS-2026-0416",
        decided_on=timezone.localdate() - dt.timedelta(days=20),
    )
    period = actions.start_period(
        case=case,
        by=worker,
        coach=coach,
        service=service,
        started_on=timezone.localdate() - dt.timedelta(days=14),
    )
    period = actions.move_period(period=period, to=IpsPhase.PROFILING, by=coach)
    actions.save_profile(
        period=period,
        by=coach,
        skills=["asiakaspalvelu", "kassatyö", "ajokortti B"],
        wishes=["ulkotyö", "osa-aikatyö aluksi"],
        restrictions=["ei yötyötä (uni ja lääkitys)"],
    )
    period = actions.move_period(period=period, to=IpsPhase.JOB_SEARCH, by=coach)
    consent_actions.record_consent(
        client=case.client,
        by=coach,
        employers=[EMPLOYER],
        categories=[InfoCategory.EMPLOYMENT],
        purposes=[Purpose.EMPLOYER_CONTACT],
        form=ConsentForm.REGIONAL_FORM,
        signature_method=SignatureMethod.HANDWRITTEN,
        evidence_reference="VARHA-SUOST-2026-0416",
        valid_from=timezone.localdate() - dt.timedelta(days=7),
    )
    actions.record_contact(
        period=period,
        by=coach,
        data=actions.ContactData(
            employer_name=EMPLOYER.name,
            business_id=EMPLOYER.business_id,
            contacted_on=timezone.localdate() - dt.timedelta(days=5),
            kind="visit",
            outcome="interview",
            note="Puistotyöntekijän paikka keväälle; haastattelu sovittu.",
        ),
    )
    loaded.append("Iida")
    return loaded
