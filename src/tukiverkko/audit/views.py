"""The data-protection officer's view of one client's access and disclosure logs, its export
(what the officer gives the client who asks for their log: 703/2023, review M5), and the
overview of refusals that name no client (review M3)."""

from __future__ import annotations

import csv
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tukiverkko.accounts.decorators import professional_required
from tukiverkko.accounts.models import Role
from tukiverkko.accounts.roles import reads_audit_log
from tukiverkko.audit.actions import record_access
from tukiverkko.audit.selectors import (
    PURPOSE,
    access_log,
    access_rows,
    denial_rows,
    denials_without_client,
    disclosure_log,
    disclosure_rows,
)
from tukiverkko.consent.models import InfoCategory

PER_PAGE = 100
# The export holds the whole log; more than this many rows is split by the officer by date
# (none of the demo's or the pilots' clients comes near it).
EXPORT_MAX_ROWS = 50_000


def _authorise(request: HttpRequest, client_id: int | None, what: str) -> None:
    """Reading who read a client's data is itself a read of client data: logged, refused too."""
    allowed = reads_audit_log(request.user)
    record_access(
        user=request.user,
        client_id=client_id,
        what=what,
        purpose=PURPOSE,
        allowed=allowed,
        basis="audit_log_reading",
    )
    if not allowed:
        raise PermissionDenied


@professional_required
@never_cache
def client_log(request: HttpRequest, client_id: int) -> HttpResponse:
    _authorise(request, client_id, "audit_log")
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


@professional_required
@never_cache
def client_log_export(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client's access and disclosure logs as one CSV (UTF-8 with BOM, ``;``-separated for
    a Finnish spreadsheet): what the data-protection officer hands the client who asks."""
    _authorise(request, client_id, "audit_log_export")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kayttoloki-{client_id}.csv"'
    response.write("\ufeff")
    out = csv.writer(response, delimiter=";")
    roles = dict(Role.choices)
    out.writerow(
        [
            _("Loki"),
            _("Aika"),
            _("Käyttäjä"),
            _("Organisaatio"),
            _("Rooli"),
            _("Mitä"),
            _("Käyttötarkoitus"),
            _("Tulos"),
            _("Luovuttava organisaatio"),
            _("Tietoryhmät"),
        ]
    )
    for row in access_rows(access_log(client_id)[:EXPORT_MAX_ROWS]):
        out.writerow(
            [
                _("käyttö"),
                _local(row.at),
                row.user_label,
                row.organisation_name,
                roles.get(row.role, row.role),
                row.what,
                row.purpose,
                _("sallittu") if row.allowed else _("estetty"),
                "",
                "",
            ]
        )
    categories = dict(InfoCategory.choices)
    for d in disclosure_rows(disclosure_log(client_id)[:EXPORT_MAX_ROWS]):
        out.writerow(
            [
                _("luovutus"),
                _local(d.entry.at),
                d.user_label,
                d.entry.to_organisation_name,
                "",
                d.entry.what,
                d.entry.purpose,
                "",
                d.from_organisation,
                ", ".join(str(categories.get(c, c)) for c in d.entry.categories),
            ]
        )
    return response


def _local(at: dt.datetime) -> str:
    return timezone.localtime(at).strftime("%-d.%-m.%Y %H.%M")


@professional_required
@never_cache
def overview(request: HttpRequest) -> HttpResponse:
    """Refusals that name no client (an absent id, a 401, a refused CSRF check), newest first."""
    _authorise(request, None, "audit_overview")
    page = Paginator(denials_without_client(), PER_PAGE).get_page(request.GET.get("sivu"))
    roles = dict(Role.choices)
    rows = [(row, roles.get(row.role, row.role)) for row in denial_rows(page)]
    return render(request, "audit/overview.html", {"page": page, "rows": rows})
