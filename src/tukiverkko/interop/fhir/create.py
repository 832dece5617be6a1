"""``POST /fhir/R4/ServiceRequest``: a referral made through ``tukiverkko.referrals.actions``, with
the page's checks — who may write in the case, then the draft's fields, and for a request sent
at once (``status: active``) the consent and prerequisite checks of sending. All or nothing: a
refused send leaves no draft behind."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from fhir.resources.R4B.servicerequest import ServiceRequest
from pydantic import ValidationError as ModelError

from tukiverkko.access import selectors as access
from tukiverkko.access.selectors import Need
from tukiverkko.accounts.models import User
from tukiverkko.cases.models import Case
from tukiverkko.catalogue.models import Service
from tukiverkko.interop.fhir.http import FhirError, json_body
from tukiverkko.interop.fhir.mapping import INFO_CATEGORY, PURPOSE, REFERRAL_KIND
from tukiverkko.interop.fhir.search import reference_id
from tukiverkko.referrals import actions
from tukiverkko.referrals.models import Referral

WHAT = "fhir:ServiceRequest:create"


def check_csrf(request: HttpRequest) -> None:
    """A session caller's POST carries the CSRF token, as on every form of the product."""
    if CsrfViewMiddleware(lambda _r: None).process_view(request, None, (), {}) is not None:  # type: ignore[arg-type]
        raise FhirError(403, _("Istunnon tarkistus epäonnistui: lataa sivu uudelleen."))


def _codes(resource: ServiceRequest, system: str) -> list[str]:
    return [
        str(coding.code)
        for concept in resource.category or []
        for coding in concept.coding or []
        if coding.system == system and coding.code
    ]


def _text(items: list[Any] | None) -> str:
    return "\n\n".join(str(item.text) for item in items or [] if item.text)


def _reference(value: Any, kind: str, name: str) -> int:
    if value is None or not value.reference or not value.reference.startswith(f"{kind}/"):
        raise FhirError(400, _("Puuttuu tai virheellinen: %(name)s.") % {"name": name}, name)
    return reference_id(value.reference, kind, name)


def _parse(request: HttpRequest) -> ServiceRequest:
    body = json_body(request)
    if body.get("resourceType") != "ServiceRequest":
        raise FhirError(400, _("Lähetä ServiceRequest-resurssi."), "resourceType")
    try:
        return ServiceRequest.model_validate(body)
    except ModelError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise FhirError(400, f"{where}: {first.get('msg', '')}", where) from error


def _service(resource: ServiceRequest) -> Service | None:
    for performer in resource.performer or []:
        if performer.reference and performer.reference.startswith("HealthcareService/"):
            pk = reference_id(performer.reference, "HealthcareService", "performer")
            found = Service.objects.filter(pk=pk).first()
            if found is None:
                raise FhirError(400, _("Valitse jokin sallituista arvoista."), "performer")
            return found
    return None


def service_request(request: HttpRequest, user: User) -> Referral:
    resource = _parse(request)
    if resource.status not in {"draft", "active"}:
        raise FhirError(400, _("Uuden lähetteen tila on draft tai active."), "status")
    client_id = _reference(resource.subject, "Patient", "subject")
    access.get_client_for_change(user, client_id, what=WHAT, need=Need.WRITE)
    case_id = (
        Case.objects.filter(client_id=client_id)
        .order_by("-opened_at")
        .values_list("pk", flat=True)
        .first()
    )
    if case_id is None:
        raise FhirError(400, _("Asiakkaalla ei ole asiakkuutta."), "subject")
    case = access.get_case_for_change(user, case_id, what=WHAT, need=Need.WRITE)
    kinds, purposes = _codes(resource, REFERRAL_KIND), _codes(resource, PURPOSE)
    with transaction.atomic():
        referral = actions.create_draft(
            case=case,
            by=user,
            kind=kinds[0] if kinds else "referral",
            service=_service(resource),
            situation=_text(resource.note),
            question=_text(resource.reasonCode),
            urgency=resource.priority or "routine",
            categories=_codes(resource, INFO_CATEGORY),
            purpose=purposes[0] if purposes else "information_exchange",
        )
        if resource.status == "active":
            referral = actions.send_referral(referral=referral, by=user)
    return referral
