import pytest

from tukiverkko.screening.instruments import INSTRUMENTS, AnswerError, score
from tukiverkko.screening.instruments.base import Problem, band_for, has_lang, pick
from tukiverkko.screening.instruments.phq9 import BANDS
from tukiverkko.screening.tests.builders import with_total


def problems(instrument: str, answers: dict[str, object]) -> list[tuple[str, str]]:
    with pytest.raises(AnswerError) as error:
        score(instrument, answers)
    return [(p.item, p.code) for p in error.value.problems]


def test_every_bad_item_is_named_with_its_reason() -> None:
    # given an unknown id, an out-of-range value, a string, a float, a bool and missing items
    answers = {"q1": 4, "q2": "2", "q3": 1.0, "q4": True, "q5": 0, "q6": 0, "q7": 0, "q8": 0}
    answers["bogus"] = 1
    # when scored / then every problem is listed, none silently dropped
    assert problems("phq9", answers) == [
        ("bogus", "unknown"),
        ("q1", "not_allowed"),
        ("q2", "not_integer"),
        ("q3", "not_integer"),
        ("q4", "not_integer"),
        ("q9", "missing"),
    ]


def test_an_empty_answer_set_names_every_item() -> None:
    # given nothing / when scored / then each item is missing
    assert problems("gad7", {}) == [(f"q{i}", "missing") for i in range(1, 8)]


def test_error_messages_are_plain_and_name_the_allowed_answers() -> None:
    # given an out-of-range answer / when scored / then the message says what is allowed
    with pytest.raises(AnswerError, match=r"score: 11 is not an allowed answer \(allowed: 0, 1, "):
        score("was", {"score": 11})


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("q1", "missing", None, (0, 1)), "q1: missing (allowed: 0, 1)"),
        (Problem("x", "unknown"), "x: unknown item id"),
        (Problem("q1", "not_integer", "a", (0, 1)), 'q1: "a" is not an integer (allowed: 0, 1)'),
    ],
)
def test_problem_messages(problem: Problem, text: str) -> None:
    assert problem.message == text


def test_sex_is_not_an_item_of_other_instruments() -> None:
    # given "sex" sent to the PHQ-9 / when scored / then it is an unknown item
    assert ("sex", "unknown") in problems("phq9", with_total("phq9", 3) | {"sex": "male"})


def test_band_for_rejects_a_score_outside_the_bands() -> None:
    with pytest.raises(ValueError, match="outside"):
        band_for(BANDS, 28)


def test_pick_falls_back_to_finnish() -> None:
    # given a text without Swedish / then Swedish asks get the Finnish original
    assert pick({"fi": "suomeksi", "en": "in English"}, "sv") == "suomeksi"
    assert pick({"fi": "suomeksi", "en": "in English"}, "en") == "in English"


def test_instrument_item_lookup() -> None:
    instrument = INSTRUMENTS["wai"]
    assert instrument.item("prognosis").allowed == (1, 4, 7)
    with pytest.raises(KeyError):
        instrument.item("nope")
    assert instrument.band_for(27.5).slug == "poor"
    assert instrument.items[0].label("en") == instrument.items[0].label("fi")
    assert instrument.items[0].options[0].text() == "0"


def test_every_band_range_text() -> None:
    assert INSTRUMENTS["phq9"].bands[0].range == "0–4"
    assert INSTRUMENTS["audit_c"].bands[0].range == "miehet 0–5, naiset 0–4"


def test_has_lang_only_for_faithful_texts() -> None:
    phq9_item = INSTRUMENTS["phq9"].items[0]
    gad7_item = INSTRUMENTS["gad7"].items[0]
    assert has_lang(phq9_item.text, "sv")
    assert not has_lang(gad7_item.text, "sv")
