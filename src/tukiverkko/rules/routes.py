"""Routing decisions as ordered decision lists: the first step whose condition is met decides.

A step whose condition is *unknown* stops the walk with an unknown outcome (``None``): we cannot
say whether an earlier branch applies. Both trees are data, read by :func:`walk` for one person
and compiled to ``when/then`` chains by the population interpreter.
"""

from __future__ import annotations

from dataclasses import dataclass

from tukiverkko.rules.criteria import ACCIDENT_CAUSES, BELOW_LOWEST_PENSION_AGE, UNEMPLOYED
from tukiverkko.rules.expr import (
    Const,
    Context,
    Default,
    Expr,
    F,
    If,
    Known,
    Not,
    P,
    all_of,
    any_of,
    evaluate,
)
from tukiverkko.rules.labels import gettext_noop as _


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    source: str
    condition: Expr
    outcome: str


@dataclass(frozen=True)
class DecisionList:
    id: str
    steps: tuple[Step, ...]


# RULEBOOK §2, seed [002]: who organises vocational rehabilitation. A threat of work disability
# found by a doctor is the condition of statutory vocational rehabilitation ([002]: "mikäli on
# todettu sairaus, vika tai vamma, joka todennäköisesti aiheuttaa työkyvyttömyyden uhan"), so
# without it the answer is to establish it first — except for Kela's young people's
# rehabilitation, which needs no illness ([001]).
VOCATIONAL_REHABILITATION = DecisionList(
    "vocational_rehabilitation",
    (
        Step(
            "accident_cause",
            _("Johtuuko kuntoutustarve työtapaturmasta, ammattitaudista tai liikennevahingosta?"),
            "[002]; https://www.telp.fi/ohjeet/etuudet/tyoelakekuntoutus/oikeus-tyoelakekuntoutukseen/",
            F("rehabilitation_cause").isin(*ACCIDENT_CAUSES),
            "accident_insurance",
        ),
        Step(
            "young_without_threat",
            _(
                "Nuori (enintään {vocational_rehabilitation.kela_young_age_max} v) ilman lääkärin "
                "toteamaa uhkaa – Kelan nuoren ammatillinen kuntoutus?"
            ),
            "[001]; https://www.kela.fi/nuoren-ammatillinen-kuntoutus",
            all_of(
                Not(F("work_disability_threat")),
                F("age").le(P("vocational_rehabilitation.kela_young_age_max")),
            ),
            "kela",
        ),
        Step(
            "threat_not_found",
            _(
                "Puuttuuko lääkärin toteama työkyvyttömyyden uhka (selvitetään lääkärillä, B-lausunto)?"
            ),
            "[002]; [001]",
            Not(F("work_disability_threat")),
            "establish_threat",
        ),
        Step(
            "earnings_related_conditions",
            _(
                "Työskennellyt ammatissaan noin {vocational_rehabilitation.years_in_profession_min} "
                "vuotta, ansiot 5 vuodelta vähintään "
                "{vocational_rehabilitation.earnings_threshold_eur} € eikä ole täyttänyt "
                "ikäluokkansa alinta vanhuuseläkeikää? (Vakiintumisen työelämään arvioi "
                "eläkelaitos; työn päättymisestä ei ole kiinteää aikarajaa.)"
            ),
            "[002]; TyEL 25 §; https://www.telp.fi/ohjeet/etuudet/tyoelakekuntoutus/",
            all_of(
                F("years_in_profession").ge(P("vocational_rehabilitation.years_in_profession_min")),
                F("earnings_last_5_years_eur").ge(
                    P("vocational_rehabilitation.earnings_threshold_eur")
                ),
                BELOW_LOWEST_PENSION_AGE,
            ),
            "earnings_related_pension",
        ),
        Step("otherwise", _("Muussa tapauksessa Kela"), "[002]", Const(True), "kela"),
    ),
)

# Student health care: the employment status answers it when known ("unemployed" is not a
# student), so an unemployed adult without occupational health care goes on to the
# unemployed persons' health check instead of stopping on "is the client a student?" [000].
STUDENT_HEALTH_CARE = If(
    Known(F("employment_status")),
    any_of(
        Default(F("has_student_health_care"), False),
        F("employment_status").eq("student"),
        Default(F("is_student"), False),
    ),
    any_of(F("has_student_health_care"), F("is_student")),
)

# RULEBOOK §4.2 [000] and §5: where health matters are taken.
HEALTH_CARE_ROUTE = DecisionList(
    "health_care_route",
    (
        Step(
            "occupational_health_care",
            _("Onko työterveyshuolto?"),
            "[000]",
            F("has_occupational_health_care"),
            "occupational_health_care",
        ),
        Step(
            "student_health_care",
            _("Onko opiskeluterveydenhuolto tai opiskelija?"),
            "[003]; [002]",
            STUDENT_HEALTH_CARE,
            "student_health_care",
        ),
        Step(
            "unemployed",
            _("Työtön tai lomautettu?"),
            "[000]; [001]; [002]",
            UNEMPLOYED,
            "unemployed_health_check",
        ),
        Step(
            "otherwise",
            _("Muussa tapauksessa terveysasema"),
            "[001]",
            Const(True),
            "health_centre",
        ),
    ),
)

DECISION_LISTS = (VOCATIONAL_REHABILITATION, HEALTH_CARE_ROUTE)


ANSWER = {True: "yes", False: "no", None: "unknown"}


def walk(tree: DecisionList, ctx: Context) -> tuple[str | None, list[str]]:
    """The outcome (None = unknown) and the path: ``step:yes|no|unknown`` per step taken."""
    path: list[str] = []
    for step in tree.steps:
        met = evaluate(step.condition, ctx)
        if step.id == "otherwise":
            return step.outcome, path
        path.append(f"{step.id}:{ANSWER[met]}")
        if met is None:
            return None, path
        if met:
            return step.outcome, path
    raise AssertionError(f"{tree.id} has no 'otherwise' step")  # pragma: no cover — data error


# TE/employment authority: a discretionary supplement, never the organiser (RULEBOOK §2 step 4).
# The actor changed on 1.1.2025 (§13.1); data/parameters/services.yaml dates both.
SUPPLEMENTARY = ("te-palvelut", "tyovoimaviranomainen")
