"""The dashboard (/seuranta/) and its CSV: parse the filters, check the manager's right, render
``selectors.dashboard``, log one aggregate read (``actions.record_read``)."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tukiverkko.accounts.decorators import professional_of, professional_required
from tukiverkko.accounts.roles import reads_monitoring
from tukiverkko.monitoring import actions, selectors
from tukiverkko.monitoring.forms import FilterForm
from tukiverkko.monitoring.tables import Table


def _form(request: HttpRequest) -> FilterForm:
    if not reads_monitoring(request.user):
        raise PermissionDenied
    return FilterForm(request.GET)


def csv_rows(tables: list[Table]) -> list[list[str]]:
    """The page's tables as CSV lines: indicator, row, column, the shown cell (totals too)."""
    total = _("yhteensä")
    out = [[_("indikaattori"), _("rivi"), _("sarake"), _("yksikkö"), _("arvo")]]
    for table in tables:
        for row, cells, row_total in table.body():
            for column, shown in zip(table.columns, cells, strict=True):
                out.append([table.title, row.label, column.label, table.unit, shown])
            out.append([table.title, row.label, total, table.unit, row_total])
        column_totals, grand = table.totals()
        for column, shown in zip(table.columns, column_totals, strict=True):
            out.append([table.title, total, column.label, table.unit, shown])
        out.append([table.title, total, total, table.unit, grand])
    return out


@require_GET
@professional_required
@never_cache
def dashboard(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return render(request, "monitoring/dashboard.html", {"form": form}, status=400)
    filters = form.filters()
    with transaction.atomic():
        board = selectors.dashboard(filters)
        actions.record_read(by=professional_of(request), filters=filters, fmt="page")
    query = request.GET.urlencode()
    return render(
        request, "monitoring/dashboard.html", {"form": form, "board": board, "query": query}
    )


@require_GET
@professional_required
@never_cache
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        errors = "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    filters = form.filters()
    with transaction.atomic():
        board = selectors.dashboard(filters)
        actions.record_read(by=professional_of(request), filters=filters, fmt="csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="seuranta.csv"'
    csv.writer(response, delimiter=";").writerows(csv_rows(board.tables))
    return response
