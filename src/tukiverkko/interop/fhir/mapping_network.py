"""Consent and CareTeam as FHIR R4 resources: to whom the client's information may go, and who
works with the client on a case (decision 0368). Like ``mapping``: plain functions from what the
reader may see to a validated resource; what they may not see arrives as None or not at all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.consent import Consent as FhirConsent

from tukiverkko.accounts.models import User
from tukiverkko.cases.models import Case, NetworkMember, Phase
from tukiverkko.consent.models import Consent
from tukiverkko.interop.fhir.mapping import (
    BASE,
    INFO_CATEGORY,
    PURPOSE,
    Y_TUNNUS,
    _clean,
    _date,
    _instant,
    ref,
)

LOINC = "http://loinc.org"
# FHIR R4 value set consent-category (LOINC part): 64292-6 "Release of information consent".
CONSENT_CATEGORY = {"system": LOINC, "code": "64292-6", "display": "Release of information consent"}
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"  # patient-privacy
# The consent's policy rule: an opt-in (HL7 v3 ActCode OPTIN; the client agrees to disclosure).
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
# The actor's role: HL7 v3 ParticipationType IRCP "information recipient".
PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
# The law the consent is given under: 703/2023 (sosiaali- ja terveydenhuollon asiakastiedot).
LAW_703_2023 = "https://www.finlex.fi/fi/laki/ajantasa/2023/20230703"
REGISTER = f"{BASE}/CodeSystem/register"  # the register whose data it discloses
# FHIR R4 value set care-team-category (LOINC): LA27977-0 "Episode of care-focused care team".
CARE_TEAM_CATEGORY = {
    "system": LOINC,
    "code": "LA27977-0",
    "display": "Episode of care-focused care team",
}
CARE_TEAM_ROLE = f"{BASE}/CodeSystem/care-team-role"  # responsible-worker | network-member
USER_ID = f"{BASE}/sid/user"  # a professional's id in Tukiverkko (no Practitioner served)


def consent_status(consent: Consent, today: dt.date | None = None) -> str:
    """Revoked, expired or (oral) used up: inactive; waiting for the client's own confirmation
    in Oma Tukiverkko: proposed; else active (also when it starts later: its period says so)."""
    today = today or timezone.localdate()
    if consent.revoked_at is not None:
        return "inactive"
    if consent.awaits_confirmation:
        return "proposed"
    expired = consent.valid_until is not None and consent.valid_until < today
    return "inactive" if expired or consent.used_at is not None else "active"


def _recipient(role: str, reference: dict[str, Any]) -> dict[str, Any]:
    return {"role": {"coding": [{"system": PARTICIPATION, "code": role}]}, "reference": reference}


def consent(row: Consent, *, external: bool = True) -> FhirConsent:
    """A consent as its reader sees it listed. Its recipients are the provision's actors (role
    IRCP): an organisation by reference, a unit by its organisation's and its own name, an
    employer (``external``: the professional's view; a system's is the integration API's, without
    them) by its Y-tunnus."""
    actors = [
        _recipient("IRCP", {"reference": f"Organization/{o.pk}"}) for o in row.organisations.all()
    ]
    actors += [
        _recipient("IRCP", {"display": f"{u.organisation.name_fi}: {u.name_fi}"})
        for u in row.units.all()
    ]
    if external:
        actors += [
            _recipient(
                "IRCP",
                {"identifier": {"system": Y_TUNNUS, "value": r.business_id}, "display": r.name},
            )
            for r in row.external_recipients.all()
        ]
    return FhirConsent.model_validate(
        _clean(
            {
                "resourceType": "Consent",
                "id": str(row.pk),
                "status": consent_status(row),
                "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy"}]},
                "category": [
                    {"coding": [CONSENT_CATEGORY]},
                    {"coding": [{"system": REGISTER, "code": row.disclosing_register}]},
                ],
                "patient": ref("Patient", row.client_id),
                "dateTime": _instant(row.confirmed_at or row.recorded_at),
                "organization": [ref("Organization", row.disclosing_organisation_id)],
                "policy": [{"uri": LAW_703_2023}],
                "policyRule": {"coding": [{"system": ACT_CODE, "code": "OPTIN"}]},
                "provision": _clean(
                    {
                        "type": "permit",
                        "period": _clean(
                            {"start": _date(row.valid_from), "end": _date(row.valid_until)}
                        ),
                        "actor": actors,
                        "purpose": [{"system": PURPOSE, "code": p} for p in row.purposes],
                        "class": [{"system": INFO_CATEGORY, "code": c} for c in row.categories],
                    }
                ),
            }
        )
    )


@dataclass(frozen=True)
class Team:
    """A case's network as one reader sees it: ``members`` — those the content filter shows
    them (a member's role is content of the register that added it); ``names`` — may they see
    who the people are (a professional reading the case does; a system gets their ids only, as
    from the integration API)."""

    case: Case
    members: list[NetworkMember]
    names: bool


def _person(user: User, names: bool) -> dict[str, Any]:
    person: dict[str, Any] = {
        "type": "Practitioner",
        "identifier": {"system": USER_ID, "value": str(user.pk)},
    }
    if names:
        person["display"] = ", ".join(p for p in (str(user), user.title) if p)
    return person


def _member(member: NetworkMember, team: Team) -> dict[str, Any]:
    role = {"coding": [{"system": CARE_TEAM_ROLE, "code": "network-member"}], "text": member.role}
    organisation = ref("Organization", member.organisation_id)
    if member.user is None:  # an organisation in the network
        return {
            "role": [_clean(role)],
            "member": organisation,
            "period": {"start": _instant(member.added_at)},
        }
    return {
        "role": [_clean(role)],
        "member": _person(member.user, team.names),
        "onBehalfOf": organisation,
        "period": {"start": _instant(member.added_at)},
    }


def care_team(team: Team) -> CareTeam:
    """The client's network on a case: the responsible worker (omatyöntekijä), then its members
    — each with their organisation and, when the reader may read it, their role (what for)."""
    case = team.case
    worker = case.responsible_worker
    responsible = {
        "role": [{"coding": [{"system": CARE_TEAM_ROLE, "code": "responsible-worker"}]}],
        "member": _person(worker, team.names),
        "onBehalfOf": ref("Organization", worker.organisation_id),
    }
    return CareTeam.model_validate(
        _clean(
            {
                "resourceType": "CareTeam",
                "id": str(case.pk),
                "meta": {"versionId": str(case.version)},
                "status": "inactive" if case.phase == Phase.CLOSED else "active",
                "category": [{"coding": [CARE_TEAM_CATEGORY]}],
                "subject": ref("Patient", case.client_id),
                "period": _clean({"start": _instant(case.opened_at), "end": _date(case.closed_on)}),
                "participant": [
                    _clean(responsible),
                    *(_clean(_member(m, team)) for m in team.members),
                ],
                "managingOrganization": [ref("Organization", case.organisation_id)],
            }
        )
    )
