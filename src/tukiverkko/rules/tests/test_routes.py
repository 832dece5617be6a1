"""The vocational-rehabilitation organiser tree (RULEBOOK §2) and the health-care route."""

from __future__ import annotations

import pytest

EARNINGS_RELATED = {
    "rehabilitation_cause": "illness_or_injury",
    "years_in_profession": 6,
    "years_since_work_ended": 1,
    "earnings_last_5_years_eur": 50_000,
    "age": 50,
    "work_disability_threat": True,
}


THREAT_FOUND = ["accident_cause:no", "young_without_threat:no", "threat_not_found:no"]


@pytest.mark.parametrize(
    ("example", "facts", "organiser", "path"),
    [
        (
            "Työtapaturma → tapaturmavakuutus aina ensin",
            {**EARNINGS_RELATED, "rehabilitation_cause": "work_accident"},
            "accident_insurance",
            ["accident_cause:yes"],
        ),
        (
            "Liikennevahinko → liikennevakuutus",
            {"rehabilitation_cause": "traffic_accident"},
            "accident_insurance",
            ["accident_cause:yes"],
        ),
        (
            "Vakiintunut työura ja ansiot → työeläkelaitos",
            EARNINGS_RELATED,
            "earnings_related_pension",
            [*THREAT_FOUND, "earnings_related_conditions:yes"],
        ),
        (
            "Liian vähän ansioita → Kela",
            {**EARNINGS_RELATED, "earnings_last_5_years_eur": 30_000},
            "kela",
            [*THREAT_FOUND, "earnings_related_conditions:no"],
        ),
        (
            "Vain 3 vuotta ammatissa → Kela",
            {**EARNINGS_RELATED, "years_in_profession": 3},
            "kela",
            [*THREAT_FOUND, "earnings_related_conditions:no"],
        ),
        (
            "Työ päättyi 8 vuotta sitten: laissa ei aikarajaa, eläkelaitos arvioi (TyEL 25 §)",
            {**EARNINGS_RELATED, "years_since_work_ended": 8},
            "earnings_related_pension",
            [*THREAT_FOUND, "earnings_related_conditions:yes"],
        ),
        (
            "Uhkaa ei ole todettu → selvitä ensin lääkärillä (B-lausunto) [002]",
            {**EARNINGS_RELATED, "work_disability_threat": False},
            "establish_threat",
            ["accident_cause:no", "young_without_threat:no", "threat_not_found:yes"],
        ),
        (
            "Nuori ilman uhkaa → Kelan nuoren ammatillinen kuntoutus [001]",
            {"rehabilitation_cause": "none", "work_disability_threat": False, "age": 22},
            "kela",
            ["accident_cause:no", "young_without_threat:yes"],
        ),
        (
            "63-vuotias, syntynyt 1962: alin vanhuuseläkeikä 65 → työeläkelaitos",
            {**EARNINGS_RELATED, "age": 63, "birth_date": "1962-03-01"},
            "earnings_related_pension",
            [*THREAT_FOUND, "earnings_related_conditions:yes"],
        ),
        (
            "64 v 6 kk, syntynyt 1960: ikäluokan alin vanhuuseläkeikä 64 v 6 kk täytetty → Kela",
            {**EARNINGS_RELATED, "age": 64, "birth_date": "1960-12-01"},
            "kela",
            [*THREAT_FOUND, "earnings_related_conditions:no"],
        ),
        ("Syy tuntematon → järjestäjä ei tiedossa", {}, None, ["accident_cause:unknown"]),
        (
            "Ansiot tuntemattomat → järjestäjä ei tiedossa",
            {k: v for k, v in EARNINGS_RELATED.items() if k != "earnings_last_5_years_eur"},
            None,
            [*THREAT_FOUND, "earnings_related_conditions:unknown"],
        ),
    ],
)
def test_vocational_rehabilitation_organiser(recommend_for, example, facts, organiser, path):
    route = recommend_for(**facts)["routes"]["vocational_rehabilitation"]
    assert (route["organiser"], route["path"]) == (organiser, path), example


@pytest.mark.parametrize(
    ("year", "earnings", "organiser"),
    [
        ("2021-06-01", 37_000, "earnings_related_pension"),  # ≥ 36 820,43
        ("2022-06-01", 37_000, "kela"),  # < 37 725,23
        ("2024-06-01", 41_000, "kela"),  # < 41 143,38
        ("2024-06-01", 41_143.38, "earnings_related_pension"),
        ("2026-06-01", 41_143.38, "earnings_related_pension"),  # latest known value
    ],
)
def test_earnings_threshold_of_the_year(recommend_for, year, earnings, organiser):
    facts = {**EARNINGS_RELATED, "earnings_last_5_years_eur": earnings, "reference_date": year}
    assert recommend_for(**facts)["routes"]["vocational_rehabilitation"]["organiser"] == organiser


@pytest.mark.parametrize(
    ("day", "supplementary"),
    [("2024-06-01", ["te-palvelut"]), ("2025-06-01", ["tyovoimaviranomainen"])],
)
def test_employment_authority_is_a_supplement_named_by_date(recommend_for, day, supplementary):
    route = recommend_for(reference_date=day)["routes"]["vocational_rehabilitation"]
    assert route["supplementary"] == supplementary


@pytest.mark.parametrize(
    ("facts", "route"),
    [
        ({"has_occupational_health_care": True}, "occupational_health_care"),
        ({"has_occupational_health_care": False, "is_student": True}, "student_health_care"),
        (
            {"has_occupational_health_care": False, "has_student_health_care": True},
            "student_health_care",
        ),
        (
            {
                "has_occupational_health_care": False,
                "has_student_health_care": False,
                "is_student": False,
                "employment_status": "unemployed",
            },
            "unemployed_health_check",
        ),
        (
            {
                "has_occupational_health_care": False,
                "has_student_health_care": False,
                "is_student": False,
                "employment_status": "sick_leave",
            },
            "health_centre",
        ),
        ({"employment_status": "unemployed"}, None),
        # the employment status answers "is the client a student?" [000]
        (
            {"employment_status": "unemployed", "has_occupational_health_care": False},
            "unemployed_health_check",
        ),
        (
            {"employment_status": "student", "has_occupational_health_care": False},
            "student_health_care",
        ),
        ({"has_occupational_health_care": False}, None),
    ],
)
def test_health_care_route(recommend_for, facts, route):
    assert recommend_for(**facts)["routes"].get("health_care_route") == route
