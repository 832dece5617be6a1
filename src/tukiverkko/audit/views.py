"""The data-protection officer's view of one client's access and disclosure logs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from tukiverkko.accounts.decorators import professional_required
from tukiverkko.accounts.models import Role
from tukiverkko.accounts.roles import reads_audit_log
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.selectors import (
    PURPOSE,
    access_log,
    access_rows,
    disclosure_log,
    disclosure_rows,
)
from tukiverkko.consent.models import InfoCategory

PER_PAGE = 100


@professional_required
@never_cache
def client_log(request: HttpRequest, client_id: int) -> HttpResponse:
    allowed = reads_audit_log(request.user)
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
    access_page = Paginator(access_log(client_id), PER_PAGE).get_page(request.GET.get("sivu"))
    roles = dict(Role.choices)
    rows = [(row, roles.get(row.role, row.role)) for row in access_rows(access_page)]
    disclosure_page = Paginator(disclosure_log(client_id), PER_PAGE).get_page(
        request.GET.get("luovutukset")
    )
    categories = dict(InfoCategory.choices)
    disclosures = [
        (row, ", ".join(str(categories.get(c, c)) for c in row.entry.categories))
        for row in disclosure_rows(disclosure_page)
    ]
    return render(
        request,
        "audit/client_log.html",
        {
            "client_id": client_id,
            "access_page": access_page,
            "access_rows": rows,
            "disclosure_page": disclosure_page,
            "disclosure_rows": disclosures,
        },
    )
