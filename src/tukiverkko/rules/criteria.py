"""The parts eligibility rules are made of: criteria, requirements, practices, and the named
building blocks several rules share (each written once).

A service is *eligible* when every criterion is met, *not eligible* when one is not met,
otherwise *unknown*. A criterion says what the seed or the law says, with its source; where no
ClientSituation field expresses a condition, the criterion reads a field added for it, so that
a missing fact leaves the answer unknown with the question to ask — never "täyttyy" by proxy
(docs/decisions/0121).

A rule may follow a region's or a municipality's own **practice** (seed [000] Heinola, [001]
Päijät-Sote, [003] Varha; scopes in ``data/parameters/scopes.yaml``). The practices are listed
most specific first; a municipality in none of them gets the rule's national criteria. Both
interpreters read the choice from one expression (:meth:`ServiceRule.met`): an ``If`` per
practice, so that with the municipality unknown the answer is known only where every practice
agrees.

Texts are Finnish and marked for translation (``gettext_noop``): the page shows them in sv and
en; ``{parameter.name}`` is filled in with the value valid on the reference date.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from tukiverkko.rules.expr import (
    Const,
    Contains,
    Default,
    Expr,
    F,
    If,
    InScope,
    Known,
    NonEmpty,
    Not,
    P,
    all_of,
    any_of,
)
from tukiverkko.rules.labels import gettext_noop as _
from tukiverkko.screening.was import NEEDS_ASSESSMENT_MAX

TRUE = Const(True)
#: Only a positive fact decides: "X or unknown" is true when X is, otherwise unknown.
UNKNOWN = Const(None)


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    source: str
    expr: Expr
    #: Applies only where this holds (a dated change of the law); elsewhere it is left out.
    when: Expr | None = None

    @property
    def value(self) -> Expr:
        """The criterion's part of the rule: met where it does not apply."""
        return self.expr if self.when is None else If(self.when, self.expr, TRUE)


@dataclass(frozen=True)
class Requirement:
    """An access prerequisite (a referral, a decision, consent, a plan): not eligibility.
    ``done`` true means it is already in place; without ``done`` it is always to arrange."""

    id: str
    text: str
    done: Expr | None = None


@dataclass(frozen=True)
class Practice:
    """A region's or a municipality's own criteria and prerequisites for a service type."""

    scope: str
    criteria: tuple[Criterion, ...]
    requires: tuple[Requirement, ...] = ()


@dataclass(frozen=True)
class ServiceRule:
    slug: str
    name: str
    criteria: tuple[Criterion, ...]
    requires: tuple[Requirement, ...] = ()
    practices: tuple[Practice, ...] = ()

    @cached_property
    def met(self) -> Expr:
        """All criteria of the practice that applies (the national ones outside every scope)."""
        tree: Expr = conjunction(self.criteria)
        for practice in reversed(self.practices):
            tree = If(InScope(practice.scope), conjunction(practice.criteria), tree)
        return tree

    def all_requirements(self) -> tuple[Requirement, ...]:
        return self.requires + tuple(r for p in self.practices for r in p.requires)


def conjunction(criteria: tuple[Criterion, ...]) -> Expr:
    return all_of(*(c.value for c in criteria)) if criteria else TRUE


def c(id: str, text: str, source: str, expr: Expr, when: Expr | None = None) -> Criterion:
    return Criterion(id, text, source, expr, when)


# --- Facts shared by several rules ---------------------------------------------------------
UNEMPLOYED = F("employment_status").isin("unemployed", "laid_off")
NO_OCCUPATIONAL_HC = Not(F("has_occupational_health_care"))
NO_STUDENT_HC = Not(F("has_student_health_care"))
ACCIDENT_CAUSES = ("work_accident", "occupational_disease", "traffic_accident")
UNEMPLOYMENT_BENEFITS = ("earnings_related", "basic", "labour_market_subsidy")
RECEIVES_UNEMPLOYMENT_BENEFIT = F("unemployment_benefit").isin(*UNEMPLOYMENT_BENEFITS)

# The screening prompt of RULEBOOK §4.4: score <= 7 (tukiverkko.screening.was, one constant) or
# any trigger. A known side decides alone (score 9, triggers unasked = false); unknown only
# when neither is known. It says "look closer", never that a criterion is met.
NEEDS_ASSESSMENT = any_of(
    Default(F("work_ability_score").le(NEEDS_ASSESSMENT_MAX), False),
    Default(NonEmpty(F("triggers")), False),
    all_of(Not(any_of(Known(F("work_ability_score")), Known(F("triggers")))), UNKNOWN),
)

# Työkykymittari step 2 [000]: a need found (sick leave, rehabilitation, further
# investigation). Asked and none = false; not asked = unknown where the prompt says "look
# closer", false where it does not (score 8 or more, no triggers: "ei tarvetta selvittelyille").
NEED_FOUND = any_of(
    Default(NonEmpty(F("work_ability_needs")), False),
    all_of(Not(Known(F("work_ability_needs"))), NEEDS_ASSESSMENT, UNKNOWN),
)

# A work or functional-capacity limitation: a need found on the Työkykymittari, or limitations
# already known (a doctor's work restrictions). The score alone never makes it true.
LIMITATION = any_of(
    Default(NonEmpty(F("work_ability_needs")), False),
    Default(F("known_work_limitations"), False),
    all_of(
        Not(all_of(Known(F("work_ability_needs")), Known(F("known_work_limitations")))),
        NEEDS_ASSESSMENT,
        UNKNOWN,
    ),
)

LIFE_MANAGEMENT = NonEmpty(F("life_management_barriers"))

# A student: the employment status answers it when known, else the student field.
IS_STUDENT = If(
    Known(F("employment_status")),
    any_of(F("employment_status").eq("student"), Default(F("is_student"), False)),
    F("is_student"),
)


def client_of(*units: str) -> Expr:
    return any_of(*(Contains(F("client_of"), unit) for unit in units))


# Below the lowest old-age pension age of the birth cohort (RULEBOOK §2, §3; telp.fi). Exact
# by the birth date; by age alone, under 63 is below every cohort's age and 65 or more is at or
# above it for everybody born by 1964; between the two it depends on the cohort (unknown).
BELOW_LOWEST_PENSION_AGE = If(
    Known(F("age_exact")),
    F("age_exact").lt(P("old_age_pension.lowest_age", at="birth_date")),
    any_of(
        F("age").lt(P("old_age_pension.lowest_age_min")),
        If(
            all_of(
                F("age").ge(P("old_age_pension.lowest_age_max_known")),
                F("birth_year_latest").le(P("old_age_pension.last_cohort_known")),
            ),
            Const(False),
            UNKNOWN,
        ),
    ),
)

# --- Criteria several rules share ------------------------------------------------------------
C_UNEMPLOYED = c("unemployed", _("Työtön tai lomautettu"), "[001]", UNEMPLOYED)
C_NO_OHC = c("no_occupational_hc", _("Ei työterveyshuoltoa"), "[000]; [003]", NO_OCCUPATIONAL_HC)
C_NO_SHC = c("no_student_hc", _("Ei opiskeluterveydenhuoltoa"), "[003]", NO_STUDENT_HC)
C_LIMITATION = c(
    "work_ability_limitation",
    _(
        "Työ- tai toimintakyvyn haaste todettu (Työkykymittari: tarve sairauslomalle, "
        "kuntoutukselle tai tarkemmille selvittelyille, tai tiedossa olevat työrajoitteet)"
    ),
    "[000] Työkykymittari",
    LIMITATION,
)
C_MULTIPROFESSIONAL = c(
    "multiprofessional_need",
    _("Tarvitsee samanaikaisesti usean ammattilaisen tukea"),
    "[003]",
    F("needs_multiprofessional_support"),
)
C_BARRIER = c(
    "capacity_or_life_management",
    _(
        "Työllistymistä vaikeuttavat työ- ja toimintakyvyn rajoitteet tai elämänhallinnan "
        "ongelmat (esim. asuminen, velat, päihteet)"
    ),
    "[001]; laki 381/2023 (StVM 27/2025)",
    any_of(LIMITATION, LIFE_MANAGEMENT),
)

# The TYM criteria (laki 381/2023): the rule itself, and Varha's team reads them ("cannot get it
# through TYM").
TYM_CRITERIA = (
    C_UNEMPLOYED,
    c(
        "unemployment_benefit",
        _("Saa työttömyysetuutta"),
        "laki 381/2023 kuvattuna StVM 27/2025 ja TyVL 9/2025 (lain teksti ei lähteissä)",
        RECEIVES_UNEMPLOYMENT_BENEFIT,
    ),
    C_BARRIER,
    c(
        "multiprofessional_need",
        _(
            "Esteet eivät ratkea pelkällä viranomaisten välisellä konsultaatiolla: tarvitsee "
            "usean ammattilaisen samanaikaista tukea"
        ),
        "laki 381/2023 (StVM 27/2025)",
        F("needs_multiprofessional_support"),
    ),
)


# --- Requirements ----------------------------------------------------------------------------
REFERRAL = Requirement("doctor_referral", _("Lääkärin lähete"), F("doctor_referral"))
SOCIAL_CARE_DECISION = Requirement(
    "social_care_decision", _("Sosiaalihuollon päätös"), F("social_care_decision")
)
CONSENT = Requirement("consent", _("Asiakkaan kirjallinen suostumus tietojen vaihtoon"))
NURSE_OR_COORDINATOR = Requirement(
    "nurse_or_coordinator_assessment",
    _(
        "Terveydenhoitajan tai työkykykoordinaattorin kartoitus (hoitajan koonti) ennen "
        "lääkäriä; tarvittaessa myös fysio- ja toimintaterapeutin ja MiePä-tiimin arvio"
    ),
    F("nurse_or_coordinator_assessment_done"),
)
PLAN = Requirement(
    "activation_or_multisectoral_plan",
    _("Aktivointisuunnitelma tai monialainen työllistymissuunnitelma"),
    any_of(F("activation_plan_in_place"), F("multisectoral_plan_in_place")),
)
