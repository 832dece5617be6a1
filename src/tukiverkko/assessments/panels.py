"""The assessments section of the client page (cases.panels, decision 0109), and the words the
pages use for the coordinator suggestion."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from tukiverkko.accounts.actors import Professional
from tukiverkko.accounts.roles import Capability, has, works_with_clients
from tukiverkko.assessments.models import DoctorOutcome
from tukiverkko.assessments.selectors import case_assessments
from tukiverkko.cases.models import Case, Phase
from tukiverkko.cases.panels import Panel
from tukiverkko.consent.models import Purpose
from tukiverkko.screening.instruments import INSTRUMENTS

COORDINATORS = {
    "tym_process": _("TYM-prosessi (työllistymistä edistävä monialainen yhteispalvelu)"),
    "work_ability_coordinator": _("työkykykoordinaattori"),
    "social_services": _("sosiaalipalvelut"),
    "disability_services": _("vammaispalvelut"),
    "mental_health_substance_services": _("mielenterveys- ja päihdepalvelut"),
    "ngo": _("järjestötoimija"),
    "responsible_worker": _("vastuutyöntekijä"),
}
RULES = {
    "tym": _("TYM-asiakas saa tuen TYM-prosessin kautta."),
    "special_need": _("Asiakkaan erityistarpeet voivat määrittää, mikä taho koordinoi."),
    "health_complex": _(
        "Työkykykoordinaattori koordinoi palvelupolkua, kun terveydenhuollon palveluita "
        "tarvitsevan asiakkaan tilanne vaatii vahvaa työkyvyn tuen palvelukokonaisuuden "
        "tuntemista."
    ),
    "default": _(
        "Ei TYM-asiakkuutta, erityistarvetta eikä vaativaa terveydenhuollon tilannetta: "
        "vastuutyöntekijä koordinoi."
    ),
}


def _context(viewer: Professional, case: Case, purpose: Purpose) -> Mapping[str, Any] | None:
    if not works_with_clients(viewer):
        return None
    view = case_assessments(viewer, case, purpose=purpose)
    is_open = case.phase != Phase.CLOSED
    return {
        "view": view,
        "case": case,
        "instruments": [(i.id, i.name) for i in INSTRUMENTS.values()],
        "outcome_labels": DoctorOutcome.choices,
        "may_record": is_open,
        "may_open_check": is_open
        and has(viewer, Capability.NURSE_HEALTH_CHECK)
        and view.open_check is None,
        "may_assess_needs": is_open and has(viewer, Capability.SERVICE_NEEDS_ASSESSMENT),
    }


ASSESSMENTS = Panel(
    name="assessments",
    title=_("Arviot ja terveystarkastus"),
    template="assessments/_panel.html",
    context=_context,
    order=30,
)
