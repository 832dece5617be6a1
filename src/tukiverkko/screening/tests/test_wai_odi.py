import pytest

from tukiverkko.screening.instruments import AnswerError, score
from tukiverkko.screening.instruments.wai import (
    JOB_BOTH,
    JOB_MENTAL,
    JOB_PHYSICAL,
    demands_points,
    mental_resources_points,
)
from tukiverkko.screening.tests.builders import wai_answers, with_total


@pytest.mark.parametrize(
    ("job", "physical", "mental", "points"),
    [
        (JOB_PHYSICAL, 5, 1, 8.0),  # physical × 1.5 + mental × 0.5
        (JOB_PHYSICAL, 1, 5, 4.0),
        (JOB_MENTAL, 5, 1, 4.0),  # physical × 0.5 + mental × 1.5
        (JOB_MENTAL, 1, 5, 8.0),
        (JOB_BOTH, 5, 1, 6.0),
        (JOB_BOTH, 3, 4, 7.0),
        (JOB_PHYSICAL, 1, 1, 2.0),
        (JOB_MENTAL, 5, 5, 10.0),
        (JOB_PHYSICAL, 3, 2, 5.5),
    ],
)
def test_wai_item2_weighting_by_job_type(
    job: int, physical: int, mental: int, points: float
) -> None:
    # given the kind of work and the two ratings / when weighted / then Tuomi's item 2 points
    assert demands_points(job, physical, mental) == points


def test_wai_weighting_changes_the_total() -> None:
    # given the same ratings for a physical and a mental job
    physical = score("wai", wai_answers(20, job_type=JOB_PHYSICAL, physical=5, mental=1))
    mental = score("wai", wai_answers(20, job_type=JOB_MENTAL, physical=5, mental=1))
    # then item 2 differs by the weighting: 8 vs 4
    assert (physical.score, mental.score) == (28, 24)
    assert (physical.details["item2"], mental.details["item2"]) == (8.0, 4.0)


@pytest.mark.parametrize(
    ("raw", "points"),
    [(0, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3), (10, 4), (12, 4)],
)
def test_wai_item7_mental_resources_mapping(raw: int, points: int) -> None:
    # given the 0–12 raw sum of the three sub-questions / then 1–4 points per Tuomi
    assert mental_resources_points(raw) == points


def test_wai_item7_from_sub_answers() -> None:
    # given sub-answers 4 + 3 + 3 = 10 / when scored / then item 7 gives 4 points
    answers = wai_answers(20) | {
        "mental_resources_enjoy": 4,
        "mental_resources_active": 3,
        "mental_resources_hope": 3,
    }
    assert score("wai", answers).details["item7"] == 4


@pytest.mark.parametrize(("item", "value"), [("diseases", 6), ("prognosis", 2), ("job_type", 4)])
def test_wai_rejects_points_that_the_item_cannot_give(item: str, value: int) -> None:
    # given a value the item's scoring never gives / then the item is named
    with pytest.raises(AnswerError, match=item):
        score("wai", wai_answers(20) | {item: value})


@pytest.mark.parametrize(
    ("missing", "index", "band"),
    [
        (["s8"], 20.0, "minimal"),  # 9 answered, sum 9: 9/45 = 20 %
        (["s8", "s10"], 20.0, "minimal"),  # 8 answered, sum 8: 8/40
    ],
)
def test_odi_missing_sections_are_left_out_of_the_divisor(
    missing: list[str], index: float, band: str
) -> None:
    # given one or two sections unanswered and the rest summing to 1 per section
    answers = {f"s{i}": 1 for i in range(1, 11) if f"s{i}" not in missing}
    # when scored
    result = score("odi", answers)
    # then sum / (5 × answered) × 100 with the missing sections named
    assert (result.score, result.band) == (index, band)
    assert "odi_sections_missing" in result.flags
    assert all(s in result.interpretation for s in missing)
    assert result.details["answered_sections"] == 10 - len(missing)


def test_odi_nine_sections_next_to_the_boundary_rounds_to_one_decimal() -> None:
    # given nine sections summing to 10 / when scored / then 10/45 = 22.2 % → moderate
    answers = with_total("odi", 10) | {"s10": None}
    answers = {k: v for k, v in answers.items() if k != "s10"}
    answers["s1"] = 5
    answers["s2"] = 5
    for k in ("s3", "s4", "s5", "s6", "s7", "s8", "s9"):
        answers[k] = 0
    result = score("odi", answers)
    assert (result.score, result.band) == (22.2, "moderate")


def test_odi_a_null_answer_counts_as_unanswered() -> None:
    # given s8 sent as null / when scored / then it is left out like a missing key
    answers = {f"s{i}": 2 for i in range(1, 11)} | {"s8": None}
    assert score("odi", answers).details["answered_sections"] == 9


def test_odi_three_missing_sections_is_an_error_naming_them() -> None:
    # given three sections unanswered / when scored / then no index, every missing one named
    answers = {f"s{i}": 1 for i in range(1, 8)}
    with pytest.raises(AnswerError) as error:
        score("odi", answers)
    assert [(p.item, p.code) for p in error.value.problems] == [
        ("s8", "too_many_missing"),
        ("s9", "too_many_missing"),
        ("s10", "too_many_missing"),
    ]
    assert "3 items unanswered" in str(error.value)
