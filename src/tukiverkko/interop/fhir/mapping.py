"""Our rows as FHIR R4 resources (fhir.resources R4B models, decision 0360): plain functions
from what a reader may see to a validated resource. The content filter has already run — a text
the reader may not see arrives as None and is left out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.goal import Goal as FhirGoal
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from tukiverkko.accounts.models import Organisation
from tukiverkko.catalogue.models import Service
from tukiverkko.clients.models import Client
from tukiverkko.plans.models import Goal, PlanAction
from tukiverkko.plans.selectors import PlanView
from tukiverkko.referrals.models import Referral
from tukiverkko.referrals.selectors import ReferralView

# Finnish identifier systems (docs/fhir.md, decision 0362).
HENKILOTUNNUS = "urn:oid:1.2.246.21"  # Finnish Base Profiles, fi-base-patient: PIC (HETU)
Y_TUNNUS = "urn:oid:1.2.246.10.1"  # the business identifier (Y-tunnus), decision 0362
# Our own code systems: the values of our enums, named under the product's base.
BASE = "https://tukiverkko.fi/fhir"
REFERRAL_STATUS = f"{BASE}/CodeSystem/referral-status"
REFERRAL_KIND = f"{BASE}/CodeSystem/referral-kind"
INFO_CATEGORY = f"{BASE}/CodeSystem/info-category"
PURPOSE = f"{BASE}/CodeSystem/purpose"
SERVICE_TYPE = f"{BASE}/CodeSystem/service-type"

# Our referral status → ServiceRequest.status and Task.status (FHIR R4 value sets).
REQUEST_STATUS = {
    "draft": "draft",
    "sent": "active",
    "received": "active",
    "accepted": "active",
    "in_progress": "active",
    "completed": "completed",
    "declined": "revoked",
    "returned": "revoked",
    "closed": "completed",
}
TASK_STATUS = {
    "draft": "draft",
    "sent": "requested",
    "received": "received",
    "accepted": "accepted",
    "in_progress": "in-progress",
    "completed": "completed",
    "declined": "rejected",
    "returned": "rejected",
    "closed": "completed",
}
GOAL_STATUS = {
    "in_progress": "active",
    "achieved": "completed",
    "not_achieved": "completed",
    "dropped": "cancelled",
}
ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
GOAL_ACHIEVEMENT = {"achieved": "achieved", "not_achieved": "not-achieved"}
ACTIVITY_STATUS = {
    "planned": "not-started",
    "in_progress": "in-progress",
    "done": "completed",
    "cancelled": "cancelled",
}


def ref(kind: str, pk: int | None) -> dict[str, str] | None:
    return {"reference": f"{kind}/{pk}"} if pk is not None else None


def _instant(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what is empty: FHIR forbids empty elements."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def patient(client: Client, henkilotunnus: str | None) -> Patient:
    """A client: their name and birth date; the henkilötunnus only when the reader may see it."""
    identifiers = [{"system": HENKILOTUNNUS, "value": henkilotunnus}] if henkilotunnus else []
    return Patient.model_validate(
        _clean(
            {
                "resourceType": "Patient",
                "id": str(client.pk),
                "identifier": identifiers,
                "name": [{"family": client.last_name, "given": client.first_name.split()}],
                "birthDate": _date(client.birth_date),
                "communication": [
                    {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": lang}]}}
                    for lang in client.languages or []
                    if isinstance(lang, str) and lang
                ],
            }
        )
    )


def _careplan_status(view: PlanView) -> str:
    if view.case.phase == "closed":
        return "completed"
    return "active" if view.plan is not None and view.plan.agreed_at else "draft"


def _activity(action: PlanAction) -> dict[str, Any]:
    performer = ref("Organization", action.responsible_organisation_id)
    return {
        "detail": _clean(
            {
                "status": ACTIVITY_STATUS.get(action.status, "unknown"),
                "description": action.text,
                "code": {"text": action.service_type.name_fi} if action.service_type else None,
                "performer": [performer] if performer else [],
                "scheduledPeriod": _clean(
                    {"start": _date(action.starts_on), "end": _date(action.ends_on)}
                ),
            }
        )
    }


def careplan(view: PlanView) -> CarePlan:
    """The plan of a case as its reader sees it: goals as references, actions as activities."""
    plan = view.plan
    assert plan is not None  # noqa: S101 — the views answer 404 for a case without a plan
    return CarePlan.model_validate(
        _clean(
            {
                "resourceType": "CarePlan",
                "id": str(plan.pk),
                "meta": {"versionId": str(plan.version)},
                "status": _careplan_status(view),
                "intent": "plan",
                "title": "Työkyvyn tuen suunnitelma",
                "description": plan.client_goal if view.client_goal_visible else None,
                "subject": ref("Patient", view.case.client_id),
                "created": _instant(plan.created_at),
                "period": _clean(
                    {
                        "start": _date(plan.agreed_at.date() if plan.agreed_at else None),
                        "end": _date(view.case.closed_on),
                    }
                ),
                "goal": [ref("Goal", g.goal.pk) for g in view.goals.shown],
                "activity": [_activity(a) for a in view.actions.shown],
            }
        )
    )


def goal(row: Goal, client_id: int) -> FhirGoal:
    reviews = list(row.reviews.all())
    last = reviews[-1] if reviews else None
    achievement = GOAL_ACHIEVEMENT.get(row.status, "in-progress" if last else None)
    return FhirGoal.model_validate(
        _clean(
            {
                "resourceType": "Goal",
                "id": str(row.pk),
                "lifecycleStatus": GOAL_STATUS.get(row.status, "active"),
                "achievementStatus": {"coding": [{"system": ACHIEVEMENT, "code": achievement}]}
                if achievement
                else None,
                "description": {"text": row.text},
                "subject": ref("Patient", client_id),
                "target": [
                    _clean(
                        {
                            "measure": {"text": row.indicator} if row.indicator else None,
                            "dueDate": _date(row.target_on),
                        }
                    )
                ]
                if row.indicator or row.target_on
                else [],
                "statusDate": _date(last.reviewed_on) if last else None,
                "expressedBy": ref("Patient", client_id) if row.visible_to_client else None,
            }
        )
    )


def _shown_text(view: ReferralView, text: str) -> str | None:
    return text if view.content_visible and text else None


def service_request(view: ReferralView) -> ServiceRequest:
    referral: Referral = view.referral
    situation = _shown_text(view, referral.situation)
    question = _shown_text(view, referral.question)
    performer = ref("HealthcareService", referral.service_id) or ref(
        "Organization", referral.to_organisation_id
    )
    return ServiceRequest.model_validate(
        _clean(
            {
                "resourceType": "ServiceRequest",
                "id": str(referral.pk),
                "meta": {"versionId": str(referral.version)},
                "status": REQUEST_STATUS[referral.status],
                "intent": "order",
                "category": [
                    {"coding": [{"system": REFERRAL_KIND, "code": referral.kind}]},
                    *(
                        {"coding": [{"system": INFO_CATEGORY, "code": c}]}
                        for c in referral.categories
                    ),
                ],
                "priority": "urgent" if referral.urgency == "urgent" else "routine",
                "code": {"text": referral.service.name_fi} if referral.service else None,
                "subject": ref("Patient", referral.case.client_id),
                "authoredOn": _instant(referral.sent_at or referral.created_at),
                "requester": ref("Organization", referral.source_organisation_id),
                "performer": [performer] if performer else [],
                "reasonCode": [{"text": question}] if question else [],
                "note": [{"text": situation}] if situation else [],
            }
        )
    )


def task(view: ReferralView) -> Task:
    """The referral's status and where it is now: FHIR's workflow Task for the ServiceRequest."""
    referral = view.referral
    return Task.model_validate(
        _clean(
            {
                "resourceType": "Task",
                "id": str(referral.pk),
                "meta": {"versionId": str(referral.version)},
                "basedOn": [ref("ServiceRequest", referral.pk)],
                "focus": ref("ServiceRequest", referral.pk),
                "for": ref("Patient", referral.case.client_id),
                "status": TASK_STATUS[referral.status],
                "businessStatus": {
                    "coding": [{"system": REFERRAL_STATUS, "code": referral.status}],
                    "text": view.where,
                },
                "intent": "order",
                "priority": "urgent" if referral.urgency == "urgent" else "routine",
                "authoredOn": _instant(referral.created_at),
                "lastModified": _instant(
                    referral.closed_at
                    or referral.completed_at
                    or referral.answered_at
                    or referral.received_at
                    or referral.sent_at
                    or referral.created_at
                ),
                "requester": ref("Organization", referral.source_organisation_id),
                "owner": ref("Organization", referral.to_organisation_id),
                "restriction": {"period": {"end": _date(referral.due_on)}}
                if referral.due_on
                else None,
            }
        )
    )


def organization(row: Organisation) -> Organization:
    return Organization.model_validate(
        _clean(
            {
                "resourceType": "Organization",
                "id": str(row.pk),
                "identifier": [{"system": Y_TUNNUS, "value": row.business_id}]
                if row.business_id
                else [],
                "active": row.valid_to is None or row.valid_to >= timezone.localdate(),
                "name": row.name_fi,
                "alias": [n for n in (row.name_sv, row.name_en) if n],
                "telecom": [{"system": "url", "value": row.website}] if row.website else [],
            }
        )
    )


def healthcare_service(row: Service) -> HealthcareService:
    return HealthcareService.model_validate(
        _clean(
            {
                "resourceType": "HealthcareService",
                "id": str(row.pk),
                "active": row.valid_to is None or row.valid_to >= timezone.localdate(),
                "providedBy": ref("Organization", row.organisation_id),
                "type": [
                    {
                        "coding": [{"system": SERVICE_TYPE, "code": row.service_type.slug}],
                        "text": row.service_type.name_fi,
                    }
                ],
                "name": row.name_fi,
                "comment": row.for_whom_fi or None,
                "extraDetails": row.what_fi,
                "communication": [
                    {"coding": [{"system": "urn:ietf:bcp:47", "code": lang}]}
                    for lang in row.languages or []
                    if isinstance(lang, str) and lang
                ],
                "referralMethod": [{"text": row.how_to_refer_fi}] if row.how_to_refer_fi else [],
            }
        )
    )
