"""Every criterion of every service type: met, not met, and unknown when its facts are missing."""

from __future__ import annotations

import datetime as dt

import pytest

from tukiverkko.rules.definitions import RULES
from tukiverkko.rules.expr import Context, evaluate
from tukiverkko.rules.parameters import default

# (service type, criterion id): (facts that meet it, facts that do not)
TABLE: dict[tuple[str, str], tuple[dict, dict | None]] = {
    ("tyottomien-terveystarkastus", "unemployed"): (
        {"employment_status": "laid_off"},
        {"employment_status": "student"},
    ),
    ("tyottomien-terveystarkastus", "no_occupational_hc"): (
        {"has_occupational_health_care": False},
        {"has_occupational_health_care": True},
    ),
    ("tyottomien-terveystarkastus", "no_student_hc"): (
        {"has_student_health_care": False},
        {"has_student_health_care": True},
    ),
    ("tyokykykoordinaattori", "work_ability_challenge"): (
        {"work_ability_score": 7},
        {"work_ability_score": 8},
    ),
    ("tyokykykoordinaattori", "no_occupational_hc"): (
        {"has_occupational_health_care": False},
        {"has_occupational_health_care": True},
    ),
    ("tyokykykoordinaattori", "no_student_hc"): (
        {"has_student_health_care": False},
        {"has_student_health_care": True},
    ),
    ("tyokykykoordinaattori", "not_tym_client"): (
        {"in_multisectoral_service": False},
        {"in_multisectoral_service": True},
    ),
    ("tyokyvyn-tuen-tiimi", "multiprofessional_need"): (
        {"needs_multiprofessional_support": True},
        {"needs_multiprofessional_support": False},
    ),
    ("tyokyvyn-tuen-tiimi", "no_occupational_hc"): (
        {"has_occupational_health_care": False},
        {"has_occupational_health_care": True},
    ),
    ("tyokyvyn-tuen-tiimi", "no_student_hc"): (
        {"has_student_health_care": False},
        {"has_student_health_care": True},
    ),
    ("tyokyvyn-tuen-tiimi", "not_tym_client"): (
        {"in_multisectoral_service": False},
        {"in_multisectoral_service": True},
    ),
    ("tyokyvyn-tuen-laakari", "work_ability_challenge"): (
        {"triggers": ["rejected_benefit"]},
        {"triggers": []},
    ),
    ("tyokyvyn-tuen-laakari", "no_occupational_hc"): (
        {"has_occupational_health_care": False},
        {"has_occupational_health_care": True},
    ),
    ("kuntoutustutkimus", "work_disability_threat"): (
        {"work_disability_threat": True},
        {"work_disability_threat": False},
    ),
    ("kuntouttava-tyotoiminta", "unemployed"): (
        {"employment_status": "unemployed"},
        {"employment_status": "employed"},
    ),
    ("kuntouttava-tyotoiminta", "lms_or_social_assistance"): (
        {"unemployment_benefit": "labour_market_subsidy"},
        {"unemployment_benefit": "basic", "receives_social_assistance": False},
    ),
    ("kuntouttava-tyotoiminta", "capacity_limits"): (
        {"work_ability_score": 0},
        {"work_ability_score": 10, "triggers": []},
    ),
    ("tym", "unemployed"): (
        {"employment_status": "unemployed"},
        {"employment_status": "self_employed"},
    ),
    ("tym", "unemployment_benefit"): (
        {"unemployment_benefit": "earnings_related"},
        {"unemployment_benefit": "none"},
    ),
    ("tym", "work_ability_challenge"): ({"work_ability_score": 2}, {"work_ability_score": 9}),
    ("tym", "multiprofessional_need"): (
        {"needs_multiprofessional_support": True},
        {"needs_multiprofessional_support": False},
    ),
    ("typ", "unemployed"): ({"employment_status": "unemployed"}, {"employment_status": "employed"}),
    ("typ", "work_ability_challenge"): ({"work_ability_score": 2}, {"work_ability_score": 9}),
    ("typ", "prospect_2_years"): (
        {"employment_prospect_within_2_years": True},
        {"employment_prospect_within_2_years": False},
    ),
    ("typ", "duration"): (
        {"age": 25, "unemployment_months_continuous": 12},
        {"age": 25, "unemployment_months_continuous": 11.5, "labour_market_subsidy_days": 299},
    ),
    ("kuntakokeilu", "jobseeker"): (
        {"employment_status": "unemployed"},
        {"employment_status": "pensioner"},
    ),
    ("kuntakokeilu", "target_group"): (
        {"finnish_citizen": False},
        {
            "unemployment_benefit": "earnings_related",
            "mother_tongue": "sv",
            "finnish_citizen": True,
            "age": 30,
        },
    ),
    ("etsiva-nuorisotyo", "age"): ({"age": 15}, {"age": 29}),
    ("ohjaamo", "age"): ({"age": 15}, {"age": 14}),
    ("jalkihuolto", "aftercare_entitled"): (
        {"child_protection_aftercare": True},
        {"child_protection_aftercare": False},
    ),
    ("jalkihuolto", "age"): ({"age": 22}, {"age": 23}),
    ("mediapaja", "age"): ({"age": 28}, {"age": 29}),
    ("kela-tyokykyneuvoja", "work_ability_challenge"): (
        {"work_ability_score": 7},
        {"work_ability_score": 8},
    ),
    ("ips-tyohonvalmennus", "aims_at_labour_market"): (
        {"employment_status": "rehabilitation"},
        {"employment_status": "student"},
    ),
    ("vammaispalvelujen-tyohonvalmennus", "disability"): (
        {"disability": True},
        {"disability": False},
    ),
    ("ryhmamuotoinen-tyollistyminen", "disability_day_activity"): (
        {"in_disability_day_activity": True},
        {"in_disability_day_activity": False},
    ),
    ("tyoterveyshuolto", "occupational_hc"): (
        {"has_occupational_health_care": True},
        {"has_occupational_health_care": False, "employment_status": "unemployed"},
    ),
    ("tyokyvyttomyyselake", "capacity_reduced"): (
        {"work_capacity_reduction_percent": 40},
        {"work_capacity_reduction_percent": 39.9},
    ),
    ("tyokyvyttomyyselake", "duration"): (
        {"work_capacity_reduced_months": 12},
        {"work_capacity_reduced_months": 11},
    ),
    ("tyokyvyttomyyselake", "age"): ({"age": 16}, {"age": 65}),
    ("ammatillinen-kuntoutus", "threat_or_young"): (
        {"work_disability_threat": True},
        {"work_disability_threat": False, "age": 30},
    ),
    ("ammatillinen-kuntoutus", "below_pension_age"): ({"age": 64}, {"age": 65}),
    # Only a positive fact decides: the trigger list is screening, not a diagnosis.
    ("paihdesairaanhoitaja", "substance_use_concern"): ({"triggers": ["addiction"]}, None),
}

CRITERIA = {(rule.slug, c.id): c for rule in RULES for c in rule.criteria}
DAY = dt.date(2025, 6, 1)


def met(slug: str, criterion_id: str, facts: dict) -> bool | None:
    ctx = Context(facts, DAY, default())
    return evaluate(CRITERIA[(slug, criterion_id)].expr, ctx)  # type: ignore[no-any-return]


def test_the_table_covers_every_criterion():
    assert set(TABLE) == set(CRITERIA)


@pytest.mark.parametrize("key", sorted(TABLE))
def test_criterion_is_met(key):
    assert met(*key, TABLE[key][0]) is True


@pytest.mark.parametrize("key", sorted(k for k, v in TABLE.items() if v[1] is not None))
def test_criterion_is_not_met(key):
    assert met(*key, TABLE[key][1]) is False


@pytest.mark.parametrize("key", sorted(TABLE))
def test_criterion_is_unknown_without_its_facts(key):
    assert met(*key, {}) is None


def test_substance_use_concern_stays_unknown_without_the_trigger():
    assert met("paihdesairaanhoitaja", "substance_use_concern", {"triggers": []}) is None


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_criterion_has_finnish_text_and_a_source(key):
    criterion = CRITERIA[key]
    assert criterion.text.strip() and criterion.source.strip()
