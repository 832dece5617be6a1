"""The prerequisites of reaching a service type (a doctor's referral, a social-care decision, the
nurse's or coordinator's assessment before the doctor) that a given situation has not met —
read from the rules' own ``Requirement``s with their regional practice, never restated.

The referrals app asks it before a referral is sent (referrals.actions.send_referral); the
eligibility answer (engine.evaluate_service) lists the same requirements as "requires".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from tukiverkko.rules.definitions import BY_SLUG, PREREQUISITES_ONLY, Requirement
from tukiverkko.rules.engine import practice_of
from tukiverkko.rules.expr import Context, evaluate
from tukiverkko.rules.parameters import Parameters, default


def unmet_prerequisites(
    service_type: str,
    facts: Mapping[str, Any],
    *,
    reference_date: dt.date,
    parameters: Parameters | None = None,
) -> tuple[Requirement, ...]:
    """The requirements of ``service_type`` that are facts (``done``) not known to hold for
    ``facts`` on ``reference_date``. The practice of the client's municipality applies; with the
    municipality unknown, every practice's requirements do (none may be skipped by not knowing
    where the client lives). A requirement without ``done`` (consent, a client's own call) is
    not a fact to check here: consent is the consent app's question. A service type without an
    eligibility rule may still have prerequisites (``definitions.PREREQUISITES_ONLY``)."""
    rule = BY_SLUG.get(service_type)
    ctx = Context(facts, reference_date, parameters or default())
    requires: tuple[Requirement, ...]
    if rule is None:
        requires = PREREQUISITES_ONLY.get(service_type, ())
    else:
        practice, determined = practice_of(rule, ctx)
        if not determined:
            requires = rule.all_requirements()
        elif practice is not None:
            requires = practice.requires
        else:
            requires = rule.requires
    unmet = (r for r in requires if r.done is not None and evaluate(r.done, ctx) is not True)
    return tuple(dict.fromkeys(unmet))
