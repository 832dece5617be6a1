"""The referrals panel of the case page (cases.panels, decision 0109)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.panels import Panel
from tukiverkko.consent.models import Purpose
from tukiverkko.referrals import selectors


def _context(viewer: Professional, case: Case, purpose: Purpose) -> Mapping[str, Any] | None:
    return {
        "case": case,
        "rows": selectors.case_referrals(case),
        "handoffs": selectors.handoff_count(case),
        "may_refer": case.phase != Phase.CLOSED,
    }


REFERRALS = Panel(
    name="referrals",
    title=_("Lähetteet ja konsultaatiot"),
    template="referrals/_case_panel.html",
    context=_context,
    order=20,
)
