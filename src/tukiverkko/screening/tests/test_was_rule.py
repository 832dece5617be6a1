import pytest

from tukiverkko.screening.was import needs_assessment


@pytest.mark.parametrize(
    ("score", "expected"),
    [(0, True), (6, True), (7, True), (8, False), (9, False), (10, False)],
)
def test_needs_assessment_at_and_around_the_cut_off(score: int, expected: bool) -> None:
    # given a work ability score / when asked / then ≤ 7 needs an assessment
    assert needs_assessment(score) is expected


@pytest.mark.parametrize("score", [-1, 11, 7.5, "7", True])
def test_needs_assessment_rejects_scores_outside_the_scale(score: object) -> None:
    # given a value that is not a 0–10 integer / when asked / then a ValueError names the field
    with pytest.raises(ValueError, match="score"):
        needs_assessment(score)  # type: ignore[arg-type]
