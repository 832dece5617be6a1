"""Rule tables that read like a caseworker's own examples (one person, one question)."""

from __future__ import annotations

import pytest

UNEMPLOYED_NO_HC = {
    "employment_status": "unemployed",
    "has_occupational_health_care": False,
    "has_student_health_care": False,
}


@pytest.mark.parametrize(
    ("example", "slug", "facts", "expected"),
    [
        (
            "Työtön ilman työterveyttä pääsee työttömien terveystarkastukseen",
            "tyottomien-terveystarkastus",
            UNEMPLOYED_NO_HC,
            "eligible",
        ),
        (
            "Työterveyshuollon piirissä oleva ei tarvitse työttömien tarkastusta",
            "tyottomien-terveystarkastus",
            {**UNEMPLOYED_NO_HC, "has_occupational_health_care": True},
            "not_eligible",
        ),
        (
            "Työssä käyvä ei ole työttömien tarkastuksen asiakas",
            "tyottomien-terveystarkastus",
            {**UNEMPLOYED_NO_HC, "employment_status": "employed"},
            "not_eligible",
        ),
        (
            "Työterveystilanne kysymättä → ei tiedetä",
            "tyottomien-terveystarkastus",
            {"employment_status": "unemployed"},
            "unknown",
        ),
        (
            "Työkykypisteet 5, ei työterveyttä, ei TYM-asiakas → työkykykoordinaattori",
            "tyokykykoordinaattori",
            {**UNEMPLOYED_NO_HC, "work_ability_score": 5, "in_multisectoral_service": False},
            "eligible",
        ),
        (
            "TYM-asiakkaalla on jo oma prosessi",
            "tyokykykoordinaattori",
            {**UNEMPLOYED_NO_HC, "work_ability_score": 5, "in_multisectoral_service": True},
            "not_eligible",
        ),
        (
            "Työkykypisteet 9 ilman herätteitä → ei koordinaattorille",
            "tyokykykoordinaattori",
            {**UNEMPLOYED_NO_HC, "work_ability_score": 9, "in_multisectoral_service": False},
            "not_eligible",
        ),
        (
            "Työkykypisteet 9 mutta toistuvat sairauslomat → koordinaattori",
            "tyokykykoordinaattori",
            {
                **UNEMPLOYED_NO_HC,
                "work_ability_score": 9,
                "triggers": ["repeated_sick_leave"],
                "in_multisectoral_service": False,
            },
            "eligible",
        ),
        (
            "Monen ammattilaisen tarve → työkyvyn tuen tiimi",
            "tyokyvyn-tuen-tiimi",
            {
                **UNEMPLOYED_NO_HC,
                "needs_multiprofessional_support": True,
                "in_multisectoral_service": False,
            },
            "eligible",
        ),
        (
            "Työtön työmarkkinatuella ja työkykypisteet 4 → kuntouttava työtoiminta",
            "kuntouttava-tyotoiminta",
            {
                "employment_status": "unemployed",
                "unemployment_benefit": "labour_market_subsidy",
                "work_ability_score": 4,
            },
            "eligible",
        ),
        (
            "Toimeentulotuen saaja käy myös",
            "kuntouttava-tyotoiminta",
            {
                "employment_status": "unemployed",
                "unemployment_benefit": "none",
                "receives_social_assistance": True,
                "triggers": ["addiction"],
            },
            "eligible",
        ),
        (
            "Ansiosidonnaisella ilman toimeentulotukea ei KTT:hen",
            "kuntouttava-tyotoiminta",
            {
                "employment_status": "unemployed",
                "unemployment_benefit": "earnings_related",
                "receives_social_assistance": False,
                "work_ability_score": 4,
            },
            "not_eligible",
        ),
        (
            "24-vuotias, 7 kk työttömänä, haasteita ja näkymä → TYP 2024",
            "typ",
            {
                "reference_date": "2024-06-01",
                "age": 24,
                "employment_status": "unemployed",
                "unemployment_months_continuous": 7,
                "work_ability_score": 6,
                "employment_prospect_within_2_years": True,
            },
            "eligible",
        ),
        (
            "30-vuotias, 7 kk työttömänä → ei vielä TYP:iin",
            "typ",
            {
                "reference_date": "2024-06-01",
                "age": 30,
                "employment_status": "unemployed",
                "unemployment_months_continuous": 7,
                "labour_market_subsidy_days": 100,
                "work_ability_score": 6,
                "employment_prospect_within_2_years": True,
            },
            "not_eligible",
        ),
        (
            "300 työmarkkinatukipäivää riittää iästä riippumatta",
            "typ",
            {
                "reference_date": "2024-06-01",
                "age": 40,
                "labour_market_subsidy_days": 300,
                "employment_status": "unemployed",
                "work_ability_score": 6,
                "employment_prospect_within_2_years": True,
            },
            "eligible",
        ),
        (
            "TYP:tä ei ole enää 2025",
            "typ",
            {
                "reference_date": "2025-06-01",
                "age": 24,
                "employment_status": "unemployed",
                "unemployment_months_continuous": 7,
                "work_ability_score": 6,
                "employment_prospect_within_2_years": True,
            },
            "not_available",
        ),
        (
            "TYM 2025: työtön, etuus, haaste, monialainen tarve",
            "tym",
            {
                "employment_status": "unemployed",
                "unemployment_benefit": "basic",
                "work_ability_score": 3,
                "needs_multiprofessional_support": True,
            },
            "eligible",
        ),
        (
            "TYM:ää ei ollut vielä 2024",
            "tym",
            {
                "reference_date": "2024-06-01",
                "employment_status": "unemployed",
                "unemployment_benefit": "basic",
                "work_ability_score": 3,
                "needs_multiprofessional_support": True,
            },
            "not_available",
        ),
        (
            "Kuntakokeilu 2024: alle 30-vuotias työtön",
            "kuntakokeilu",
            {"reference_date": "2024-06-01", "employment_status": "unemployed", "age": 22},
            "eligible",
        ),
        (
            "Kuntakokeilu 2024: somalinkielinen ansiosidonnaisella",
            "kuntakokeilu",
            {
                "reference_date": "2024-06-01",
                "employment_status": "unemployed",
                "age": 45,
                "unemployment_benefit": "earnings_related",
                "mother_tongue": "so",
                "finnish_citizen": True,
            },
            "eligible",
        ),
        (
            "Kuntakokeilu 2024: 45-v suomenkielinen kansalainen ansiosidonnaisella → ei",
            "kuntakokeilu",
            {
                "reference_date": "2024-06-01",
                "employment_status": "unemployed",
                "age": 45,
                "unemployment_benefit": "earnings_related",
                "mother_tongue": "fi",
                "finnish_citizen": True,
            },
            "not_eligible",
        ),
        (
            "Kuntakokeilu päättyi 31.12.2024",
            "kuntakokeilu",
            {"reference_date": "2025-01-01", "employment_status": "unemployed", "age": 22},
            "not_available",
        ),
        (
            "Kuntakokeilun viimeinen päivä",
            "kuntakokeilu",
            {"reference_date": "2024-12-31", "employment_status": "unemployed", "age": 22},
            "eligible",
        ),
        (
            "Jälkihuolto 2023: 24-vuotias vielä piirissä",
            "jalkihuolto",
            {"reference_date": "2023-06-01", "age": 24, "child_protection_aftercare": True},
            "eligible",
        ),
        (
            "Jälkihuolto 2024: 24-vuotias ei enää (yläikä 23)",
            "jalkihuolto",
            {"reference_date": "2024-06-01", "age": 24, "child_protection_aftercare": True},
            "not_eligible",
        ),
        (
            "Jälkihuolto 2024: 22-vuotias piirissä",
            "jalkihuolto",
            {"reference_date": "2024-06-01", "age": 22, "child_protection_aftercare": True},
            "eligible",
        ),
        (
            "Jälkihuolto vain lastensuojelun kautta",
            "jalkihuolto",
            {"age": 20, "child_protection_aftercare": False},
            "not_eligible",
        ),
        ("Etsivä nuorisotyö: 28-vuotias vielä nuori", "etsiva-nuorisotyo", {"age": 28}, "eligible"),
        ("Etsivä nuorisotyö: 29-vuotias ei", "etsiva-nuorisotyo", {"age": 29}, "not_eligible"),
        ("Etsivä nuorisotyö: 14-vuotias ei", "etsiva-nuorisotyo", {"age": 14}, "not_eligible"),
        ("Ohjaamo: 29-vuotias vielä", "ohjaamo", {"age": 29}, "eligible"),
        ("Ohjaamo: 30-vuotias ei", "ohjaamo", {"age": 30}, "not_eligible"),
        (
            "Ikä syntymäajasta: 28 v",
            "etsiva-nuorisotyo",
            {"birth_date": "1996-06-02", "reference_date": "2025-06-01"},
            "eligible",
        ),
        (
            "Ikä syntymäajasta: syntymäpäivänä 29 v",
            "etsiva-nuorisotyo",
            {"birth_date": "1996-06-01", "reference_date": "2025-06-01"},
            "not_eligible",
        ),
        ("Mediapaja: 28-vuotias", "mediapaja", {"age": 28}, "eligible"),
        (
            "Lääkärin toteama uhka → kuntoutustutkimus",
            "kuntoutustutkimus",
            {"work_disability_threat": True},
            "eligible",
        ),
        (
            "Vammaispalvelun asiakas → työhönvalmennus",
            "vammaispalvelujen-tyohonvalmennus",
            {"disability": True},
            "eligible",
        ),
        (
            "Päivätoiminnan asiakas → ryhmämuotoinen työllistyminen",
            "ryhmamuotoinen-tyollistyminen",
            {"in_disability_day_activity": True},
            "eligible",
        ),
        (
            "Työsuhteessa → työterveyshuolto",
            "tyoterveyshuolto",
            {"employment_status": "employed"},
            "eligible",
        ),
        (
            "Työkyky alentunut 60 % vuoden ajan, 50 v → eläke",
            "tyokyvyttomyyselake",
            {"work_capacity_reduction_percent": 60, "work_capacity_reduced_months": 13, "age": 50},
            "eligible",
        ),
        (
            "Alenema 30 % ei riitä",
            "tyokyvyttomyyselake",
            {"work_capacity_reduction_percent": 30, "work_capacity_reduced_months": 13, "age": 50},
            "not_eligible",
        ),
        (
            "Nuori ilman sairautta → ammatillinen kuntoutus",
            "ammatillinen-kuntoutus",
            {"age": 19},
            "eligible",
        ),
        (
            "45 v ilman uhkaa → ei ammatillista kuntoutusta",
            "ammatillinen-kuntoutus",
            {"age": 45, "work_disability_threat": False},
            "not_eligible",
        ),
        (
            "Riippuvuus → päihdesairaanhoitaja",
            "paihdesairaanhoitaja",
            {"triggers": ["addiction"]},
            "eligible",
        ),
        (
            "Psykiatrinen sairaanhoitaja: avoin, lähete järjestettävä",
            "psykiatrinen-sairaanhoitaja",
            {},
            "eligible",
        ),
        ("IPS: työtön", "ips-tyohonvalmennus", {"employment_status": "unemployed"}, "eligible"),
        (
            "IPS: eläkeläinen ei",
            "ips-tyohonvalmennus",
            {"employment_status": "pensioner"},
            "not_eligible",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_caseworker_example(status_for, example, slug, facts, expected):
    # given the facts of the example; when the rules are evaluated; then the status is expected
    assert status_for(slug, **facts) == expected, example
