"""Every criterion of every service type and practice: met, not met, and unknown when its facts
are missing."""

from __future__ import annotations

import pytest

from tukiverkko.rules.definitions import RULES
from tukiverkko.rules.expr import Context, evaluate
from tukiverkko.rules.parameters import default
from tukiverkko.rules.situation import validate

NO_NEED = {"work_ability_needs": [], "known_work_limitations": False}
NEED = {"work_ability_needs": ["rehabilitation"]}

# (service type, practice scope or "national", criterion id): (facts that meet it, facts that
# do not). None: no such facts (a criterion only a positive fact decides, or a constant).
TABLE: dict[tuple[str, str, str], tuple[dict | None, dict | None]] = {
    **{
        ("tyottomien-terveystarkastus", scope, "unemployed"): (
            {"employment_status": "laid_off"},
            {"employment_status": "student"},
        )
        for scope in ("national", "paijat-hame")
    },
    **{
        (slug, scope, "no_occupational_hc"): (
            {"has_occupational_health_care": False},
            {"has_occupational_health_care": True},
        )
        for slug, scope in [
            ("tyottomien-terveystarkastus", "national"),
            ("tyottomien-terveystarkastus", "paijat-hame"),
            ("tyokykykoordinaattori", "national"),
            ("tyokykykoordinaattori", "varsinais-suomi"),
            ("tyokyvyn-tuen-tiimi", "national"),
            ("tyokyvyn-tuen-tiimi", "varsinais-suomi"),
            ("tyokyvyn-tuen-laakari", "national"),
            ("tyokyvyn-tuen-laakari", "heinola"),
        ]
    },
    **{
        (slug, scope, "no_student_hc"): (
            {"has_student_health_care": False},
            {"has_student_health_care": True},
        )
        for slug, scope in [
            ("tyottomien-terveystarkastus", "national"),
            ("tyottomien-terveystarkastus", "paijat-hame"),
            ("tyokykykoordinaattori", "varsinais-suomi"),
            ("tyokyvyn-tuen-tiimi", "national"),
            ("tyokyvyn-tuen-tiimi", "varsinais-suomi"),
        ]
    },
    # A low score alone never meets a limitation: a need must be found or limitations known.
    **{
        (slug, scope, "work_ability_limitation"): (NEED, {**NO_NEED, "work_ability_score": 3})
        for slug, scope in [
            ("tyokykykoordinaattori", "national"),
            ("tyokykykoordinaattori", "varsinais-suomi"),
            ("kela-tyokykyneuvoja", "national"),
        ]
    },
    ("tyokykykoordinaattori", "heinola", "heinola_target"): (
        {"is_student": True, "study_difficulties": True},
        {"study_difficulties": False, "employment_status": "employed"},
    ),
    ("tyokykykoordinaattori", "paijat-hame", "unemployed"): (
        {"employment_status": "unemployed"},
        {"employment_status": "employed"},
    ),
    ("tyokykykoordinaattori", "paijat-hame", "experience_or_unclear"): (
        {"employment_barrier_causes_unclear": True},
        {**NO_NEED, "triggers": [], "employment_barrier_causes_unclear": False},
    ),
    ("tyokykykoordinaattori", "paijat-hame", "single_services_not_helped"): (
        {"single_services_not_helped": True},
        {"single_services_not_helped": False},
    ),
    ("tyokykykoordinaattori", "varsinais-suomi", "needs_coordination"): (
        {"needs_service_coordination": True},
        {"needs_service_coordination": False},
    ),
    # Varha lets the coordinator take a health-heavy TYM client: a TYM client stays unknown.
    ("tyokykykoordinaattori", "varsinais-suomi", "not_tym_client"): (
        {"in_multisectoral_service": False},
        None,
    ),
    **{
        ("tyokyvyn-tuen-tiimi", scope, "multiprofessional_need"): (
            {"needs_multiprofessional_support": True},
            {"needs_multiprofessional_support": False},
        )
        for scope in ("national", "varsinais-suomi")
    },
    ("tyokyvyn-tuen-tiimi", "varsinais-suomi", "not_via_tym"): (
        {"in_multisectoral_service": False, "employment_status": "employed"},
        {"in_multisectoral_service": True},
    ),
    **{
        ("tyokyvyn-tuen-laakari", scope, "needs_assessment_by_doctor"): (
            {"work_ability_needs": ["sick_leave"]},
            {"work_ability_needs": []},
        )
        for scope in ("national", "heinola")
    },
    ("kuntoutustutkimus", "national", "work_disability_threat"): (
        {"work_disability_threat": True},
        {"work_disability_threat": False},
    ),
    ("kuntoutustutkimus", "national", "specialist_or_pension_rehabilitee"): (
        {"client_of": ["erikoissairaanhoito"]},
        {"client_of": [], "earnings_related_rehabilitee": False},
    ),
    ("kuntouttava-tyotoiminta", "national", "unemployed"): (
        {"employment_status": "unemployed"},
        {"employment_status": "employed"},
    ),
    ("kuntouttava-tyotoiminta", "national", "lms_or_social_assistance"): (
        {"unemployment_benefit": "labour_market_subsidy"},
        {"unemployment_benefit": "basic", "receives_social_assistance": False},
    ),
    ("kuntouttava-tyotoiminta", "national", "social_assistance_or_benefit"): (
        {"unemployment_benefit": "basic"},
        {"unemployment_benefit": "none", "receives_social_assistance": False},
    ),
    ("kuntouttava-tyotoiminta", "national", "capacity_limits"): (
        {"capacity_prevents_employment_services": True},
        {"capacity_prevents_employment_services": False},
    ),
    **{
        (slug, "national", "unemployed"): (
            {"employment_status": "unemployed"},
            {"employment_status": "self_employed"},
        )
        for slug in ("tym", "typ")
    },
    ("tym", "national", "unemployment_benefit"): (
        {"unemployment_benefit": "earnings_related"},
        {"unemployment_benefit": "none"},
    ),
    **{
        (slug, "national", "capacity_or_life_management"): (
            {"life_management_barriers": ["debt"]},
            {**NO_NEED, "life_management_barriers": []},
        )
        for slug in ("tym", "typ")
    },
    ("tym", "national", "multiprofessional_need"): (
        {"needs_multiprofessional_support": True},
        {"needs_multiprofessional_support": False},
    ),
    ("typ", "national", "prospect_2_years"): (
        {"employment_prospect_within_2_years": True},
        {"employment_prospect_within_2_years": False},
    ),
    ("typ", "national", "duration"): (
        {"age": 25, "unemployment_months_continuous": 12},
        {"age": 25, "unemployment_months_continuous": 11.5, "labour_market_subsidy_days": 299},
    ),
    **{
        ("kuntakokeilu", scope, "jobseeker"): (
            {"employment_status": "unemployed"},
            {"employment_status": "pensioner"},
        )
        for scope in ("national", "lahden-seudun-kuntakokeilu")
    },
    **{
        ("kuntakokeilu", scope, "target_group"): (
            {"finnish_citizen": False},
            {
                "unemployment_benefit": "earnings_related",
                "mother_tongue": "sv",
                "finnish_citizen": True,
                "age": 30,
            },
        )
        for scope in ("national", "lahden-seudun-kuntakokeilu")
    },
    # The rule book knows the pilot municipalities of the Lahti region only.
    ("kuntakokeilu", "national", "pilot_municipality"): (None, None),
    ("kuntakokeilu", "paijat-hame", "pilot_municipality"): (None, {}),
    ("etsiva-nuorisotyo", "national", "age"): ({"age": 15}, {"age": 29}),
    ("ohjaamo", "national", "age"): ({"age": 15}, {"age": 14}),
    ("jalkihuolto", "national", "aftercare_entitled"): (
        {"child_protection_aftercare": True},
        {"child_protection_aftercare": False},
    ),
    ("jalkihuolto", "national", "age"): ({"age": 22}, {"age": 23}),
    ("mediapaja", "national", "age"): ({"age": 28}, {"age": 29}),
    ("kela-tyokykyneuvoja", "heinola", "client_of_named_units"): (
        {"client_of": ["tyoikaisten-sosiaalipalvelut"]},
        {"client_of": ["erikoissairaanhoito"]},
    ),
    ("ips-tyohonvalmennus", "national", "social_services_client"): (
        {"client_of": ["tyollistymista-edistavat-sosiaalipalvelut"]},
        {"client_of": []},
    ),
    ("ips-tyohonvalmennus", "national", "aims_at_labour_market"): (
        {"goal_open_labour_market": True},
        {"goal_open_labour_market": False},
    ),
    ("vammaispalvelujen-tyohonvalmennus", "national", "disability"): (
        {"disability": True},
        {"disability": False},
    ),
    ("ryhmamuotoinen-tyollistyminen", "national", "disability_day_activity"): (
        {"in_disability_day_activity": True},
        {"in_disability_day_activity": False},
    ),
    ("tyoterveyshuolto", "national", "occupational_hc"): (
        {"has_occupational_health_care": True},
        {"has_occupational_health_care": False, "employment_status": "unemployed"},
    ),
    ("tyokyvyttomyyselake", "national", "capacity_reduced"): (
        {"work_capacity_reduction_percent": 40},
        {"work_capacity_reduction_percent": 39.9},
    ),
    ("tyokyvyttomyyselake", "national", "duration"): (
        {"work_capacity_reduced_months": 12},
        {"work_capacity_reduced_months": 11},
    ),
    ("tyokyvyttomyyselake", "national", "age"): ({"age": 16}, {"age": 15}),
    ("ammatillinen-kuntoutus", "national", "threat_or_young"): (
        {"work_disability_threat": True},
        {"work_disability_threat": False, "age": 30},
    ),
    # Born 1960: lowest old-age pension age 64 y 6 mo (telp.fi).
    ("ammatillinen-kuntoutus", "national", "below_pension_age"): (
        {"birth_date": "1960-03-01"},  # 64 y 3 mo on the reference date
        {"birth_date": "1959-09-01"},  # 64 y 9 mo, cohort 1959: 64 y 3 mo
    ),
    # [001]: no referral, no age limit; only a positive fact decides (the trigger list and the
    # barriers are screening, not a diagnosis).
    ("paihdesairaanhoitaja", "national", "substance_use_concern"): (
        {"life_management_barriers": ["substance_use"]},
        None,
    ),
    **{
        ("psykiatrinen-sairaanhoitaja", scope, "mental_health_concern"): (
            {"mental_health_concern": True},
            {"mental_health_concern": False},
        )
        for scope in ("national", "heinola", "paijat-hame")
    },
}

CRITERIA = {
    (rule.slug, scope, criterion.id): criterion
    for rule in RULES
    for scope, criteria in [
        ("national", rule.criteria),
        *((p.scope, p.criteria) for p in rule.practices),
    ]
    for criterion in criteria
}
DAY = "2024-06-01"


def met(key: tuple[str, str, str], facts: dict) -> bool | None:
    situation = validate({"reference_date": DAY, **facts})
    ctx = Context(situation.facts, situation.reference_date, default())
    return evaluate(CRITERIA[key].expr, ctx)  # type: ignore[no-any-return]


def test_the_table_covers_every_criterion():
    assert set(TABLE) == set(CRITERIA)


@pytest.mark.parametrize("key", sorted(k for k, v in TABLE.items() if v[0] is not None))
def test_criterion_is_met(key):
    assert met(key, TABLE[key][0]) is True


@pytest.mark.parametrize("key", sorted(k for k, v in TABLE.items() if v[1] is not None))
def test_criterion_is_not_met(key):
    assert met(key, TABLE[key][1]) is False


@pytest.mark.parametrize("key", sorted(k for k in TABLE if CRITERIA[k].expr.fields()))
def test_criterion_is_unknown_without_its_facts(key):
    assert met(key, {}) is None


def test_only_a_positive_fact_decides_a_substance_use_concern():
    key = ("paihdesairaanhoitaja", "national", "substance_use_concern")
    assert met(key, {"triggers": [], "life_management_barriers": []}) is None
    assert met(key, {"triggers": ["addiction"]}) is True


def test_the_coordinator_may_take_a_health_heavy_tym_client_in_varha():
    key = ("tyokykykoordinaattori", "varsinais-suomi", "not_tym_client")
    assert met(key, {"in_multisectoral_service": True}) is None


def test_outside_the_lahti_pilot_the_rule_book_cannot_say():
    assert met(("kuntakokeilu", "national", "pilot_municipality"), {"age": 22}) is None


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_criterion_has_finnish_text_and_a_source(key):
    criterion = CRITERIA[key]
    assert criterion.text.strip() and criterion.source.strip()
