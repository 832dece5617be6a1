"""Routing decisions as ordered decision lists: the first step whose condition is met decides.

A step whose condition is *unknown* stops the walk with an unknown outcome (``None``): we cannot
say whether an earlier branch applies. Both trees are data, read by :func:`walk` for one person
and compiled to ``when/then`` chains by the population interpreter.
"""

from __future__ import annotations

from dataclasses import dataclass

from tukiverkko.rules.definitions import ACCIDENT_CAUSES, UNEMPLOYED
from tukiverkko.rules.expr import Const, Context, Expr, F, P, all_of, any_of, evaluate


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


# RULEBOOK §2, seed [002]: who organises vocational rehabilitation.
VOCATIONAL_REHABILITATION = DecisionList(
    "vocational_rehabilitation",
    (
        Step(
            "accident_cause",
            "Johtuuko kuntoutustarve työtapaturmasta, ammattitaudista tai liikennevahingosta?",
            "[002]; https://www.telp.fi/ohjeet/etuudet/tyoelakekuntoutus/oikeus-tyoelakekuntoutukseen/",
            F("rehabilitation_cause").isin(*ACCIDENT_CAUSES),
            "accident_insurance",
        ),
        Step(
            "earnings_related_conditions",
            "Työskennellyt ammatissaan noin {vocational_rehabilitation.years_in_profession_min} "
            "vuotta, työn päättymisestä enintään "
            "{vocational_rehabilitation.years_since_work_ended_max} vuotta, ansiot 5 vuodelta "
            "vähintään {vocational_rehabilitation.earnings_threshold_eur} €, alle "
            "{vocational_rehabilitation.old_age_pension_lowest_age} v ja työkyvyttömyyden uhka?",
            "[002]; TyEL 25 §",
            all_of(
                F("years_in_profession").ge(P("vocational_rehabilitation.years_in_profession_min")),
                F("years_since_work_ended").le(
                    P("vocational_rehabilitation.years_since_work_ended_max")
                ),
                F("earnings_last_5_years_eur").ge(
                    P("vocational_rehabilitation.earnings_threshold_eur")
                ),
                F("age").lt(P("vocational_rehabilitation.old_age_pension_lowest_age")),
                F("work_disability_threat"),
            ),
            "earnings_related_pension",
        ),
        Step("otherwise", "Muussa tapauksessa Kela", "[002]", Const(True), "kela"),
    ),
)

# RULEBOOK §4.2 [000] and §5: where health matters are taken.
HEALTH_CARE_ROUTE = DecisionList(
    "health_care_route",
    (
        Step(
            "occupational_health_care",
            "Onko työterveyshuolto?",
            "[000]",
            F("has_occupational_health_care"),
            "occupational_health_care",
        ),
        Step(
            "student_health_care",
            "Onko opiskeluterveydenhuolto tai opiskelija?",
            "[003]",
            any_of(F("has_student_health_care"), F("is_student")),
            "student_health_care",
        ),
        Step(
            "unemployed",
            "Työtön tai lomautettu?",
            "[000]; [001]; [002]",
            UNEMPLOYED,
            "unemployed_health_check",
        ),
        Step("otherwise", "Muussa tapauksessa terveysasema", "[001]", Const(True), "health_centre"),
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
