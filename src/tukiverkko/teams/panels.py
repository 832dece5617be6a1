"""The team section of the client page (cases.panels, decision 0109)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.panels import Panel
from tukiverkko.consent.models import Purpose
from tukiverkko.teams import selectors


def _context(viewer: Professional, case: Case, purpose: Purpose) -> Mapping[str, Any] | None:
    return {"case": case, "view": selectors.case_team(case), "open": case.phase != Phase.CLOSED}


TEAM = Panel(
    name="team",
    title=_("Työkyvyn tuen tiimi ja neuvonpidot"),
    template="teams/_case_panel.html",
    context=_context,
    order=35,
)
