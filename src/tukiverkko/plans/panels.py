"""The plan's section on the client page (decision 0109): its state, its goals and actions as
the viewer may see them, and the link to the plan page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.cases.models import Case
from tukiverkko.cases.panels import Panel
from tukiverkko.consent.models import Purpose
from tukiverkko.plans.selectors import plan_view


def plan_context(viewer: Professional, case: Case, purpose: Purpose) -> Mapping[str, Any] | None:
    return {"case": case, "view": plan_view(viewer, case, purpose=purpose, what="plan_panel")}


PLAN = Panel(
    name="plan",
    title=_("Työkyvyn tuen suunnitelma"),
    template="plans/_panel.html",
    context=plan_context,
    order=10,
)
