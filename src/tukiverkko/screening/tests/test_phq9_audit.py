import pytest

from tukiverkko.screening.instruments import score
from tukiverkko.screening.instruments.audit import zone_raised
from tukiverkko.screening.instruments.phq9 import ITEM9_WARNING
from tukiverkko.screening.tests.builders import with_total


@pytest.mark.parametrize(("q9", "total"), [(1, 1), (1, 4), (3, 27), (2, 12)])
def test_phq9_item9_above_zero_flags_whatever_the_total(q9: int, total: int) -> None:
    # given item 9 answered above 0, even with a minimal total
    answers = with_total("phq9", total, q9=q9)
    # when scored
    result = score("phq9", answers)
    # then the self-harm flag and the immediate-assessment warning come first
    assert "phq9_item9_positive" in result.flags
    assert result.interpretation.startswith(ITEM9_WARNING)


@pytest.mark.parametrize("total", [0, 9, 27 - 3])
def test_phq9_item9_zero_never_flags(total: int) -> None:
    # given item 9 answered 0 / when scored / then no self-harm flag, whatever the total
    result = score("phq9", with_total("phq9", total, q9=0))
    assert "phq9_item9_positive" not in result.flags
    assert ITEM9_WARNING not in result.interpretation


# AUDIT, Finnish cut-off (Käypä hoito): men ≥ 8, women ≥ 6; no sex → the lower cut-off + flag.
@pytest.mark.parametrize(
    ("sex", "total", "positive"),
    [
        ("male", 7, False),
        ("male", 8, True),
        ("female", 5, False),
        ("female", 6, True),
        (None, 5, False),
        (None, 6, True),
    ],
)
def test_audit_finnish_cut_off_by_sex(sex: str | None, total: int, positive: bool) -> None:
    # given a total around the sex-specific cut-off
    answers = with_total("audit", total)
    if sex:
        answers["sex"] = sex
    # when scored
    result = score("audit", answers)
    # then screen_positive from the cut-off on, and sex_not_given only when sex is missing
    assert ("screen_positive" in result.flags) is positive
    assert ("sex_not_given" in result.flags) is (sex is None)


@pytest.mark.parametrize(
    ("sex", "total", "band"),
    [
        ("male", 5, "below_cutoff"),
        ("male", 6, "at_or_above_cutoff"),
        ("female", 4, "below_cutoff"),
        ("female", 5, "at_or_above_cutoff"),
        (None, 4, "below_cutoff"),
        (None, 5, "at_or_above_cutoff"),
        ("male", 12, "at_or_above_cutoff"),
        ("female", 0, "below_cutoff"),
    ],
)
def test_audit_c_cut_off_by_sex(sex: str | None, total: int, band: str) -> None:
    # given an AUDIT-C total around the Finnish cut-off (men ≥ 6, women ≥ 5)
    answers = with_total("audit_c", total)
    if sex:
        answers["sex"] = sex
    # when scored
    result = score("audit_c", answers)
    # then the band and the screen_positive flag agree with the cut-off
    assert (result.score, result.band) == (total, band)
    assert ("screen_positive" in result.flags) is (band == "at_or_above_cutoff")
    assert ("sex_not_given" in result.flags) is (sex is None)


@pytest.mark.parametrize(
    ("fixed", "raised"),
    [
        ({"q4": 2}, True),
        ({"q5": 2}, True),
        ({"q6": 3}, True),
        ({"q9": 4}, True),
        ({"q10": 4}, True),
        ({"q4": 1, "q5": 1, "q6": 1}, False),  # per item, not the sum of q4–q6
        ({"q9": 2, "q10": 2}, False),
    ],
)
def test_audit_zone_raising_rule(fixed: dict[str, int], raised: bool) -> None:
    # given the dependence / harm items / when the rule is read / then raised per WHO
    answers = {f"q{i}": 0 for i in range(1, 11)} | fixed
    assert zone_raised(answers) is raised


@pytest.mark.parametrize(
    ("total", "fixed", "by_total", "band"),
    [
        (2, {"q4": 2}, "zone_1", "zone_2"),
        (8, {"q9": 4, "q10": 0}, "zone_2", "zone_3"),
        (16, {"q10": 4, "q9": 0}, "zone_3", "zone_4"),
        (20, {"q6": 4}, "zone_4", "zone_4"),
        (7, {"q4": 1, "q9": 0, "q10": 0}, "zone_1", "zone_1"),
    ],
)
def test_audit_zone_is_raised_one_step_at_most(
    total: int, fixed: dict[str, int], by_total: str, band: str
) -> None:
    # given a total and a dependence / harm answer
    answers = with_total("audit", total, **fixed) | {"sex": "male"}
    # when scored
    result = score("audit", answers)
    # then the zone is one higher than the total's zone (never past zone IV)
    assert (result.details["zone_by_total"], result.band) == (by_total, band)
    assert ("audit_zone_raised" in result.flags) is (by_total != band or total == 20)


@pytest.mark.parametrize("item", ["q9", "q10"])
@pytest.mark.parametrize("value", [1, 3])
def test_audit_harm_items_allow_only_0_2_4(item: str, value: int) -> None:
    # given 1 or 3 on q9/q10 / when scored / then the item is named as not allowed
    answers = with_total("audit", 0) | {item: value, "sex": "male"}
    with pytest.raises(ValueError, match=f"{item}: {value} is not an allowed answer"):
        score("audit", answers)


def test_audit_rejects_an_unknown_sex() -> None:
    # given sex "x" / when scored / then "sex" is named
    with pytest.raises(ValueError, match="sex"):
        score("audit", with_total("audit", 3) | {"sex": "x"})
