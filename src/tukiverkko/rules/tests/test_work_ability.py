"""needs_assessment and the Heinola Työkykymittari flow (RULEBOOK §4)."""

from __future__ import annotations

import pytest

from tukiverkko.screening import was


@pytest.mark.parametrize("score", range(11))
def test_needs_assessment_is_the_screening_rule(recommend_for, score):
    # the rules read the screening app's ≤ 7 cut, not a copy of their own
    result = recommend_for(work_ability_score=score)["work_ability"]
    assert result["needs_assessment"] is was.needs_assessment(score)
    assert result["score"] == score


@pytest.mark.parametrize(
    ("facts", "needs"),
    [
        ({}, None),
        ({"triggers": []}, False),
        ({"triggers": ["addiction"]}, True),
        ({"work_ability_score": 9}, False),
        ({"work_ability_score": 9, "triggers": ["learning_difficulties"]}, True),
        ({"work_ability_score": 3, "triggers": []}, True),
    ],
)
def test_needs_assessment_from_score_or_triggers(recommend_for, facts, needs):
    assert recommend_for(**facts)["work_ability"]["needs_assessment"] is needs


@pytest.mark.parametrize(
    ("facts", "phrase"),
    [
        ({}, "Kysy työkykypistemäärä"),
        ({"work_ability_score": 9, "triggers": []}, "Ei tarvetta selvittelyille."),
        ({"triggers": []}, "Ei tarvetta selvittelyille."),
        ({"work_ability_score": 5}, "Kysy, millainen haaste toimintakyvyssä on"),
        (
            {"work_ability_score": 5, "has_occupational_health_care": True},
            "ohjaa työterveyshuoltoon",
        ),
        (
            {"work_ability_score": 5, "has_occupational_health_care": False, "is_student": True},
            "opiskeluterveydenhuoltoon",
        ),
        (
            {
                "work_ability_score": 5,
                "has_occupational_health_care": False,
                "has_student_health_care": False,
                "is_student": False,
                "employment_status": "unemployed",
            },
            "työttömien terveydenhoitajalle ja/tai konsultoi työkykykoordinaattoria",
        ),
        (
            {
                "work_ability_score": 5,
                "has_occupational_health_care": False,
                "has_student_health_care": False,
                "is_student": False,
                "employment_status": "employed",
            },
            "terveysasemalle",
        ),
        (
            {"work_ability_score": 5, "work_ability_needs": ["sick_leave"]},
            "Selvitä ensin: Työterveyshuolto käytössä – sen mukaan",
        ),
        (
            {
                "work_ability_score": 5,
                "work_ability_needs": ["sick_leave"],
                "has_occupational_health_care": False,
            },
            "Selvitä ensin: Työmarkkina-asema, Opiskeluterveydenhuolto käytössä, Opiskelija",
        ),
        (
            {"work_ability_score": 5, "work_ability_needs": ["rehabilitation"]},
            "Aina terveydenhoitajan tai työkykykoordinaattorin kartoitus ennen",
        ),
        # Työkykymittari step 2 [000]: the need found, and whether it has been treated
        (
            {"work_ability_score": 6, "work_ability_needs": ["rehabilitation"]},
            "Tarve: kuntoutus.",
        ),
        ({"work_ability_score": 6, "work_ability_needs": []}, "Ei tarvetta selvittelyille."),
        (
            {"work_ability_score": 6, "challenge_treated": False},
            "Asiakas ei ole saanut haasteeseen hoitoa tai kuntoutusta.",
        ),
        # a need stated wins over a high score (decision 0043)
        (
            {
                "work_ability_score": 9,
                "work_ability_needs": ["sick_leave"],
                "has_occupational_health_care": True,
            },
            "ohjaa sinne",
        ),
        # an unemployed person without occupational health care: the seed's instruction,
        # without a "student?" question (the employment status answers it)
        (
            {
                "work_ability_score": 4,
                "work_ability_needs": ["further_investigation"],
                "has_occupational_health_care": False,
                "employment_status": "unemployed",
            },
            "ohjaa työttömien terveydenhoitajalle ja/tai konsultoi työkykykoordinaattoria",
        ),
        ({"triggers": ["addiction", "rejected_benefit"]}, "Herätteet: riippuvuuksia, hylätty"),
        ({"work_ability_score": 9}, "Työkykypistemäärä 9: 8 tai yli."),
    ],
)
def test_tyokykymittari_flow_explains_the_next_step(recommend_for, facts, phrase):
    reasons = " ".join(recommend_for(**facts)["work_ability"]["reasons"])
    assert phrase in reasons


def test_a_need_found_for_a_student_names_student_health_care_whatever_the_status(
    recommend_for,
):
    # The flow still asks whether the client is unemployed, but the route is already
    # known: a student without occupational health care goes to student health care.
    reasons = recommend_for(
        work_ability_score=5,
        work_ability_needs=["sick_leave"],
        has_occupational_health_care=False,
        is_student=True,
    )["work_ability"]["reasons"]
    assert "ohjaa opiskeluterveydenhuoltoon." in reasons
    assert not any(r.startswith("Selvitä ensin") for r in reasons)
    assert not any(r.startswith("Jos tarvetta on") for r in reasons)


def test_no_reminder_of_the_nurse_step_when_it_is_done(recommend_for):
    reasons = recommend_for(work_ability_score=5, nurse_or_coordinator_assessment_done=True)[
        "work_ability"
    ]["reasons"]
    assert not any("ennen lääkärin" in r for r in reasons)


def test_the_reminder_is_the_screening_flows_own_text():
    from tukiverkko.rules.engine import NURSE_FIRST
    from tukiverkko.screening.instruments.tyokykymittari import NURSE_FIRST as SCREENING

    assert NURSE_FIRST == SCREENING
