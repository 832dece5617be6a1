"""The IPS section of the client page (cases.panels, decision 0109) and the IPS-25 band on the
service's catalogue page (catalogue.sections, decision 0302)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.panels import Panel
from tukiverkko.catalogue.models import Service
from tukiverkko.catalogue.sections import ServiceSection
from tukiverkko.consent.models import Purpose
from tukiverkko.ips import selectors
from tukiverkko.ips.models import IPS_SERVICE_TYPE


def _context(viewer: Professional, case: Case, purpose: Purpose) -> Mapping[str, Any] | None:
    periods = selectors.periods_of(case)
    return {
        "case": case,
        "periods": periods,
        "open": next((p for p in periods if p.is_open), None),
        "may_start": case.phase != Phase.CLOSED,
    }


IPS = Panel(
    name="ips",
    title=_("IPS-työhönvalmennus"),
    template="ips/_case_panel.html",
    context=_context,
    order=40,
)


def _fidelity(service: Service, user: Any) -> Mapping[str, Any] | None:
    if service.service_type.slug != IPS_SERVICE_TYPE:
        return None
    return {"service": service, "latest": selectors.latest_review(service)}


FIDELITY = ServiceSection(
    name="ips-fidelity",
    title=_("IPS-25-laatuarviointi"),
    template="ips/_service_fidelity.html",
    context=_fidelity,
    order=10,
)
