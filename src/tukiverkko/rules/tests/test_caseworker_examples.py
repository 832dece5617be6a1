"""Rule tables that read like a caseworker's own examples (one person, one question).

Each row is one Finnish sentence with its seed ([000]–[004]) or law; the tables are grouped by
the point of issue 9 they answer (1 the Työkykymittari, 2 the health-care route, 3 no
eligibility by proxy, 4 TYM and life management, 5 regional practice, 6 the student route,
7 the rehabilitation organiser, 8 the law since the seeds).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tukiverkko.rules.destinations import PROFESSIONAL_DESTINATIONS, STEP_DESTINATIONS
from tukiverkko.screening.instruments.tyokykymittari import MittariAnswers, next_step

UNEMPLOYED_NO_HC = {
    "employment_status": "unemployed",
    "has_occupational_health_care": False,
    "has_student_health_care": False,
}
NEED = {"work_ability_needs": ["rehabilitation"]}


def answer(result: dict[str, Any], key: str) -> Any:
    """What a row asks about: a service's status (its slug), ``practice:slug`` (whose
    practice), ``requires:slug`` (what to arrange), ``organiser``, ``health_care_route``."""
    services = {s["service_type"]: s for s in result["services"]}
    if key == "organiser":
        return result["routes"]["vocational_rehabilitation"]["organiser"]
    if key == "health_care_route":
        return result["routes"].get("health_care_route")
    what, _, slug = key.rpartition(":")
    if what == "practice":
        return services[slug]["practice"]["scope"]
    if what == "requires":
        return services[slug]["requires"]
    return services[slug]["status"]


def row(example: str, key: str, facts: dict[str, Any], expected: Any) -> Any:
    return pytest.param(key, facts, expected, id=example)


EXAMPLES = [
    # --- 2. The health-care route follows the employment status -----------------------------
    row(
        "Työtön ilman työterveyttä: työttömien terveystarkastus kysymättä opiskelijuutta [000]",
        "health_care_route",
        {"employment_status": "unemployed", "has_occupational_health_care": False},
        "unemployed_health_check",
    ),
    row(
        "Opiskelija ilman työterveyttä: opiskeluterveydenhuolto [002] [003]",
        "health_care_route",
        {"employment_status": "student", "has_occupational_health_care": False},
        "student_health_care",
    ),
    row(
        "Työterveyshuollon piirissä: ohjaa sinne [000]",
        "health_care_route",
        {"employment_status": "employed", "has_occupational_health_care": True},
        "occupational_health_care",
    ),
    row(
        "Työtön ilman työterveyttä pääsee työttömien terveystarkastukseen [001] [003]",
        "tyottomien-terveystarkastus",
        UNEMPLOYED_NO_HC,
        "eligible",
    ),
    row(
        "Työterveyshuollon piirissä oleva ei tarvitse työttömien tarkastusta [003]",
        "tyottomien-terveystarkastus",
        {**UNEMPLOYED_NO_HC, "has_occupational_health_care": True},
        "not_eligible",
    ),
    row(
        "Työssä käyvä ei ole työttömien tarkastuksen asiakas [001]",
        "tyottomien-terveystarkastus",
        {**UNEMPLOYED_NO_HC, "employment_status": "employed"},
        "not_eligible",
    ),
    # --- 3. No eligibility by proxy ---------------------------------------------------------
    row(
        "Kotikunta puuttuu ja käytännöt eroavat → koordinaattori ei tiedetä, kysy kunta",
        "practice:tyokykykoordinaattori",
        {**UNEMPLOYED_NO_HC, **NEED},
        None,
    ),
    row(
        "Pisteet 5 yksin eivät tee koordinaattoriasiakkaaksi: kysy haaste ja tarve [000]",
        "tyokykykoordinaattori",
        {**UNEMPLOYED_NO_HC, "work_ability_score": 5, "municipality": "Pori"},
        "unknown",
    ),
    row(
        "Heinola: työtön, todettu kuntoutustarve, ei työterveyttä → työkykykoordinaattori [000]",
        "tyokykykoordinaattori",
        {**UNEMPLOYED_NO_HC, **NEED, "municipality": "Heinola"},
        "eligible",
    ),
    row(
        "Pori: pisteet 9 ilman herätteitä → ei tarvetta selvittelyille, ei koordinaattorille [000]",
        "tyokykykoordinaattori",
        {**UNEMPLOYED_NO_HC, "work_ability_score": 9, "triggers": [], "municipality": "Pori"},
        "not_eligible",
    ),
    row(
        "Pisteet 9 ja toistuvat sairauslomat: heräte ei yksin riitä, kysy tarve [001] [000]",
        "tyokykykoordinaattori",
        {
            **UNEMPLOYED_NO_HC,
            "work_ability_score": 9,
            "triggers": ["repeated_sick_leave"],
            "municipality": "Pori",
        },
        "unknown",
    ),
    row(
        "KTT: työmarkkinatuki ja pisteet 4 eivät riitä, kysy pystyykö työvoimapalveluihin [001]",
        "kuntouttava-tyotoiminta",
        {
            "employment_status": "unemployed",
            "unemployment_benefit": "labour_market_subsidy",
            "work_ability_score": 4,
        },
        "unknown",
    ),
    row(
        "KTT: työmarkkinatuki ja ei pysty työvoimapalveluihin → täyttyy (laki 189/2001, [001])",
        "kuntouttava-tyotoiminta",
        {
            "employment_status": "unemployed",
            "unemployment_benefit": "labour_market_subsidy",
            "capacity_prevents_employment_services": True,
        },
        "eligible",
    ),
    row(
        "KTT: toimeentulotuen saaja käy myös (laki 189/2001 1 §)",
        "kuntouttava-tyotoiminta",
        {
            "employment_status": "unemployed",
            "unemployment_benefit": "none",
            "receives_social_assistance": True,
            "capacity_prevents_employment_services": True,
        },
        "eligible",
    ),
    row(
        "KTT 2025: ansiosidonnaisella ilman toimeentulotukea ei (laki 189/2001 1 §)",
        "kuntouttava-tyotoiminta",
        {
            "employment_status": "unemployed",
            "unemployment_benefit": "earnings_related",
            "receives_social_assistance": False,
            "capacity_prevents_employment_services": True,
        },
        "not_eligible",
    ),
    row(
        "KTT: aktivointisuunnitelma järjestettävä, kunnes se on laadittu (laki 189/2001, [001])",
        "requires:kuntouttava-tyotoiminta",
        {"employment_status": "unemployed", "social_care_decision": True},
        ["activation_or_multisectoral_plan"],
    ),
    row(
        "TYM: pisteet 3 eivät yksin riitä, kysy rajoitteet tai elämänhallinta (laki 381/2023)",
        "tym",
        {
            "employment_status": "unemployed",
            "unemployment_benefit": "basic",
            "work_ability_score": 3,
            "needs_multiprofessional_support": True,
        },
        "unknown",
    ),
    row(
        "TYM 2025: työtön, etuus, todetut työrajoitteet, monialainen tarve (laki 381/2023)",
        "tym",
        {
            "employment_status": "unemployed",
            "unemployment_benefit": "basic",
            "known_work_limitations": True,
            "needs_multiprofessional_support": True,
        },
        "eligible",
    ),
    row(
        "TYM:ää ei ollut vielä 2024 (laki 381/2023 voimaan 1.1.2025)",
        "tym",
        {
            "reference_date": "2024-06-01",
            "employment_status": "unemployed",
            "unemployment_benefit": "basic",
            "known_work_limitations": True,
            "needs_multiprofessional_support": True,
        },
        "not_available",
    ),
    row(
        "Kuntoutustutkimus: pelkkä uhka ei riitä, kysy erikoissairaanhoito tai työeläkekuntoutus [001]",
        "kuntoutustutkimus",
        {"work_disability_threat": True},
        "unknown",
    ),
    row(
        "Kuntoutustutkimus: uhka ja selvittelyt jo erikoissairaanhoidossa → täyttyy [001]",
        "kuntoutustutkimus",
        {"work_disability_threat": True, "client_of": ["erikoissairaanhoito"]},
        "eligible",
    ),
    row(
        "Kuntoutustutkimus: työeläkekuntoutuja ilman työterveyttä → täyttyy [001]",
        "kuntoutustutkimus",
        {
            "work_disability_threat": True,
            "client_of": [],
            "earnings_related_rehabilitee": True,
            "has_occupational_health_care": False,
        },
        "eligible",
    ),
    row(
        "Psykiatrinen sairaanhoitaja ei ole kaikille: kysy jaksamisen tai mielenterveyden haaste [001]",
        "psykiatrinen-sairaanhoitaja",
        {},
        "unknown",
    ),
    row(
        "IPS: työtön ei yksin riitä, vaan sosiaalihuollon asiakkuus ja tavoite työmarkkinoille [003]",
        "ips-tyohonvalmennus",
        {"employment_status": "unemployed"},
        "unknown",
    ),
    row(
        "IPS: työllistymistä edistävien sosiaalipalvelujen asiakas, tavoitteena työ → täyttyy [003]",
        "ips-tyohonvalmennus",
        {
            "client_of": ["tyollistymista-edistavat-sosiaalipalvelut"],
            "goal_open_labour_market": True,
        },
        "eligible",
    ),
    row(
        "IPS: ei sosiaalihuollon asiakas → ei täyty [003]",
        "ips-tyohonvalmennus",
        {"client_of": [], "goal_open_labour_market": True},
        "not_eligible",
    ),
    row(
        "Kelan työkykyneuvoja ei ole kaikille: kysy työkyvyn haaste [000] [001]",
        "kela-tyokykyneuvoja",
        {"employment_status": "employed", "has_occupational_health_care": True},
        "unknown",
    ),
    # --- 4. TYM covers life-management problems -------------------------------------------
    row(
        "TYM: velat ja asunnottomuus, pisteet 9, monialainen tarve → täyttyy (laki 381/2023, [001])",
        "tym",
        {
            "employment_status": "unemployed",
            "unemployment_benefit": "labour_market_subsidy",
            "work_ability_score": 9,
            "triggers": [],
            "life_management_barriers": ["debt", "housing"],
            "needs_multiprofessional_support": True,
        },
        "eligible",
    ),
    row(
        "TYM: päihteet ilman etuustietoa → ei tiedetä, ei ”ei täyty” (laki 381/2023)",
        "tym",
        {
            "employment_status": "unemployed",
            "work_ability_score": 9,
            "life_management_barriers": ["substance_use"],
            "needs_multiprofessional_support": True,
        },
        "unknown",
    ),
    row(
        "TYM: pelkällä toimeentulotuella ei, laki vaatii työttömyysetuuden (StVM 27/2025, TyVL 9/2025)",
        "tym",
        {
            "employment_status": "unemployed",
            "unemployment_benefit": "none",
            "receives_social_assistance": True,
            "life_management_barriers": ["debt"],
            "needs_multiprofessional_support": True,
        },
        "not_eligible",
    ),
    row(
        "TYP 2024: elämänhallinnan haasteet riittivät myös TYP:iin [001]",
        "typ",
        {
            "reference_date": "2024-06-01",
            "age": 24,
            "employment_status": "unemployed",
            "unemployment_months_continuous": 7,
            "life_management_barriers": ["daily_life"],
            "employment_prospect_within_2_years": True,
        },
        "eligible",
    ),
    row(
        "TYP 2024: 30-vuotias, 7 kk työttömänä → ei vielä TYP:iin [001], laki 1369/2014",
        "typ",
        {
            "reference_date": "2024-06-01",
            "age": 30,
            "employment_status": "unemployed",
            "unemployment_months_continuous": 7,
            "labour_market_subsidy_days": 100,
            **NEED,
            "employment_prospect_within_2_years": True,
        },
        "not_eligible",
    ),
    row(
        "TYP:tä ei ole enää 2025 (laki 381/2023 korvasi 1369/2014)",
        "typ",
        {"reference_date": "2025-06-01", "employment_status": "unemployed"},
        "not_available",
    ),
    # --- 5. Regional practice: the answer names whose practice it is ------------------------
    row(
        "Varha: TYM-asiakas → koordinaattori ei tiedetä, vain jos terveystilanne vaatii [003]",
        "tyokykykoordinaattori",
        {
            **UNEMPLOYED_NO_HC,
            **NEED,
            "municipality": "Turku",
            "needs_service_coordination": True,
            "in_multisectoral_service": True,
        },
        "unknown",
    ),
    row(
        "Varha: opiskeluterveydenhuollon piirissä → ei koordinaattorille [003]",
        "tyokykykoordinaattori",
        {**UNEMPLOYED_NO_HC, **NEED, "municipality": "Turku", "has_student_health_care": True},
        "not_eligible",
    ),
    row(
        "Turussa sovelletaan Varhan koordinaattorikäytäntöä [003]",
        "practice:tyokykykoordinaattori",
        {"municipality": "Turku"},
        "varsinais-suomi",
    ),
    row(
        "Heinolassa oma käytäntö, ei Varhan rajauksia [000]",
        "practice:tyokykykoordinaattori",
        {"municipality": "Heinola"},
        "heinola",
    ),
    row(
        "Porilla ei omaa käytäntöä lähteissä → valtakunnallinen sääntö",
        "practice:tyokykykoordinaattori",
        {"municipality": "Pori"},
        "national",
    ),
    row(
        "Varha: tiimi ei, jos tuki saadaan TYM:n kautta [003]",
        "tyokyvyn-tuen-tiimi",
        {
            **UNEMPLOYED_NO_HC,
            "municipality": "Turku",
            "unemployment_benefit": "basic",
            "known_work_limitations": True,
            "needs_multiprofessional_support": True,
            "in_multisectoral_service": False,
        },
        "not_eligible",
    ),
    row(
        "Pori: monen ammattilaisen tarve ilman työ- ja opiskeluterveyttä → työkyvyn tuen tiimi [003] [004]",
        "tyokyvyn-tuen-tiimi",
        {**UNEMPLOYED_NO_HC, "needs_multiprofessional_support": True, "municipality": "Pori"},
        "eligible",
    ),
    row(
        "Päijät-Sote: psykiatrinen sairaanhoitaja vain lääkärin lähetteellä [001]",
        "requires:psykiatrinen-sairaanhoitaja",
        {"municipality": "Lahti", "mental_health_concern": True},
        ["doctor_referral"],
    ),
    row(
        "Heinola: uusi asiakas soittaa MiePä-tiimiin itse, lähetettä ei tarvita [000]",
        "requires:psykiatrinen-sairaanhoitaja",
        {"municipality": "Heinola", "mental_health_concern": True},
        ["client_contacts_miepa"],
    ),
    row(
        "Heinola: Kelan työkykyneuvoja vain koordinaattorin, th:n tai sosiaalipalvelujen asiakkaille [000]",
        "kela-tyokykyneuvoja",
        {"municipality": "Heinola", "client_of": []},
        "not_eligible",
    ),
    row(
        "Heinola: työikäisten sosiaalipalvelujen asiakas → Kelan työkykyneuvoja [000]",
        "kela-tyokykyneuvoja",
        {"municipality": "Heinola", "client_of": ["tyoikaisten-sosiaalipalvelut"]},
        "eligible",
    ),
    row(
        "Heinola: työkykyneuvojan aika varataan koordinaattorin, th:n tai sosiaalipalvelujen kautta [000]",
        "requires:kela-tyokykyneuvoja",
        {"municipality": "Heinola", "client_of": ["tyokykykoordinaattori"]},
        ["booked_via_named_units", "consent"],
    ),
    row(
        "Heinola: lääkärille aina hoitajan tai koordinaattorin kartoitus ensin [000]",
        "requires:tyokyvyn-tuen-laakari",
        {"municipality": "Heinola"},
        ["nurse_or_coordinator_assessment"],
    ),
    row(
        "Kuntakokeilu 2024: lahtelainen alle 30-vuotias työtön [001], laki 1269/2020",
        "kuntakokeilu",
        {
            "reference_date": "2024-06-01",
            "municipality": "Lahti",
            "employment_status": "unemployed",
            "age": 22,
        },
        "eligible",
    ),
    row(
        "Kuntakokeilu 2023: heinolalainen ei, Heinola ei kuulunut Lahden seudun kokeiluun [001]",
        "kuntakokeilu",
        {
            "reference_date": "2023-06-01",
            "municipality": "Heinola",
            "employment_status": "unemployed",
            "age": 22,
        },
        "not_eligible",
    ),
    row(
        "Kuntakokeilu 2024: Orimattilan somalinkielinen ansiosidonnaisella [001]",
        "kuntakokeilu",
        {
            "reference_date": "2024-06-01",
            "municipality": "Orimattila",
            "employment_status": "unemployed",
            "age": 45,
            "unemployment_benefit": "earnings_related",
            "mother_tongue": "so",
            "finnish_citizen": True,
        },
        "eligible",
    ),
    row(
        "Kuntakokeilu: muualla sääntökirja ei tunne kokeilukuntia → ei tiedetä (laki 1269/2020)",
        "kuntakokeilu",
        {
            "reference_date": "2024-06-01",
            "municipality": "Turku",
            "employment_status": "unemployed",
            "age": 22,
        },
        "unknown",
    ),
    row(
        "Kuntakokeilu päättyi 31.12.2024 (TE24)",
        "kuntakokeilu",
        {"reference_date": "2025-01-01", "employment_status": "unemployed", "age": 22},
        "not_available",
    ),
    # --- 6. The student route ---------------------------------------------------------------
    row(
        "Heinola: Salpauksen opiskelija, jolla vakavia vaikeuksia → koordinaattori, vaikka opiskeluterveys [000]",
        "tyokykykoordinaattori",
        {
            "municipality": "Heinola",
            "is_student": True,
            "employment_status": "student",
            "has_student_health_care": True,
            "study_difficulties": True,
        },
        "eligible",
    ),
    row(
        "Heinola: työssä käyvä ei ole opiskelijana koordinaattorin asiakas, opintoja ei kysytä [000]",
        "tyokykykoordinaattori",
        {"municipality": "Heinola", "employment_status": "employed"},
        "not_eligible",
    ),
    row(
        "Heinola: opiskelija ilman opintovaikeuksia ei ole koordinaattorin asiakas [000]",
        "tyokykykoordinaattori",
        {
            "municipality": "Heinola",
            "is_student": True,
            "employment_status": "student",
            "study_difficulties": False,
        },
        "not_eligible",
    ),
    # --- 7. The vocational-rehabilitation organiser -----------------------------------------
    row(
        "45-vuotias ilman todettua uhkaa: selvitä ensin uhka lääkärillä (B-lausunto) [002]",
        "organiser",
        {"age": 45, "rehabilitation_cause": "illness_or_injury", "work_disability_threat": False},
        "establish_threat",
    ),
    row(
        "45 v ilman uhkaa → ei ammatillista kuntoutusta [002]",
        "ammatillinen-kuntoutus",
        {"age": 45, "work_disability_threat": False},
        "not_eligible",
    ),
    row(
        "Nuori ilman sairautta → Kelan nuoren ammatillinen kuntoutus [001]",
        "ammatillinen-kuntoutus",
        {"age": 19},
        "eligible",
    ),
    row(
        "Työ päättyi 8 vuotta sitten: ei kiinteää aikarajaa, eläkelaitos arvioi (TyEL 25 §) [002]",
        "organiser",
        {
            "rehabilitation_cause": "illness_or_injury",
            "work_disability_threat": True,
            "age": 50,
            "years_in_profession": 10,
            "years_since_work_ended": 8,
            "earnings_last_5_years_eur": 60_000,
        },
        "earnings_related_pension",
    ),
    # --- 8. The law since the seeds ---------------------------------------------------------
    row(
        "KTT 2026: ansiosidonnaisella TYM-suunnitelman kautta (HE 109/2025, StVM 27/2025)",
        "kuntouttava-tyotoiminta",
        {
            "reference_date": "2026-06-01",
            "employment_status": "unemployed",
            "unemployment_benefit": "earnings_related",
            "receives_social_assistance": False,
            "capacity_prevents_employment_services": True,
        },
        "eligible",
    ),
    row(
        "Vanhuuseläkeikä ikäluokittain: 1960 syntynyt 64 v 10 kk on ohittanut ikäluokkansa alimman iän 64 v 6 kk (telp.fi)",
        "ammatillinen-kuntoutus",
        {"birth_date": "1960-07-15", "reference_date": "2025-06-01"},
        "not_eligible",
    ),
    row(
        "Vanhuuseläkeikä ikäluokittain: 1962 syntynyt 63-vuotias alle alimman iän 65 (telp.fi)",
        "ammatillinen-kuntoutus",
        {"birth_date": "1962-03-01", "work_disability_threat": True},
        "eligible",
    ),
    row(
        "Vanhuuseläkeikä ikäluokittain: 64-vuotias ilman syntymäaikaa → ei tiedetä (telp.fi)",
        "tyokyvyttomyyselake",
        {"age": 64, "work_capacity_reduction_percent": 60, "work_capacity_reduced_months": 13},
        "unknown",
    ),
    row(
        "Työkyky alentunut 60 % vuoden ajan, 50 v → työkyvyttömyyseläke [002]",
        "tyokyvyttomyyselake",
        {"work_capacity_reduction_percent": 60, "work_capacity_reduced_months": 13, "age": 50},
        "eligible",
    ),
    row(
        "Alenema 30 % ei riitä työkyvyttömyyseläkkeeseen [002]",
        "tyokyvyttomyyselake",
        {"work_capacity_reduction_percent": 30, "work_capacity_reduced_months": 13, "age": 50},
        "not_eligible",
    ),
    row(
        "Vammaispalvelujen asiakas → työhönvalmennus (SHL 710/1982 27 d §, vammaispalvelulaki 675/2023)",
        "vammaispalvelujen-tyohonvalmennus",
        {"disability": True},
        "eligible",
    ),
    row(
        "Jälkihuolto 2023: 24-vuotias vielä piirissä (laki 542/2019)",
        "jalkihuolto",
        {"reference_date": "2023-06-01", "age": 24, "child_protection_aftercare": True},
        "eligible",
    ),
    row(
        "Jälkihuolto 2024: 24-vuotias ei enää, yläikä 23 (HE 56/2023)",
        "jalkihuolto",
        {"reference_date": "2024-06-01", "age": 24, "child_protection_aftercare": True},
        "not_eligible",
    ),
    row(
        "Jälkihuolto vain lastensuojelun kautta [000]",
        "jalkihuolto",
        {"age": 20, "child_protection_aftercare": False},
        "not_eligible",
    ),
    # --- Youth services and the rest --------------------------------------------------------
    row(
        "Etsivä nuorisotyö: 28-vuotias vielä nuori (nuorisolaki 1285/2016)",
        "etsiva-nuorisotyo",
        {"age": 28},
        "eligible",
    ),
    row(
        "Etsivä nuorisotyö: 29-vuotias ei (nuorisolaki 1285/2016)",
        "etsiva-nuorisotyo",
        {"age": 29},
        "not_eligible",
    ),
    row(
        "Etsivä nuorisotyö: syntymäpäivänä 29 v ei enää [000]",
        "etsiva-nuorisotyo",
        {"birth_date": "1996-06-01", "reference_date": "2025-06-01"},
        "not_eligible",
    ),
    row("Ohjaamo: 29-vuotias vielä [001]", "ohjaamo", {"age": 29}, "eligible"),
    row("Mediapaja: 28-vuotias [000]", "mediapaja", {"age": 28}, "eligible"),
    row(
        "Päivätoiminnan asiakas → ryhmämuotoinen työllistyminen [001]",
        "ryhmamuotoinen-tyollistyminen",
        {"in_disability_day_activity": True},
        "eligible",
    ),
    row(
        "Työsuhteessa → työterveyshuolto (työterveyshuoltolaki 1383/2001)",
        "tyoterveyshuolto",
        {"employment_status": "employed"},
        "eligible",
    ),
    row(
        "Riippuvuus → päihdesairaanhoitaja ilman lähetettä [001]",
        "paihdesairaanhoitaja",
        {"triggers": ["addiction"]},
        "eligible",
    ),
]


@pytest.mark.parametrize(("key", "facts", "expected"), EXAMPLES)
def test_caseworker_example(recommend_for, key, facts, expected):
    # given the facts of the example; when the rules are evaluated; then the answer is expected
    assert answer(recommend_for(**facts), key) == expected


# --- 1. The Työkykymittari: the two-step tool of seed [000] ----------------------------------
MITTARI = [
    pytest.param(
        MittariAnswers(score=8), "no_need", (), id="Pisteet 8: ei tarvetta selvittelyille [000]"
    ),
    pytest.param(
        MittariAnswers(score=5),
        "ask",
        (),
        id="Pisteet 5: kysy millainen haaste, onko hoitoa ja onko tarvetta [000]",
    ),
    pytest.param(
        MittariAnswers(score=5, needs=frozenset()),
        "no_need",
        (),
        id="Pisteet 5, kysytty: ei tarvetta selvittelyille [000]",
    ),
    pytest.param(
        MittariAnswers(
            score=6, needs=frozenset({"rehabilitation"}), has_occupational_health_care=True
        ),
        "refer_occupational_health",
        ("occupational_health",),
        id="Tarve kuntoutukselle ja työterveyshuolto: ohjaa sinne [000]",
    ),
    pytest.param(
        MittariAnswers(
            score=4,
            needs=frozenset({"further_investigation"}),
            has_occupational_health_care=False,
            unemployed=True,
        ),
        "refer_unemployed_health_nurse_or_coordinator",
        ("unemployed_health_nurse", "coordinator"),
        id="Työtön ilman työterveyttä: työttömien th ja/tai koordinaattori [000]",
    ),
]


@pytest.mark.parametrize(("answers", "step", "referral"), MITTARI)
def test_tyokykymittari_example(answers, step, referral):
    decision = next_step(answers)
    assert decision.step == step
    assert STEP_DESTINATIONS.get(decision.step, ()) == referral


def test_the_mittaris_other_options_are_the_seeds_five_professionals():
    # [000] "Lääkäri, fysioterapeutti, toimintaterapeutti, MiePä-tiimi, työikäisten sosiaalipalvelut"
    decision = next_step(MittariAnswers(score=3, needs=frozenset({"sick_leave"})))
    assert [PROFESSIONAL_DESTINATIONS[p] for p in decision.professionals] == [
        "doctor",
        "physiotherapist",
        "occupational_therapist",
        "miepa",
        "social_services",
    ]


# --- 8. The catalogue states the law since the seeds ---------------------------------------
CATALOGUE = Path(__file__).parents[4] / "data" / "catalogue"


def test_ktt_is_arranged_by_the_wellbeing_county_since_2023():
    # laki 189/2001 as amended by 591/2022 (1.1.2023): hyvinvointialue, not "kunta" ([001] is older)
    types = yaml.safe_load((CATALOGUE / "service-types.yaml").read_text(encoding="utf-8"))
    ktt = next(t for t in types["service_types"] if t["slug"] == "kuntouttava-tyotoiminta")
    assert "hyvinvointialue" in ktt["description"]["fi"].lower()
    assert "kunnan järjestämä" not in ktt["description"]["fi"].lower()
    region = (CATALOGUE / "paijat-hame.yaml").read_text(encoding="utf-8")
    assert "Kuntouttavan työtoiminnan järjestää kunta" not in region


def test_disability_job_coaching_cites_the_law_in_force_since_2025():
    # vammaispalvelulaki 675/2023 (1.1.2025) replaced the kehitysvammalaki as the secondary basis
    region = (CATALOGUE / "paijat-hame.yaml").read_text(encoding="utf-8")
    assert "(kehitysvammalaki," not in region and "675/2023" in region
