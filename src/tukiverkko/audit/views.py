"""The data-protection officer's view of one client's access and disclosure logs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from tukiverkko.accounts.decorators import professional_required
from tukiverkko.accounts.models import Organisation, Role
from tukiverkko.audit.actions import (
    access_log_for_client,
    disclosures_for_client,
    record_access,
)

PURPOSE = "tietosuojavalvonta"
PER_PAGE = 100

# The information categories of the consent model (GLOSSARY: InfoCategory).
CATEGORY_LABELS = {
    "health": _("terveys"),
    "social": _("sosiaali"),
    "employment": _("työllisyys"),
    "benefits": _("etuudet"),
    "education": _("koulutus"),
}
ROLE_LABELS = dict(Role.choices)


def may_read_audit_log(user: Any) -> bool:
    return getattr(user, "role", "") == Role.DATA_PROTECTION


@professional_required
@never_cache
def client_log(request: HttpRequest, client_id: int) -> HttpResponse:
    allowed = may_read_audit_log(request.user)
    # Reading who read a client's data is itself a read of client data: it is logged too.
    record_access(
        user=request.user,
        client_id=client_id,
        what="audit_log",
        purpose=PURPOSE,
        allowed=allowed,
    )
    if not allowed:
        raise PermissionDenied
    accesses = Paginator(access_log_for_client(client_id).select_related("user"), PER_PAGE)
    access_page = accesses.get_page(request.GET.get("sivu"))
    access_rows = [{"entry": e, "role_label": ROLE_LABELS.get(e.role, e.role)} for e in access_page]
    disclosures = Paginator(disclosures_for_client(client_id).select_related("user"), PER_PAGE)
    disclosure_page = disclosures.get_page(request.GET.get("luovutukset"))
    org_ids = {d.from_organisation_id for d in disclosure_page if d.from_organisation_id}
    org_names = dict(Organisation.objects.filter(id__in=org_ids).values_list("id", "name_fi"))
    disclosure_rows = [
        {
            "entry": d,
            "from_organisation": org_names.get(d.from_organisation_id or 0, ""),
            "categories": ", ".join(str(CATEGORY_LABELS.get(c, c)) for c in d.categories),
        }
        for d in disclosure_page
    ]
    return render(
        request,
        "audit/client_log.html",
        {
            "client_id": client_id,
            "access_page": access_page,
            "access_rows": access_rows,
            "disclosure_page": disclosure_page,
            "disclosure_rows": disclosure_rows,
        },
    )
