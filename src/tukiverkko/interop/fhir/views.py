"""The FHIR endpoints: ``metadata``, read and search per resource type, and create for
ServiceRequest. What each type supports is one table (``TYPES``), which the
CapabilityStatement lists — so it lists exactly what the server does: for a professional's
session, the reads through the access policy (``reads``); for an integration token, the scope
each type needs and the reads of the integration API's rule (``system_reads``)."""

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

from tukiverkko.access.models import ApiToken, Scope
from tukiverkko.access.tokens import actor_of
from tukiverkko.accounts.models import Organisation, User
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.catalogue.models import Service
from tukiverkko.interop.fhir import (
    capability,
    create,
    instruments,
    mapping,
    mapping_network,
    network_search,
    reads,
    system_reads,
)
from tukiverkko.interop.fhir.http import Caller, FhirError, fhir_view, respond
from tukiverkko.interop.fhir.search import Param, bundle, one_of, parameters, reference_id
from tukiverkko.referrals.models import Referral

PATIENT = Param("patient", "reference", "Patient/<id>: the client's resources")


@dataclass(frozen=True)
class System:
    """How an integration token reads a type: the scope it needs (None: any active token — the
    catalogue, no client data), one resource by id, and the candidates of a search."""

    scope: Scope | None
    read: Callable[[ApiToken, Any], Resource]
    candidates: Callable[[ApiToken], Any]


@dataclass(frozen=True)
class Type:
    """One resource type: how one is read, which search parameters narrow its candidates;
    ``system``: how a token reads it (None: no token reads it, 403)."""

    name: str
    read: Callable[[User, Any], Resource]
    candidates: Callable[[User], Any]  # a QuerySet, or a list (the instruments)
    params: tuple[Param, ...]
    narrow: Callable[[Any, dict[str, str]], Any]
    creates: bool = False
    id_of: Callable[[Any], Any] = field(default=lambda row: int(row.pk))
    text_id: bool = False  # its ids are names (Questionnaire), not numbers
    system: System | None = None


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


def _read_organisation(_caller: object, pk: int) -> Resource:
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


def _read_service(_caller: object, pk: int) -> Resource:
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


def _read_questionnaire(_caller: object, pk: str) -> Resource:
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


# -- Consent and CareTeam (network_search: their status filters) ------------------------------


def _read_consent(user: User, pk: int) -> Resource:
    return mapping_network.consent(reads.consent(user, pk))


def _system_consent(token: ApiToken, pk: int) -> Resource:
    return mapping_network.consent(system_reads.consent(token, pk), external=False)


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
            system=System(
                Scope.READ_PLANS,
                lambda t, pk: mapping.careplan(system_reads.careplan(t, pk)),
                system_reads.plans,
            ),
        ),
        Type(
            "Goal",
            _read_goal,
            reads.goal_candidates,
            (PATIENT, Param("lifecycle-status", "token", "active | completed | cancelled")),
            _narrow_goals,
            system=System(
                Scope.READ_PLANS,
                lambda t, pk: mapping.goal(*system_reads.goal(t, pk)),
                system_reads.goals,
            ),
        ),
        Type(
            "ServiceRequest",
            _read_request,
            reads.referral_candidates,
            (PATIENT, Param("status", "token", "draft | active | completed | revoked")),
            _narrow_status(mapping.REQUEST_STATUS),
            creates=True,
            system=System(
                Scope.READ_REFERRALS,
                lambda t, pk: mapping.service_request(
                    system_reads.referral(t, pk, "fhir:ServiceRequest")
                ),
                system_reads.referral_rows,
            ),
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
            system=System(
                Scope.READ_REFERRALS,
                lambda t, pk: mapping.task(system_reads.referral(t, pk, "fhir:Task")),
                system_reads.referral_rows,
            ),
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
            system=System(
                None,
                lambda _t, pk: _read_organisation(None, pk),
                lambda _t: Organisation.objects.order_by("pk"),
            ),
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
            system=System(None, lambda _t, pk: _read_service(None, pk), lambda _t: _services()),
        ),
        Type(
            "Questionnaire",
            _read_questionnaire,
            lambda _user: instruments.definitions(),
            (Param("code", "token", "a LOINC code of the instrument (panel or total)"),),
            _narrow_questionnaires,
            id_of=lambda d: instruments.fhir_id(d.id),
            text_id=True,
            system=System(
                None,
                lambda _t, pk: _read_questionnaire(None, pk),
                lambda _t: instruments.definitions(),
            ),
        ),
        Type(
            "QuestionnaireResponse",
            _read_result,
            reads.instrument_result_candidates,
            (PATIENT, Param("questionnaire", "reference", "Questionnaire/<id> or its url")),
            _narrow_results,
        ),
        Type(
            "Consent",
            _read_consent,
            reads.consent_candidates,
            (PATIENT, Param("status", "token", "proposed | active | inactive")),
            network_search.narrow_consents,
            system=System(Scope.READ_CONSENTS, _system_consent, system_reads.consents),
        ),
        Type(
            "CareTeam",
            lambda user, pk: mapping_network.care_team(reads.care_team(user, pk)),
            reads.care_team_candidates,
            (PATIENT, Param("status", "token", "active | inactive (the case closed)")),
            network_search.narrow_teams,
            system=System(
                Scope.READ_CASES,
                lambda t, pk: mapping_network.care_team(system_reads.care_team(t, pk)),
                system_reads.cases,
            ),
        ),
    )
}


def _type(name: str) -> Type:
    return TYPES[name]  # the routes name only the types of the table (urls.py)


@dataclass(frozen=True)
class Reader:
    """One caller's way of reading one type: by id, and the candidates of a search."""

    read: Callable[[Any], Resource]
    candidates: Callable[[], Any]


def _reader(kind: Type, caller: Caller) -> Reader:
    """The session's reads through the access policy, or the token's through its scope and the
    integration API's rule (decision 0367); a token without the scope is 403 (logged)."""
    if isinstance(caller, User):
        user = caller
        return Reader(lambda pk: kind.read(user, pk), lambda: kind.candidates(user))
    token, way = caller, kind.system
    if way is None:
        raise FhirError(
            403,
            _("Integraatioavaimella ei lueta tätä resurssityyppiä: %(name)s.")
            % {"name": kind.name},
        )
    if way.scope is not None and str(way.scope) not in token.scopes:
        raise FhirError(
            403,
            _("Avaimella ei ole tähän tarvittavaa oikeutta (%(scope)s).") % {"scope": way.scope},
        )
    return Reader(lambda pk: way.read(token, pk), lambda: way.candidates(token))


@fhir_view(public=True)
def metadata(request: HttpRequest, _caller: Caller | None) -> HttpResponse:
    return respond(capability.statement(request, TYPES))


@fhir_view()
def read(request: HttpRequest, caller: Caller, resource_type: str, pk: int | str) -> HttpResponse:
    kind = _type(resource_type)
    reader = _reader(kind, caller)
    if kind.text_id:
        return respond(reader.read(str(pk)))
    if int(pk) > 2**62:
        raise Http404
    return respond(reader.read(int(pk)))


def _search(request: HttpRequest, caller: Caller, kind: Type) -> HttpResponse:
    reader = _reader(kind, caller)
    query = parameters(request, kind.params)
    candidates = kind.narrow(reader.candidates(), query)

    def shown(row: Any) -> Resource | None:
        try:
            return reader.read(kind.id_of(row))
        except Http404:
            return None  # the content filter hides it from this reader (logged)

    return respond(bundle(request, query, candidates, shown))


def _type_methods(resource_type: str) -> tuple[str, ...]:
    return ("GET", "POST") if TYPES[resource_type].creates else ("GET",)


@csrf_exempt  # the session's CSRF check is done below for POST (create.check_csrf)
@fhir_view(methods=_type_methods)
def type_level(request: HttpRequest, caller: Caller, resource_type: str) -> HttpResponse:
    kind = _type(resource_type)
    if request.method == "GET":
        return _search(request, caller, kind)
    if not isinstance(caller, User):
        # no integration scope writes (access.models.Scope: read scopes only)
        raise FhirError(403, _("Integraatioavaimella voi vain lukea."))
    user = caller
    create.check_csrf(request)
    referral: Referral = create.service_request(request, user)
    resource = _read_request(user, referral.pk)
    return respond(
        resource,
        201,
        Location=f"{request.path.rstrip('/')}/{referral.pk}/_history/{referral.version}",
    )


@fhir_view(methods=("GET", "POST", "PUT", "PATCH", "DELETE"), public=True)
def unknown(request: HttpRequest, caller: Caller | None, rest: str) -> HttpResponse:
    """Anything else under the base: a type or an interaction we do not serve (logged: a probe
    for what is not there is a refusal like any other)."""
    record_access(
        user=actor_of(caller) if isinstance(caller, ApiToken) else caller or AnonymousUser(),
        client_id=None,
        what=f"fhir:unknown:{rest[:80]}",
        purpose=AccessPurpose.CLIENT_WORK,
        allowed=False,
    )
    raise FhirError(
        404, _("Resurssityyppiä tai toimintoa ei tueta: %(name)s.") % {"name": rest[:80]}
    )
