"""next_questions: the facts that would settle most open decisions come first."""

from __future__ import annotations

from tukiverkko.rules.expr import Context
from tukiverkko.rules.parameters import default
from tukiverkko.rules.questions import candidates


def test_a_field_already_known_is_never_asked(recommend_for):
    questions = recommend_for(age=30, employment_status="unemployed")["next_questions"]
    assert "age" not in questions and "employment_status" not in questions
    assert "birth_date" not in questions and "reference_date" not in questions


def test_age_settles_most_when_nothing_is_known(recommend_for):
    # Age alone decides etsivä nuorisotyö, ohjaamo and mediapaja whatever its value.
    questions = recommend_for()["next_questions"]
    assert questions[0] == "age"


def test_ranking_prefers_what_settles_every_answer(recommend_for):
    # given an unemployed 30-year-old whose health-care coverage is not known
    questions = recommend_for(age=30, employment_status="unemployed", work_ability_score=4)[
        "next_questions"
    ]
    # then occupational health care (settles 4 services and the route for either answer)
    # is asked before a field that settles one service
    assert questions.index("has_occupational_health_care") < questions.index("disability")


def test_nothing_to_ask_when_everything_is_decided(recommend_for):
    full = {
        "age": 40,
        "employment_status": "employed",
        "has_occupational_health_care": True,
        "has_student_health_care": False,
        "in_multisectoral_service": False,
        "work_ability_score": 9,
        "triggers": ["addiction"],
        "needs_multiprofessional_support": False,
        "employment_prospect_within_2_years": True,
        "work_disability_threat": False,
        "rehabilitation_cause": "none",
        "years_in_profession": 10,
        "years_since_work_ended": 0,
        "earnings_last_5_years_eur": 200_000,
        "work_capacity_reduction_percent": 0,
        "work_capacity_reduced_months": 0,
        "disability": False,
        "in_disability_day_activity": False,
        "child_protection_aftercare": False,
        "unemployment_benefit": "none",
        "receives_social_assistance": False,
        "municipality": "Helsinki",
        "mental_health_concern": False,
        "client_of": [],
        "life_management_barriers": [],
        "work_ability_needs": [],
        "known_work_limitations": False,
        "capacity_prevents_employment_services": False,
        "goal_open_labour_market": False,
        "earnings_related_rehabilitee": False,
    }
    result = recommend_for(**full)
    assert result["next_questions"] == []
    assert all(s["status"] != "unknown" for s in result["services"])


def test_numeric_candidates_straddle_every_threshold():
    ctx = Context({}, __import__("datetime").date(2025, 6, 1), default())
    ages = candidates("age", ctx)
    for limit in (15, 16, 23, 25, 29, 30, 65):
        assert {limit - 1, limit} <= set(ages)
    assert candidates("work_ability_score", ctx)[:1] == [0]
    # one municipality of each scope with its own practice, and one outside them all
    places = candidates("municipality", ctx)
    assert {"heinola", "turku", "(muu kunta)"} <= set(places) or {"heinola", "(muu kunta)"} <= set(
        places
    )
    assert len(places) == len(ctx.parameters.scopes) + 1
    assert candidates("mother_tongue", ctx) == ["fi", "xx"]
    assert 35614.03 not in candidates("earnings_last_5_years_eur", ctx)
    assert 41143.38 in candidates("earnings_last_5_years_eur", ctx)


def test_municipality_is_asked_when_the_practices_disagree(recommend_for):
    # given an unemployed person with a need but no municipality: the coordinator's criteria
    # differ between Heinola, Päijät-Sote, Varha and the national rule
    result = recommend_for(
        employment_status="unemployed",
        has_occupational_health_care=False,
        work_ability_needs=["rehabilitation"],
    )
    # then the municipality is one of the questions and the coordinator is unknown because of it
    assert "municipality" in result["next_questions"]
    tkk = next(s for s in result["services"] if s["service_type"] == "tyokykykoordinaattori")
    assert tkk["status"] == "unknown" and tkk["missing"][0] == "municipality"
    assert tkk["practice"]["scope"] is None
