"""The eligibility of every service type, as data: named criteria over ClientSituation fields.

Each criterion has an id, a Finnish text (``{parameter.name}`` is filled in with the value valid
on the reference date) and its source (seed key [000]–[004] or a law / URL, RULEBOOK §0). A
service is *eligible* when every criterion is met, *not eligible* when one is not met, otherwise
*unknown*. Access prerequisites (a referral, a decision, consent) are not eligibility: they are
listed under ``requires`` until they are in place.

Where the RULEBOOK gives a condition that no ClientSituation field expresses, it is not encoded
here; docs/rules.md lists each such condition.
"""

from __future__ import annotations

from dataclasses import dataclass

from tukiverkko.rules.expr import (
    Const,
    Contains,
    Default,
    Expr,
    F,
    Known,
    NonEmpty,
    Not,
    P,
    all_of,
    any_of,
)
from tukiverkko.screening.was import NEEDS_ASSESSMENT_MAX


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    source: str
    expr: Expr


@dataclass(frozen=True)
class Requirement:
    """An access prerequisite; ``field`` True means it is already in place."""

    id: str
    text: str
    field: str | None = None


@dataclass(frozen=True)
class ServiceRule:
    slug: str
    name: str
    criteria: tuple[Criterion, ...]
    requires: tuple[Requirement, ...] = ()


# Named building blocks, shared by several rules (each written once).
UNEMPLOYED = F("employment_status").isin("unemployed", "laid_off")
NO_OCCUPATIONAL_HC = Not(F("has_occupational_health_care"))
NO_STUDENT_HC = Not(F("has_student_health_care"))
NOT_IN_MULTISECTORAL = Not(F("in_multisectoral_service"))
# The <= 7 cut is the screening app's (tukiverkko.screening.was, RULEBOOK §4.1); the rules read
# the same constant so that it exists once. RULEBOOK §4.4 and the contract: true when score <= 7 or any trigger; a known side
# decides alone (score 9 with triggers unasked = false); null only when neither is known.
UNKNOWN = Const(None)
# "Y or (neither known and unknown)": when score or triggers is known this is just Y (the known
# side decides, the other counts as absent); when neither is, Y is false and the result unknown.
NEEDS_ASSESSMENT = any_of(
    Default(F("work_ability_score").le(NEEDS_ASSESSMENT_MAX), False),
    Default(NonEmpty(F("triggers")), False),
    all_of(Not(any_of(Known(F("work_ability_score")), Known(F("triggers")))), UNKNOWN),
)
ACCIDENT_CAUSES = ("work_accident", "occupational_disease", "traffic_accident")
UNEMPLOYMENT_BENEFITS = ("earnings_related", "basic", "labour_market_subsidy")

REFERRAL = Requirement("doctor_referral", "Lääkärin lähete", "doctor_referral")
SOCIAL_CARE_DECISION = Requirement(
    "social_care_decision", "Sosiaalihuollon päätös", "social_care_decision"
)
CONSENT = Requirement("consent", "Asiakkaan kirjallinen suostumus tietojen vaihtoon")
NURSE_OR_COORDINATOR = Requirement(
    "nurse_or_coordinator_assessment",
    "Terveydenhoitajan tai työkykykoordinaattorin kartoitus ennen lääkäriä",
    "nurse_or_coordinator_assessment_done",
)


def c(id: str, text: str, source: str, expr: Expr) -> Criterion:
    return Criterion(id, text, source, expr)


C_UNEMPLOYED = c("unemployed", "Työtön tai lomautettu", "[001]", UNEMPLOYED)
C_NO_OHC = c("no_occupational_hc", "Ei työterveyshuoltoa", "[003]", NO_OCCUPATIONAL_HC)
C_NO_SHC = c("no_student_hc", "Ei opiskeluterveydenhuoltoa", "[003]", NO_STUDENT_HC)
C_CHALLENGE = c(
    "work_ability_challenge",
    "Työ- tai toimintakyvyn haaste: työkykypistemäärä enintään "
    f"{NEEDS_ASSESSMENT_MAX} tai jokin heräte",
    "[001]",
    NEEDS_ASSESSMENT,
)

RULES: tuple[ServiceRule, ...] = (
    ServiceRule(
        "tyottomien-terveystarkastus",
        "Työttömien terveystarkastus",
        (C_UNEMPLOYED, C_NO_OHC, C_NO_SHC),
    ),
    ServiceRule(
        "tyokykykoordinaattori",
        "Työkykykoordinaattori",
        (
            c(
                "work_ability_challenge",
                C_CHALLENGE.text + ", joka vaikeuttaa työllistymistä",
                "[003]",
                NEEDS_ASSESSMENT,
            ),
            C_NO_OHC,
            C_NO_SHC,
            c("not_tym_client", "Ei ole TYP/TYM-asiakas", "[003]", NOT_IN_MULTISECTORAL),
        ),
    ),
    ServiceRule(
        "tyokyvyn-tuen-tiimi",
        "Työkyvyn tuen tiimi",
        (
            c(
                "multiprofessional_need",
                "Tarvitsee samanaikaisesti usean ammattilaisen tukea",
                "[003]",
                F("needs_multiprofessional_support"),
            ),
            C_NO_OHC,
            C_NO_SHC,
            c("not_tym_client", "Tukea ei saada TYP/TYM:n kautta", "[003]", NOT_IN_MULTISECTORAL),
        ),
        (CONSENT,),
    ),
    ServiceRule(
        "tyokyvyn-tuen-laakari",
        "Työkyvyn tuen lääkäri",
        (
            c("work_ability_challenge", C_CHALLENGE.text, "[000] §4.2; [001]", NEEDS_ASSESSMENT),
            c(
                "no_occupational_hc",
                "Ei työterveyshuoltoa (muuten sinne)",
                "[000]",
                NO_OCCUPATIONAL_HC,
            ),
        ),
        (NURSE_OR_COORDINATOR,),
    ),
    ServiceRule(
        "kuntoutustutkimus",
        "Kuntoutustutkimus (erikoissairaanhoito)",
        (
            c(
                "work_disability_threat",
                "Lääkäri on todennut työkyvyttömyyden uhan",
                "[000]; [001]",
                F("work_disability_threat"),
            ),
        ),
        (REFERRAL,),
    ),
    ServiceRule(
        "kuntouttava-tyotoiminta",
        "Kuntouttava työtoiminta",
        (
            C_UNEMPLOYED,
            c(
                "lms_or_social_assistance",
                "Oikeus työmarkkinatukeen tai saa toimeentulotukea",
                "[001]; laki 189/2001",
                any_of(
                    F("unemployment_benefit").eq("labour_market_subsidy"),
                    F("receives_social_assistance"),
                ),
            ),
            c(
                "capacity_limits",
                "Ei pysty työ- ja toimintakyvyn vuoksi osallistumaan julkisiin "
                "työvoimapalveluihin tai työhön (työkykypistemäärä enintään "
                f"{NEEDS_ASSESSMENT_MAX} tai heräte)",
                "[001]",
                NEEDS_ASSESSMENT,
            ),
        ),
        (SOCIAL_CARE_DECISION,),
    ),
    ServiceRule(
        "tym",
        "Työllistymistä edistävä monialainen yhteispalvelu (TYM)",
        (
            C_UNEMPLOYED,
            c(
                "unemployment_benefit",
                "Saa työttömyysetuutta",
                "laki 381/2023 (StVM 27/2025)",
                F("unemployment_benefit").isin(*UNEMPLOYMENT_BENEFITS),
            ),
            c("work_ability_challenge", C_CHALLENGE.text, "laki 381/2023", NEEDS_ASSESSMENT),
            c(
                "multiprofessional_need",
                "Ei ratkea pelkällä viranomaisten yhteistyöllä: tarvitsee usean "
                "ammattilaisen samanaikaista tukea",
                "laki 381/2023 (StVM 27/2025)",
                F("needs_multiprofessional_support"),
            ),
        ),
        (CONSENT,),
    ),
    ServiceRule(
        "typ",
        "Työllistymistä edistävä monialainen yhteispalvelu (TYP)",
        (
            C_UNEMPLOYED,
            c("work_ability_challenge", C_CHALLENGE.text, "[001]", NEEDS_ASSESSMENT),
            c(
                "prospect_2_years",
                "Työllistymisen tai opiskelun näkymä noin kahden vuoden sisällä",
                "[001]",
                F("employment_prospect_within_2_years"),
            ),
            c(
                "duration",
                "Työmarkkinatukea vähintään {typ.labour_market_subsidy_days_min} päivää, tai "
                "{typ.young_age_limit} vuotta täyttänyt ja työtön yhtäjaksoisesti "
                "{typ.unemployment_months_min_adult} kk, tai alle {typ.young_age_limit}-vuotias "
                "ja työtön {typ.unemployment_months_min_young} kk",
                "[001]; laki 1369/2014",
                any_of(
                    F("labour_market_subsidy_days").ge(P("typ.labour_market_subsidy_days_min")),
                    all_of(
                        F("age").ge(P("typ.young_age_limit")),
                        F("unemployment_months_continuous").ge(
                            P("typ.unemployment_months_min_adult")
                        ),
                    ),
                    all_of(
                        F("age").lt(P("typ.young_age_limit")),
                        F("unemployment_months_continuous").ge(
                            P("typ.unemployment_months_min_young")
                        ),
                    ),
                ),
            ),
        ),
    ),
    ServiceRule(
        "kuntakokeilu",
        "Työllisyyden kuntakokeilu",
        (
            c("jobseeker", "Työtön tai lomautettu työnhakija", "[001]", UNEMPLOYED),
            c(
                "target_group",
                "Ei ansiosidonnaista: saa työmarkkinatukea tai peruspäivärahaa, TAI äidinkieli "
                "muu kuin suomi, ruotsi tai saame, TAI ei Suomen kansalainen, TAI alle "
                "{kuntakokeilu.young_age_max_exclusive}-vuotias",
                "[001]; laki 1269/2020",
                any_of(
                    F("unemployment_benefit").isin("labour_market_subsidy", "basic"),
                    Not(F("mother_tongue").isin("fi", "sv", "se")),
                    Not(F("finnish_citizen")),
                    F("age").lt(P("kuntakokeilu.young_age_max_exclusive")),
                ),
            ),
        ),
    ),
    ServiceRule(
        "etsiva-nuorisotyo",
        "Etsivä nuorisotyö",
        (
            c(
                "age",
                "Ikä {youth.etsiva_nuorisotyo_age_min}–alle "
                "{youth.etsiva_nuorisotyo_age_max_exclusive} vuotta",
                "[000]; nuorisolaki 1285/2016",
                all_of(
                    F("age").ge(P("youth.etsiva_nuorisotyo_age_min")),
                    F("age").lt(P("youth.etsiva_nuorisotyo_age_max_exclusive")),
                ),
            ),
        ),
    ),
    ServiceRule(
        "ohjaamo",
        "Ohjaamo",
        (
            c(
                "age",
                "Ikä {youth.ohjaamo_age_min}–{youth.ohjaamo_age_max} vuotta",
                "[001]",
                all_of(
                    F("age").ge(P("youth.ohjaamo_age_min")),
                    F("age").le(P("youth.ohjaamo_age_max")),
                ),
            ),
        ),
    ),
    ServiceRule(
        "jalkihuolto",
        "Lastensuojelun jälkihuolto",
        (
            c(
                "aftercare_entitled",
                "Ollut lastensuojelun asiakas, jolla oikeus jälkihuoltoon",
                "[000]",
                F("child_protection_aftercare"),
            ),
            c(
                "age",
                "Alle {youth.jalkihuolto_age_max_exclusive}-vuotias",
                "[000]; HE 56/2023",
                F("age").lt(P("youth.jalkihuolto_age_max_exclusive")),
            ),
        ),
    ),
    ServiceRule(
        "mediapaja",
        "Mediapaja",
        (
            c(
                "age",
                "Alle {youth.mediapaja_age_max_exclusive}-vuotias",
                "[000]",
                F("age").lt(P("youth.mediapaja_age_max_exclusive")),
            ),
        ),
    ),
    ServiceRule(
        "kela-tyokykyneuvoja",
        "Kelan työkykyneuvoja",
        (c("work_ability_challenge", C_CHALLENGE.text, "[000]; [001]", NEEDS_ASSESSMENT),),
        (NURSE_OR_COORDINATOR, CONSENT),
    ),
    ServiceRule(
        "ips-tyohonvalmennus",
        "IPS-työhönvalmennus",
        (
            c(
                "aims_at_labour_market",
                "Työtön, lomautettu tai kuntoutuja, tavoitteena avoimet työmarkkinat",
                "[003]",
                F("employment_status").isin("unemployed", "laid_off", "rehabilitation"),
            ),
        ),
        (SOCIAL_CARE_DECISION,),
    ),
    ServiceRule(
        "vammaispalvelujen-tyohonvalmennus",
        "Vammaispalvelujen työhönvalmennus",
        (
            c(
                "disability",
                "Vammaispalvelujen asiakas tai oikeutettu niihin",
                "[001]; [003]",
                F("disability"),
            ),
        ),
        (SOCIAL_CARE_DECISION,),
    ),
    ServiceRule(
        "ryhmamuotoinen-tyollistyminen",
        "Ryhmämuotoinen työllistyminen",
        (
            c(
                "disability_day_activity",
                "Vammaispalvelujen päivä- tai työtoiminnan asiakas",
                "[001]",
                F("in_disability_day_activity"),
            ),
        ),
    ),
    ServiceRule(
        "tyoterveyshuolto",
        "Työterveyshuolto",
        (
            c(
                "occupational_hc",
                "Työterveyshuolto käytössä tai työsuhteessa (työnantaja järjestää)",
                "[000] §4.2; työterveyshuoltolaki 1383/2001",
                any_of(
                    F("has_occupational_health_care"),
                    F("employment_status").eq("employed"),
                ),
            ),
        ),
    ),
    ServiceRule(
        "tyokyvyttomyyselake",
        "Työkyvyttömyyseläke",
        (
            c(
                "capacity_reduced",
                "Työkyky alentunut vähintään {disability_pension.capacity_reduction_partial_min} % "
                "(täysi eläke vähintään {disability_pension.capacity_reduction_full_min} %)",
                "[002]",
                F("work_capacity_reduction_percent").ge(
                    P("disability_pension.capacity_reduction_partial_min")
                ),
            ),
            c(
                "duration",
                "Työkyky alentunut yhtäjaksoisesti vähintään "
                "{disability_pension.reduced_months_min} kk",
                "[002]",
                F("work_capacity_reduced_months").ge(P("disability_pension.reduced_months_min")),
            ),
            c(
                "age",
                "Ikä {disability_pension.age_min}–alle "
                "{vocational_rehabilitation.old_age_pension_lowest_age} vuotta",
                "https://etk-staging.valudata.fi/suomen-elakejarjestelma/elaketurva/"
                "tyoelake-etuudet/tyokyvyttomyyselake/",
                all_of(
                    F("age").ge(P("disability_pension.age_min")),
                    F("age").lt(P("vocational_rehabilitation.old_age_pension_lowest_age")),
                ),
            ),
        ),
        (
            Requirement(
                "vocational_rehabilitation_checked",
                "Ammatillisen kuntoutuksen mahdollisuus selvitetään ensin",
            ),
        ),
    ),
    ServiceRule(
        "ammatillinen-kuntoutus",
        "Ammatillinen kuntoutus",
        (
            c(
                "threat_or_young",
                "Työkyvyttömyyden uhka lähivuosina, TAI nuori (enintään "
                "{vocational_rehabilitation.kela_young_age_max} v, Kelan nuoren ammatillinen "
                "kuntoutus ilman sairautta)",
                "[002]; [001]",
                any_of(
                    F("work_disability_threat"),
                    F("age").le(P("vocational_rehabilitation.kela_young_age_max")),
                ),
            ),
            c(
                "below_pension_age",
                "Alle {vocational_rehabilitation.old_age_pension_lowest_age} vuotta "
                "(alin vanhuuseläkeikä)",
                "[002]",
                F("age").lt(P("vocational_rehabilitation.old_age_pension_lowest_age")),
            ),
        ),
    ),
    ServiceRule(
        "paihdesairaanhoitaja",
        "Päihdesairaanhoitaja",
        (
            # [001]: no referral, no age limit: the service is for anyone with a substance-use
            # concern. Only a positive fact decides (the trigger list is not a diagnosis).
            c(
                "substance_use_concern",
                "Huoli päihteiden käytöstä (heräte: riippuvuus)",
                "[001]",
                any_of(Contains(F("triggers"), "addiction"), UNKNOWN),
            ),
        ),
    ),
    # [001]: access only by a doctor's referral; the RULEBOOK names no other condition.
    ServiceRule("psykiatrinen-sairaanhoitaja", "Psykiatrinen sairaanhoitaja", (), (REFERRAL,)),
)

BY_SLUG = {rule.slug: rule for rule in RULES}
