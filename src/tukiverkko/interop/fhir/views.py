"""The FHIR endpoints: ``metadata``, read and search per resource type, and create for
ServiceRequest. What each type supports is one table (``TYPES``), which the
CapabilityStatement lists — so it lists exactly what the server does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from fhir.resources.R4B.resource import Resource

from tukiverkko.accounts.models import Organisation, User
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.catalogue.models import Service
from tukiverkko.interop.fhir import capability, create, instruments, mapping, reads
from tukiverkko.interop.fhir.http import FhirError, fhir_view, respond
from tukiverkko.interop.fhir.search import Param, bundle, one_of, parameters, reference_id
from tukiverkko.referrals.models import Referral

PATIENT = Param("patient", "reference", "Patient/<id>: the client's resources")


@dataclass(frozen=True)
class Type:
    """One resource type: how one is read, which search parameters narrow its candidates."""

    name: str
    read: Callable[[User, Any], Resource]
    candidates: Callable[[User], Any]  # a QuerySet, or a list (the instruments)
    params: tuple[Param, ...]
    narrow: Callable[[Any, dict[str, str]], Any]
    creates: bool = False
    id_of: Callable[[Any], Any] = field(default=lambda row: int(row.pk))
    text_id: bool = False  # its ids are names (Questionnaire), not numbers


def _by_patient(path: str) -> Callable[[QuerySet[Any], dict[str, str]], QuerySet[Any]]:
    def narrow(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
        if "patient" in query:
            qs = qs.filter(**{path: reference_id(query["patient"], "Patient", "patient")})
        return qs

    return narrow


def _reverse(table: dict[str, str], values: list[str]) -> list[str]:
    return [ours for ours, theirs in table.items() if theirs in values]


# -- Patient ----------------------------------------------------------------------------------


def _read_patient(user: User, pk: int) -> Resource:
    return mapping.patient(*reads.patient(user, pk))


def _narrow_patients(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
    if "_id" in query:
        qs = qs.filter(pk=reference_id(query["_id"], "Patient", "_id"))
    return qs


# -- CarePlan ---------------------------------------------------------------------------------

CAREPLAN_STATUS = {
    "draft": Q(agreed_at__isnull=True) & ~Q(case__phase="closed"),
    "active": Q(agreed_at__isnull=False) & ~Q(case__phase="closed"),
    "completed": Q(case__phase="closed"),
}


def _read_careplan(user: User, pk: int) -> Resource:
    return mapping.careplan(reads.careplan(user, pk))


def _narrow_plans(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
    qs = _by_patient("case__client_id")(qs, query)
    if "status" in query:
        wanted = Q()
        for status in one_of(query["status"], CAREPLAN_STATUS, "status"):
            wanted |= CAREPLAN_STATUS[status]
        qs = qs.filter(wanted)
    return qs


# -- Goal -------------------------------------------------------------------------------------


def _read_goal(user: User, pk: int) -> Resource:
    return mapping.goal(*reads.goal(user, pk))


def _narrow_goals(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
    qs = _by_patient("plan__case__client_id")(qs, query)
    if "lifecycle-status" in query:
        values = one_of(
            query["lifecycle-status"], set(mapping.GOAL_STATUS.values()), "lifecycle-status"
        )
        qs = qs.filter(status__in=_reverse(mapping.GOAL_STATUS, values))
    return qs


# -- ServiceRequest and Task ------------------------------------------------------------------


def _read_request(user: User, pk: int) -> Resource:
    return mapping.service_request(reads.referral(user, pk, "fhir:ServiceRequest"))


def _read_task(user: User, pk: int) -> Resource:
    return mapping.task(reads.referral(user, pk, "fhir:Task"))


def _narrow_status(table: dict[str, str]) -> Callable[[QuerySet[Any], dict[str, str]], Any]:
    def narrow(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
        qs = _by_patient("case__client_id")(qs, query)
        if "status" in query:
            values = one_of(query["status"], set(table.values()), "status")
            qs = qs.filter(status__in=_reverse(table, values))
        if "focus" in query:
            qs = qs.filter(pk=reference_id(query["focus"], "ServiceRequest", "focus"))
        return qs

    return narrow


# -- Organization and HealthcareService: the catalogue (no client data) -------------------------


def _read_organisation(_user: User, pk: int) -> Resource:
    row = Organisation.objects.filter(pk=pk).first()
    if row is None:
        raise Http404
    return mapping.organization(row)


def _narrow_organisations(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
    if "name" in query:
        qs = qs.filter(name_fi__icontains=query["name"])
    if "identifier" in query:
        qs = qs.filter(business_id=query["identifier"].rsplit("|", 1)[-1])
    return qs


def _services() -> QuerySet[Service]:
    return Service.objects.select_related("service_type").order_by("pk")


def _read_service(_user: User, pk: int) -> Resource:
    row = _services().filter(pk=pk).first()
    if row is None:
        raise Http404
    return mapping.healthcare_service(row)


def _narrow_services(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
    if "organization" in query:
        qs = qs.filter(
            organisation_id=reference_id(query["organization"], "Organization", "organization")
        )
    if "name" in query:
        qs = qs.filter(name_fi__icontains=query["name"])
    if "service-type" in query:
        qs = qs.filter(service_type__slug=query["service-type"].rsplit("|", 1)[-1])
    return qs


# -- Questionnaire and QuestionnaireResponse: the instruments and their results ---------------


def _read_questionnaire(_user: User, pk: str) -> Resource:
    definition = instruments.find(pk)
    if definition is None:
        raise Http404
    return instruments.questionnaire(definition)


def _narrow_questionnaires(found: list[Any], query: dict[str, str]) -> list[Any]:
    if "code" in query:
        code = query["code"].rsplit("|", 1)[-1]
        found = [d for d in found if code in instruments.LOINC.get(d.id, {}).values()]
    return found


def _read_result(user: User, pk: int) -> Resource:
    return instruments.response(*reads.instrument_result(user, pk))


def _narrow_results(qs: QuerySet[Any], query: dict[str, str]) -> QuerySet[Any]:
    qs = _by_patient("case__client_id")(qs, query)
    if "questionnaire" in query:
        wanted = query["questionnaire"].rstrip("/").rsplit("/", 1)[-1]
        definition = instruments.find(wanted)
        qs = qs.filter(instrument=definition.id if definition else "")
    return qs


TYPES: dict[str, Type] = {
    t.name: t
    for t in (
        Type(
            "Patient",
            _read_patient,
            reads.patient_candidates,
            # No name or birth date: a search's parameters are in its URL, and personal data
            # never is (decision 0366).
            (Param("_id", "token", "the client's id"),),
            _narrow_patients,
        ),
        Type(
            "CarePlan",
            _read_careplan,
            reads.plan_candidates,
            (PATIENT, Param("status", "token", "draft | active | completed")),
            _narrow_plans,
        ),
        Type(
            "Goal",
            _read_goal,
            reads.goal_candidates,
            (PATIENT, Param("lifecycle-status", "token", "active | completed | cancelled")),
            _narrow_goals,
        ),
        Type(
            "ServiceRequest",
            _read_request,
            reads.referral_candidates,
            (PATIENT, Param("status", "token", "draft | active | completed | revoked")),
            _narrow_status(mapping.REQUEST_STATUS),
            creates=True,
        ),
        Type(
            "Task",
            _read_task,
            reads.referral_candidates,
            (
                PATIENT,
                Param("status", "token", "the referral's status as a Task status"),
                Param("focus", "reference", "ServiceRequest/<id>"),
            ),
            _narrow_status(mapping.TASK_STATUS),
        ),
        Type(
            "Organization",
            _read_organisation,
            lambda _user: Organisation.objects.order_by("pk"),
            (
                Param("name", "string", "the name contains"),
                Param("identifier", "token", "the Y-tunnus"),
            ),
            _narrow_organisations,
        ),
        Type(
            "HealthcareService",
            _read_service,
            lambda _user: _services(),
            (
                Param("organization", "reference", "Organization/<id>: its provider"),
                Param("name", "string", "the name contains"),
                Param("service-type", "token", "the service type's code"),
            ),
            _narrow_services,
        ),
        Type(
            "Questionnaire",
            _read_questionnaire,
            lambda _user: instruments.definitions(),
            (Param("code", "token", "a LOINC code of the instrument (panel or total)"),),
            _narrow_questionnaires,
            id_of=lambda d: instruments.fhir_id(d.id),
            text_id=True,
        ),
        Type(
            "QuestionnaireResponse",
            _read_result,
            reads.instrument_result_candidates,
            (PATIENT, Param("questionnaire", "reference", "Questionnaire/<id> or its url")),
            _narrow_results,
        ),
    )
}


def _type(name: str) -> Type:
    return TYPES[name]  # the routes name only the types of the table (urls.py)


@fhir_view(public=True)
def metadata(request: HttpRequest, _user: User | None) -> HttpResponse:
    return respond(capability.statement(request, TYPES))


@fhir_view()
def read(request: HttpRequest, user: User, resource_type: str, pk: int | str) -> HttpResponse:
    kind = _type(resource_type)
    if kind.text_id:
        return respond(kind.read(user, str(pk)))
    if int(pk) > 2**62:
        raise Http404
    return respond(kind.read(user, int(pk)))


def _search(request: HttpRequest, user: User, kind: Type) -> HttpResponse:
    query = parameters(request, kind.params)
    candidates = kind.narrow(kind.candidates(user), query)

    def shown(row: Any) -> Resource | None:
        try:
            return kind.read(user, kind.id_of(row))
        except Http404:
            return None  # the content filter hides it from this reader (logged)

    return respond(bundle(request, query, candidates, shown))


@csrf_exempt  # the session's CSRF check is done below for POST (create.check_csrf)
@fhir_view(methods=("GET", "POST"))
def type_level(request: HttpRequest, user: User, resource_type: str) -> HttpResponse:
    kind = _type(resource_type)
    if request.method == "GET":
        return _search(request, user, kind)
    if not kind.creates:
        raise FhirError(405, _("Tätä toimintoa ei tueta."))
    create.check_csrf(request)
    referral: Referral = create.service_request(request, user)
    resource = _read_request(user, referral.pk)
    return respond(
        resource,
        201,
        Location=f"{request.path.rstrip('/')}/{referral.pk}/_history/{referral.version}",
    )


@fhir_view(methods=("GET", "POST", "PUT", "PATCH", "DELETE"), public=True)
def unknown(request: HttpRequest, user: User | None, rest: str) -> HttpResponse:
    """Anything else under the base: a type or an interaction we do not serve (logged: a probe
    for what is not there is a refusal like any other)."""
    record_access(
        user=user or AnonymousUser(),
        client_id=None,
        what=f"fhir:unknown:{rest[:80]}",
        purpose=AccessPurpose.CLIENT_WORK,
        allowed=False,
    )
    raise FhirError(
        404, _("Resurssityyppiä tai toimintoa ei tueta: %(name)s.") % {"name": rest[:80]}
    )
