import pytest

from tukiverkko.screening.instruments.tyokykymittari import (
    NURSE_FIRST,
    MittariAnswers,
    next_step,
)

NEED = frozenset({"rehabilitation"})


@pytest.mark.parametrize(
    ("answers", "step", "ask"),
    [
        (MittariAnswers(score=7), "ask", ("needs", "treated")),
        (MittariAnswers(score=8), "no_need", ()),
        (MittariAnswers(score=3, needs=frozenset()), "no_need", ()),
        (MittariAnswers(score=3, needs=NEED), "ask", ("has_occupational_health_care",)),
        (
            MittariAnswers(score=3, needs=NEED, has_occupational_health_care=True),
            "refer_occupational_health",
            (),
        ),
        (
            MittariAnswers(score=3, needs=NEED, has_occupational_health_care=False),
            "ask",
            ("unemployed",),
        ),
        (
            MittariAnswers(
                score=5, needs=NEED, has_occupational_health_care=False, unemployed=True
            ),
            "refer_unemployed_health_nurse_or_coordinator",
            (),
        ),
        (
            MittariAnswers(
                score=5, needs=NEED, has_occupational_health_care=False, unemployed=False
            ),
            "consult_coordinator",
            (),
        ),
        # a need found by the professional wins over a high score
        (
            MittariAnswers(
                score=9, needs=frozenset({"sick_leave"}), has_occupational_health_care=True
            ),
            "refer_occupational_health",
            (),
        ),
    ],
)
def test_tyokykymittari_flow(answers: MittariAnswers, step: str, ask: tuple[str, ...]) -> None:
    # given the answers so far / when the flow is read / then the next step and what to ask
    decision = next_step(answers)
    assert (decision.step, decision.ask) == (step, ask)
    assert decision.reasons[0].startswith(f"Työkykypistemäärä {answers.score}")


def test_referral_reasons_say_nurse_or_coordinator_before_doctor() -> None:
    decision = next_step(
        MittariAnswers(score=2, needs=NEED, has_occupational_health_care=False, unemployed=True)
    )
    assert NURSE_FIRST in decision.reasons
    assert "lääkäri" in decision.professionals


@pytest.mark.parametrize(("treated", "text"), [(False, "ei ole saanut"), (True, "on saanut")])
def test_treatment_answer_is_part_of_the_reasons(treated: bool, text: str) -> None:
    decision = next_step(MittariAnswers(score=6, treated=treated))
    assert any(text in reason for reason in decision.reasons)


@pytest.mark.parametrize(
    "answers",
    [MittariAnswers(score=11), MittariAnswers(score=5, needs=frozenset({"holiday"}))],  # type: ignore[arg-type]
)
def test_bad_input_is_a_value_error(answers: MittariAnswers) -> None:
    with pytest.raises(ValueError, match=r"score|needs"):
        next_step(answers)
