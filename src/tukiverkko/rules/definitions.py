"""The eligibility of every service type, as data: named criteria over ClientSituation fields.

Each criterion has an id, a Finnish text (``{parameter.name}`` is filled in with the value valid
on the reference date) and its source (seed key [000]–[004] or a law / URL, RULEBOOK §0). The
parts and the shared building blocks are in :mod:`tukiverkko.rules.criteria`; the rules in
:mod:`~tukiverkko.rules.health_rules` and :mod:`~tukiverkko.rules.employment_rules`. A
condition of the seeds that no field expresses is listed in docs/rules.md.
"""

from __future__ import annotations

from tukiverkko.rules.criteria import (
    ACCIDENT_CAUSES,
    NEEDS_ASSESSMENT,
    REFERRAL,
    UNEMPLOYED,
    Criterion,
    Practice,
    Requirement,
    ServiceRule,
)
from tukiverkko.rules.employment_rules import EMPLOYMENT_RULES
from tukiverkko.rules.health_rules import HEALTH_RULES

__all__ = [
    "ACCIDENT_CAUSES",
    "BY_SLUG",
    "NEEDS_ASSESSMENT",
    "PREREQUISITES_ONLY",
    "RULES",
    "UNEMPLOYED",
    "Criterion",
    "Practice",
    "Requirement",
    "ServiceRule",
]

_ALL = {rule.slug: rule for rule in (*HEALTH_RULES, *EMPLOYMENT_RULES)}
ORDER = (
    "tyottomien-terveystarkastus",
    "tyokykykoordinaattori",
    "tyokyvyn-tuen-tiimi",
    "tyokyvyn-tuen-laakari",
    "kuntoutustutkimus",
    "kuntouttava-tyotoiminta",
    "tym",
    "typ",
    "kuntakokeilu",
    "etsiva-nuorisotyo",
    "ohjaamo",
    "jalkihuolto",
    "mediapaja",
    "kela-tyokykyneuvoja",
    "ips-tyohonvalmennus",
    "vammaispalvelujen-tyohonvalmennus",
    "ryhmamuotoinen-tyollistyminen",
    "tyoterveyshuolto",
    "tyokyvyttomyyselake",
    "ammatillinen-kuntoutus",
    "paihdesairaanhoitaja",
    "psykiatrinen-sairaanhoitaja",
)
RULES: tuple[ServiceRule, ...] = tuple(_ALL[slug] for slug in ORDER)
BY_SLUG = {rule.slug: rule for rule in RULES}

# Service types whose eligibility the rules do not decide (no ServiceRule: it is the doctor's
# judgement), but whose access has a prerequisite the seeds name — read by
# rules.prerequisites like a rule's own ``requires``, and never restated elsewhere.
PREREQUISITES_ONLY: dict[str, tuple[Requirement, ...]] = {
    # [000] th/tkk and [001] Erikoissairaanhoito: "Erikoissairaanhoitoon tullaan vain lääkärin
    # lähetteellä".
    "erikoissairaanhoito": (REFERRAL,),
}
