"""Every band boundary of every instrument, with its neighbour, against the published tables."""

import pytest

from tukiverkko.screening.instruments import INSTRUMENTS, score
from tukiverkko.screening.tests.builders import wai_answers, with_total

# (instrument, total, band) — RULEBOOK §12 and the sources cited there.
SUM_TABLE = [
    # PHQ-9, Kroenke 2001: 0–4, 5–9, 10–14, 15–19, 20–27
    ("phq9", 0, "minimal"),
    ("phq9", 4, "minimal"),
    ("phq9", 5, "mild"),
    ("phq9", 9, "mild"),
    ("phq9", 10, "moderate"),
    ("phq9", 14, "moderate"),
    ("phq9", 15, "moderately_severe"),
    ("phq9", 19, "moderately_severe"),
    ("phq9", 20, "severe"),
    ("phq9", 27, "severe"),
    # GAD-7, Spitzer 2006: 0–4, 5–9, 10–14, 15–21
    ("gad7", 0, "minimal"),
    ("gad7", 4, "minimal"),
    ("gad7", 5, "mild"),
    ("gad7", 9, "mild"),
    ("gad7", 10, "moderate"),
    ("gad7", 14, "moderate"),
    ("gad7", 15, "severe"),
    ("gad7", 21, "severe"),
]


@pytest.mark.parametrize(("instrument", "total", "band"), SUM_TABLE)
def test_sum_instruments_band_boundaries(instrument: str, total: int, band: str) -> None:
    # given answers adding up to a boundary total (q9 kept at 0 for the PHQ-9 unless needed)
    answers = with_total(instrument, total)
    # when scored
    result = score(instrument, answers)
    # then the total and the published band
    assert (result.score, result.band) == (total, band)


@pytest.mark.parametrize(
    ("instrument", "total", "positive"),
    [("phq9", 9, False), ("phq9", 10, True), ("gad7", 9, False), ("gad7", 10, True)],
)
def test_screen_positive_from_ten(instrument: str, total: int, positive: bool) -> None:
    # given a total around 10 / when scored / then screen_positive exactly from 10
    result = score(instrument, with_total(instrument, total))
    assert ("screen_positive" in result.flags) is positive


@pytest.mark.parametrize(
    ("value", "band", "research"),
    [
        (0, "needs_assessment", "poor"),
        (5, "needs_assessment", "poor"),
        (6, "needs_assessment", "moderate"),
        (7, "needs_assessment", "moderate"),
        (8, "no_need", "good"),
        (9, "no_need", "good"),
        (10, "no_need", "excellent"),
    ],
)
def test_was_bands_and_research_bands(value: int, band: str, research: str) -> None:
    # given a work ability score / when scored / then ≤ 7 needs assessment; Ahlstrom bands as detail
    result = score("was", {"score": value})
    assert (result.score, result.band, result.details["research_band"]) == (value, band, research)


@pytest.mark.parametrize(
    ("total", "zone"),
    [
        (0, "zone_1"),
        (7, "zone_1"),
        (8, "zone_2"),
        (15, "zone_2"),
        (16, "zone_3"),
        (19, "zone_3"),
        (20, "zone_4"),
        (27, "zone_4"),
    ],
)
def test_audit_zone_boundaries_without_raising(total: int, zone: str) -> None:
    # given q4–q6 at most 1 and q9/q10 at most 2, so no zone raising applies
    fixed = {"q4": min(1, total), "q5": 0, "q6": 0, "q9": 0, "q10": 0}
    if total > 21:
        fixed.update(q5=1, q6=1, q9=2, q10=2)
    answers = with_total("audit", total, **fixed) | {"sex": "male"}
    # when scored
    result = score("audit", answers)
    # then the WHO zone of the total, not raised
    assert (result.score, result.band, result.details["zone_by_total"]) == (total, zone, zone)
    assert "audit_zone_raised" not in result.flags


def test_audit_maximum_is_zone_4() -> None:
    # given every answer at its maximum / when scored / then 40, zone IV (cannot be raised past it)
    answers = {i.id: max(i.allowed) for i in INSTRUMENTS["audit"].items} | {"sex": "female"}
    result = score("audit", answers)
    assert (result.score, result.band, result.details["zone_by_total"]) == (40, "zone_4", "zone_4")
    assert "audit_zone_raised" in result.flags


@pytest.mark.parametrize(
    ("section_sum", "index", "band"),
    [
        (0, 0, "minimal"),
        (10, 20, "minimal"),
        (11, 22, "moderate"),
        (20, 40, "moderate"),
        (21, 42, "severe"),
        (30, 60, "severe"),
        (31, 62, "crippled"),
        (40, 80, "crippled"),
        (41, 82, "bed_bound"),
        (50, 100, "bed_bound"),
    ],
)
def test_odi_band_boundaries_all_sections(section_sum: int, index: float, band: str) -> None:
    # given all ten sections answered / when scored / then index = sum / 50 × 100 and its band
    result = score("odi", with_total("odi", section_sum))
    assert (result.score, result.band) == (index, band)
    assert result.flags == ()


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        (wai_answers(5), 7, "poor"),
        (wai_answers(25), 27, "poor"),
        (wai_answers(25, job_type=1, physical=1, mental=2), 27.5, "poor"),
        (wai_answers(26), 28, "moderate"),
        (wai_answers(34), 36, "moderate"),
        (wai_answers(33, job_type=1, physical=1, mental=4), 36.5, "moderate"),
        (wai_answers(35), 37, "good"),
        (wai_answers(39, physical=2, mental=2), 43, "good"),
        (wai_answers(39, job_type=2, physical=3, mental=2), 43.5, "good"),
        (wai_answers(39, physical=2, mental=3), 44, "excellent"),
        (wai_answers(39, physical=5, mental=5), 49, "excellent"),
    ],
)
def test_wai_band_boundaries(answers: dict[str, object], total: float, band: str) -> None:
    # given WAI answers at a boundary (halves from the item 2 weighting stay in the lower band)
    result = score("wai", answers)
    # then the total and the EU-OSHA band
    assert (result.score, result.band) == (total, band)
